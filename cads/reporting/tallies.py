"""Day tallies: the contact facts counted once per local day and worker (ADR 0015; issue 7:
the dashboard within 1 s at 1M contacts a year).

A year's dashboard used to count a million facts on every view, one aggregate per figure.
Now `TALLY_SQL` counts each day's facts into one JSON object of counts for every contact
(`team_key` -1) and one per front-door team (the contacts its members screen; a worker in
two teams counts for both, ADR 0015), keyed as the figures read them:
"contacts", "channel:<code>", "source:<code>", "converted", "referrals", "re_referrals",
"decision:on_time|late|undecided", "unrated", "rag:<code>:rated|on_time|late|undecided",
"ack:on_time|late|unacked", "screened:<view>", "disagreed:<view>", "decided",
"outcome:<code>", and partner checks per agency and response-time band
"check:<agency id>:<band>|open" (cads.reporting.percentiles). A year, for everyone or for
one team, is then at most 366 rows to add up.

Exact, not approximate: every refresh of a fact queues its received day (before and after
the change) in `reporting_staleday` in the same transaction, and `count_days()` counts every
queued day again from the facts, after the facts' own queue is drained (facts.refresh). On
time or late for RAG and acknowledgement depends on the configured timescales, and the team
rows on who is in which team, so those are a key (TallyClocks) and a change of any of them
counts every day again (about 25 seconds at 1,000,000 contacts a year). What depends on "now" (not
yet due, or overdue) is not tallied: the tallies hold the undecided and unacknowledged
counts, and `waiting()` counts live the few recent contacts not yet due.
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Q

from cads.core.clocks import OfficeHours
from cads.deadlines.due import clock_configuration
from cads.deadlines.models import ClockConfiguration, RagLevel
from cads.deadlines.sql import level_amount, office_seconds_at
from cads.reporting.models import DayTally, Team

EVERY_TEAM = -1
NO_WORKER = 0
DAYS_A_BATCH = 31
LOCAL_DAY = "(received_at AT TIME ZONE %(tz)s)::date"

# Queues the received days of the facts of contacts `ids` (run before and after a refresh
# of those facts, so a contact whose receipt moved re-counts both days).
QUEUE_DAYS_SQL = f"""
INSERT INTO reporting_staleday (day)
SELECT DISTINCT {LOCAL_DAY} FROM reporting_contactfact WHERE contact_id = ANY(%(ids)s::uuid[])
ON CONFLICT (day) DO NOTHING
"""  # noqa: S608 (constants only)
TAKE_DAYS_SQL = """
DELETE FROM reporting_staleday WHERE day IN (
    SELECT day FROM reporting_staleday ORDER BY day LIMIT %s
) RETURNING day
"""
# One (key, amount) pair per thing a fact counts towards; pairs with no key or no amount
# are dropped. Levels and the acknowledgement timescale come in as parameters.
TALLY_SQL = f"""
WITH f AS (
    SELECT {LOCAL_DAY} AS day, coalesce(worker_id, {NO_WORKER}) AS worker, *
    FROM reporting_contactfact
    WHERE received_at >= %(after)s AND received_at < %(before)s
      AND {LOCAL_DAY} = ANY(%(days)s::date[])
), pairs AS (
    SELECT f.day, f.worker, k.key, k.n
    FROM f
    LEFT JOIN jsonb_to_recordset(%(levels)s::jsonb) AS lv(code text, seconds float8,
        elapsed boolean) ON lv.code = f.rag_code
    CROSS JOIN LATERAL (VALUES
        ('contacts', 1),
        ('channel:' || f.channel, 1),
        ('source:' || f.referral_source, 1),
        ('converted', CASE WHEN f.referrals > 0 THEN 1 END),
        ('referrals', f.referrals),
        ('re_referrals', f.re_referrals),
        (CASE WHEN f.decided IS NULL THEN 'decision:undecided'
              WHEN f.decided <= f.due_at THEN 'decision:on_time'
              WHEN f.decided > f.due_at THEN 'decision:late' END, 1),
        (CASE WHEN f.rag_code IS NULL THEN 'unrated' ELSE 'rag:' || f.rag_code || ':rated' END,
         1),
        ('rag:' || lv.code || CASE
            WHEN f.decided IS NULL THEN ':undecided'
            WHEN lv.elapsed
                AND f.decided <= coalesce(f.clock_from, f.received_at)
                    + make_interval(secs => lv.seconds)
                THEN ':on_time'
            WHEN NOT lv.elapsed AND f.decided_s <= f.start_s + lv.seconds THEN ':on_time'
            ELSE ':late' END, 1),
        (CASE WHEN f.referrer_anonymous THEN NULL
              WHEN f.acknowledged IS NULL THEN 'ack:unacked'
              WHEN f.acknowledged_s <= f.start_s + %(ack_seconds)s THEN 'ack:on_time'
              ELSE 'ack:late' END, 1),
        (CASE WHEN f.disagrees IS NOT NULL THEN 'screened:' || f.referrer_threshold_view END,
         1),
        (CASE WHEN f.disagrees THEN 'disagreed:' || f.referrer_threshold_view END, 1),
        (CASE WHEN f.outcomes IS NOT NULL THEN 'decided' END, 1)
    ) AS k(key, n)
    WHERE k.key IS NOT NULL AND k.n <> 0
    UNION ALL
    SELECT f.day, f.worker, 'outcome:' || o.code, 1
    FROM f CROSS JOIN LATERAL (SELECT DISTINCT unnest(f.outcomes)) AS o(code)
    UNION ALL
    SELECT {LOCAL_DAY}, coalesce(worker_id, {NO_WORKER}),
        'check:' || organisation_id || ':' || coalesce(took_band::text, 'open'), 1
    FROM reporting_checkfact
    WHERE received_at >= %(after)s AND received_at < %(before)s
      AND {LOCAL_DAY} = ANY(%(days)s::date[])
)
INSERT INTO reporting_daytally (day, team_key, counts)
SELECT day, {EVERY_TEAM}, jsonb_object_agg(key, n)
FROM (SELECT day, key, sum(n) AS n FROM pairs GROUP BY day, key) AS every_team
GROUP BY day
UNION ALL
SELECT day, team_id, jsonb_object_agg(key, n)
FROM (
    SELECT day, m.team_id, key, sum(n) AS n
    FROM pairs JOIN reporting_team_members m ON m.user_id = pairs.worker
    GROUP BY day, m.team_id, key
) AS each_team
GROUP BY day, team_id
"""  # noqa: S608 (constants only)


def acknowledgement_time(clocks: ClockConfiguration, hours: OfficeHours) -> datetime.timedelta:
    """Working Together 2023: acknowledge the referrer within one working day."""
    return clocks.acknowledgement_working_days * hours.working_day


def _clock_params(hours: OfficeHours) -> dict[str, Any]:
    levels = [
        {
            "code": level.code,
            "seconds": level_amount(level, hours).total_seconds(),
            "elapsed": level.runs_outside_office_hours,
        }
        for level in RagLevel.objects.order_by("code")
    ]
    ack = acknowledgement_time(clock_configuration(), hours).total_seconds()
    members = list(Team.members.through.objects.order_by("team_id", "user_id").values_list(
        "team_id", "user_id"
    ))  # fmt: skip
    return {"levels": json.dumps(levels), "ack_seconds": ack, "members": members}


def _check_clocks(cursor: Any, params: dict[str, Any], tz: str) -> None:
    """The RAG or acknowledgement timescales or the teams' members changed since the days
    were counted: count every day again."""
    key = json.dumps([params["levels"], params["ack_seconds"], params["members"]])
    cursor.execute("SELECT key FROM reporting_tallyclocks WHERE id = 1 FOR UPDATE")
    found = cursor.fetchone()
    if found and found[0] == key:
        return
    cursor.execute(
        f"INSERT INTO reporting_staleday (day) SELECT DISTINCT {LOCAL_DAY} "  # noqa: S608
        "FROM reporting_contactfact ON CONFLICT (day) DO NOTHING",
        {"tz": tz},
    )
    cursor.execute(
        "INSERT INTO reporting_tallyclocks (id, key) VALUES (1, %s) "
        "ON CONFLICT (id) DO UPDATE SET key = EXCLUDED.key",
        [key],
    )


def _count(cursor: Any, days: list[datetime.date], params: dict[str, Any], tz: Any) -> None:
    first, last = min(days), max(days)
    # The range lets the received_at index find the days' facts; the days pick them.
    params |= {
        "days": days,
        "after": datetime.datetime.combine(first, datetime.time(), tz),
        "before": datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), tz),
    }
    cursor.execute("DELETE FROM reporting_daytally WHERE day = ANY(%s::date[])", [days])
    cursor.execute(TALLY_SQL, params)


def count_days(hours: OfficeHours) -> int:
    """Count again every queued day (and every day, when the timescales changed); returns
    how many days. Each batch of days is one transaction: taking a day off the queue locks
    it, so a refresh queuing it again waits and the day is counted once more after it."""
    params = _clock_params(hours) | {"tz": str(hours.tz)}
    with transaction.atomic(), connection.cursor() as cursor:
        _check_clocks(cursor, params, str(hours.tz))
    done = 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(TAKE_DAYS_SQL, [DAYS_A_BATCH])
            days = [row[0] for row in cursor.fetchall()]
            if not days:
                return done
            _count(cursor, days, dict(params), hours.tz)
            done += len(days)


@dataclass
class Tallies:
    """The counts of the days of a scope: per day (for the contacts per day or week) and
    for the whole range."""

    by_day: dict[datetime.date, Counter[str]] = field(default_factory=dict)
    total: Counter[str] = field(default_factory=Counter)


def read(start: datetime.date, end: datetime.date, team: int | None) -> Tallies:
    """Added up from the stored tallies: of every contact, or of one team's."""
    found = DayTally.objects.filter(
        day__gte=start, day__lte=end, team_key=EVERY_TEAM if team is None else team
    )
    tallies = Tallies()
    for day, counts in found.values_list("day", "counts"):
        tallies.by_day[day] = Counter(counts)
        tallies.total.update(counts)
    return tallies


def waiting_counts(facts: Any, conditions: dict[str, Q], bound: float) -> dict[str, int]:
    """Live counts of contacts whose clock has not yet run out (not tallied: it depends on
    now). Only contacts received at or after office second `bound` can still be waiting,
    and the partial index on undecided or unacknowledged facts finds those few."""
    unsettled = Q(decided__isnull=True) | Q(acknowledged__isnull=True)
    recent = facts.filter(unsettled, start_s__gte=bound)
    return recent.aggregate(**{k: Count("pk", filter=v) for k, v in conditions.items()})


def office_seconds_before(
    moment: datetime.datetime, amount: datetime.timedelta, hours: OfficeHours
) -> float:
    """A lower bound of the office seconds at receipt of a contact received after
    `moment - amount` (for clocks in elapsed time); a second less, as office_seconds_at
    counts the moment as an end."""
    return office_seconds_at(moment - amount, hours) - 1
