"""The per-contact facts the dashboard counts (ADR 0015; issue 7: 1 s at 1M contacts).

Every figure used to join contacts to their screening, decisions, letters and referrals and
work out office seconds per row on every page view. Now one narrow row per submitted contact
(reporting.ContactFact) holds what the figures need, filled by one set-based
INSERT ... SELECT ... ON CONFLICT DO UPDATE with the expressions the figures used
(cads_office_seconds from cads.reporting.calendar, the first decision, the decision in force).

Staleness is exact and cheap: PostgreSQL triggers on contacts, screenings, decisions, letters
and referrals add the contact to reporting_stalecontact in the same transaction as the change.
`refresh()` drains that queue; the five-minute sweep runs it, and so does every dashboard
before it counts (Scope.facts), so a figure is never out of date. A change of office hours or
bank holidays (FactCalendar) queues every contact. What depends on "now" (overdue or not yet
due) is still compared live, from the stored office seconds."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import connection, transaction

from cads.checks.workflow import Status as CheckStatus
from cads.contacts.codes import ContactKind
from cads.core.clocks import OfficeHours
from cads.decisions.workflow import DecisionStatus
from cads.letters.models import LetterKind
from cads.letters.workflow import LetterStatus
from cads.reporting import tallies
from cads.reporting.bands import BAND_SQL
from cads.reporting.calendar import weekday_holidays

BATCH = 10_000
SUBMITTED = ("submitted", "in_screening", "closed")  # cads.reporting.scope.SUBMITTED

# One trigger function per column name: PL/pgSQL cannot name a record's field at run time.
# DO UPDATE (not DO NOTHING) locks a queued row until the writer commits, so a refresh taking
# that row waits and then reads the writer's change (no change can slip between the two).
STALE_FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION cads_fact_stale_{column}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO reporting_stalecontact (contact_id) VALUES (NEW.{column})
        ON CONFLICT (contact_id) DO UPDATE SET contact_id = EXCLUDED.contact_id;
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.{column} <> NEW.{column}) THEN
        INSERT INTO reporting_stalecontact (contact_id) VALUES (OLD.{column})
        ON CONFLICT (contact_id) DO UPDATE SET contact_id = EXCLUDED.contact_id;
    END IF;
    RETURN NULL;
END $$;
"""
STALE_FUNCTIONS_SQL = "".join(STALE_FUNCTION_SQL.format(column=c) for c in ("id", "contact_id"))
# (table, column naming the contact): every record a figure reads about a contact. The
# partner checks' trigger came with the check facts (migration reporting.0004).
WATCHED = (
    ("contacts_contact", "id"),
    ("screening_screening", "contact_id"),
    ("decisions_decision", "contact_id"),
    ("letters_letter", "contact_id"),
    ("referrals_referral", "contact_id"),
)
WATCHED_CHECKS = (("checks_checkrequest", "contact_id"),)
COLUMNS_NAMING = ("id", "contact_id")


def triggers_sql(watched: tuple[tuple[str, str], ...]) -> str:
    return "".join(
        f"CREATE TRIGGER cads_fact_stale AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION cads_fact_stale_{column}();\n"
        for table, column in watched
    )


def drop_triggers_sql(watched: tuple[tuple[str, str], ...]) -> str:
    return "".join(f"DROP TRIGGER IF EXISTS cads_fact_stale ON {table};\n" for table, _ in watched)


TRIGGERS_SQL = STALE_FUNCTIONS_SQL + triggers_sql(WATCHED)
DROP_TRIGGERS_SQL = drop_triggers_sql(WATCHED) + "".join(
    f"DROP FUNCTION IF EXISTS cads_fact_stale_{column}();\n" for column in COLUMNS_NAMING
)

COLUMNS = (
    "received_at, worker_id, channel, referral_source, referrer_threshold_view, "
    "referrer_anonymous, rag_code, start_s, clock_from, decided, due_at, decided_s, acknowledged, "
    "acknowledged_s, referrals, re_referrals, disagrees, outcomes"
)
OFFICE = "cads_office_seconds({}, %(opens)s, %(closes)s, %(tz)s, %(holidays)s::date[], {})"
# Built from the constants above only (no user input), so S608 does not apply.
UPSERT_SQL = f"""
INSERT INTO reporting_contactfact (contact_id, {COLUMNS})
SELECT c.id, c.received_at, s.worker_id, c.channel, c.referral_source,
    c.referrer_threshold_view, c.referrer_anonymous,
    COALESCE(NULLIF(s.rag, ''), NULLIF(c.rag, '')),
    {OFFICE.format("c.received_at", "false")},
    cads_clock_start(c.received_at, %(opens)s, %(closes)s, %(tz)s, %(holidays)s::date[]),
    fd.decided_at, fd.due_at, {OFFICE.format("fd.decided_at", "true")},
    ack.at, {OFFICE.format("ack.at", "true")},
    r.n, r.repeat, s.disagrees_with_referrer, inf.outcomes
FROM contacts_contact c
LEFT JOIN screening_screening s ON s.contact_id = c.id
LEFT JOIN LATERAL (
    -- The first decision: a decision returned by a manager does not count.
    SELECT d.decided_at, d.due_at FROM decisions_decision d
    WHERE d.contact_id = c.id AND d.status <> %(returned)s
    ORDER BY d.decided_at, d.id LIMIT 1
) fd ON true
LEFT JOIN LATERAL (
    -- The decision in force: the latest agreed decision.
    SELECT d.outcomes FROM decisions_decision d
    WHERE d.contact_id = c.id AND d.status = %(agreed)s
    ORDER BY d.decided_at DESC, d.id DESC LIMIT 1
) inf ON true
LEFT JOIN LATERAL (
    SELECT LEAST(s.referrer_acknowledged_at, min(l.sent_at)) AS at FROM letters_letter l
    WHERE l.contact_id = c.id AND l.kind = %(acknowledgement)s AND l.status = %(sent)s
) ack ON true
LEFT JOIN LATERAL (
    SELECT count(*) AS n, count(f.previous_referral_id) AS repeat FROM referrals_referral f
    WHERE f.contact_id = c.id
) r ON true
WHERE c.id = ANY(%(ids)s::uuid[]) AND c.kind = %(kind)s AND c.status = ANY(%(submitted)s)
ON CONFLICT (contact_id) DO UPDATE SET ({COLUMNS}) = ROW({
    ", ".join(f"EXCLUDED.{c.strip()}" for c in COLUMNS.split(","))
})
"""  # noqa: S608
# A contact's partner checks, not cancelled, with its receipt and worker (after its fact).
TOOK = "extract(epoch FROM k.completed_at - k.requested_at)"
CHECKS_SQL = f"""
INSERT INTO reporting_checkfact (check_request_id, contact_id, received_at, worker_id,
    organisation_id, requested_at, completed_at, took_s, took_band)
SELECT k.id, k.contact_id, f.received_at, f.worker_id, k.organisation_id, k.requested_at,
    k.completed_at, {TOOK}, {BAND_SQL.format(TOOK)}
FROM checks_checkrequest k JOIN reporting_contactfact f ON f.contact_id = k.contact_id
WHERE k.status <> %(cancelled)s AND {{where}}
"""  # noqa: S608 (constants only)
TAKE_SQL = """
DELETE FROM reporting_stalecontact WHERE contact_id IN (
    SELECT contact_id FROM reporting_stalecontact LIMIT %s
) RETURNING contact_id
"""


# ADR 0030: the daytime clocks of a contact received out of hours start at the handover.
CLOCK_RULE = "handover"


def calendar_key(hours: OfficeHours) -> str:
    holidays = ",".join(day.isoformat() for day in weekday_holidays())
    digest = hashlib.sha256(holidays.encode()).hexdigest()[:16]
    # The clock rule is part of the key: facts made under an earlier rule are made again.
    rule = f"rule:{CLOCK_RULE}"
    return f"{hours.opens.isoformat()}-{hours.closes.isoformat()} {hours.tz} {digest} {rule}"


def _check_calendar(cursor: Any, hours: OfficeHours) -> None:
    """Office hours or bank holidays changed since the facts were made: redo them all."""
    key = calendar_key(hours)
    cursor.execute("SELECT key FROM reporting_factcalendar WHERE id = 1 FOR UPDATE")
    found = cursor.fetchone()
    if found and found[0] == key:
        return
    cursor.execute(
        "INSERT INTO reporting_stalecontact (contact_id) SELECT id FROM contacts_contact "
        "WHERE kind = %s AND status = ANY(%s) ON CONFLICT DO NOTHING",
        [ContactKind.CONTACT.value, list(SUBMITTED)],
    )
    cursor.execute(
        "INSERT INTO reporting_factcalendar (id, key) VALUES (1, %s) "
        "ON CONFLICT (id) DO UPDATE SET key = EXCLUDED.key",
        [key],
    )


def _params(hours: OfficeHours, ids: list[Any]) -> dict[str, Any]:
    return {
        "opens": hours.opens,
        "closes": hours.closes,
        "tz": str(hours.tz),
        "holidays": list(weekday_holidays()),
        "returned": DecisionStatus.RETURNED.value,
        "agreed": DecisionStatus.AGREED.value,
        "acknowledgement": LetterKind.ACKNOWLEDGEMENT.value,
        "sent": LetterStatus.SENT.value,
        "kind": ContactKind.CONTACT.value,
        "submitted": list(SUBMITTED),
        "ids": ids,
    }


def refresh(hours: OfficeHours) -> int:
    """Work out again the fact of every queued contact; returns how many were queued.
    Each batch is one transaction: taking contacts off the queue locks them, so a second
    refresh running at the same time waits for this one's facts rather than reading old
    ones. Idempotent: running it twice changes nothing the second time."""
    done = 0
    with transaction.atomic(), connection.cursor() as cursor:
        _check_calendar(cursor, hours)
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(TAKE_SQL, [BATCH])
            ids = [row[0] for row in cursor.fetchall()]
            if not ids:
                break
            # The days the facts were received on, before and after, are counted again.
            days: dict[str, Any] = {"ids": ids, "tz": str(hours.tz)}
            cursor.execute(tallies.QUEUE_DAYS_SQL, days)
            # A contact no longer submitted (or gone) keeps no fact; the others are upserted.
            cursor.execute("DELETE FROM reporting_contactfact WHERE contact_id = ANY(%s)", [ids])
            cursor.execute("DELETE FROM reporting_checkfact WHERE contact_id = ANY(%s)", [ids])
            cursor.execute(UPSERT_SQL, _params(hours, ids))
            cursor.execute(
                CHECKS_SQL.format(where="k.contact_id = ANY(%(ids)s::uuid[])"),
                {"cancelled": CheckStatus.CANCELLED.value, "ids": ids},
            )
            cursor.execute(tallies.QUEUE_DAYS_SQL, days)
            done += len(ids)
    tallies.count_days(hours)
    return done
