"""The dashboard's RAG and decision clocks, worked out in SQL (cads_office_seconds, ADR 0015),
agree with cads.deadlines.due, which the work tray, decisions and alerts use: a contact is
not yet due a minute before its deadline and overdue a minute after, and a decision made at
the deadline meets its RAG while one a minute later misses it. Received in and out of
hours, over a weekend, over the Christmas and Easter bank holidays and at both clock changes,
red, amber, green and unrated. The red clock of a contact received out of hours runs, for the
daytime front door, from the handover at the next opening (ADR 0030), in Python and SQL alike."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.authority.selectors import office_hours
from cads.contacts.models import Contact
from cads.contacts.workflow import Status
from cads.core.clocks import LONDON
from cads.deadlines.due import clocks_start, contact_rag, contact_rag_due, decision_due, rag_level
from cads.reporting.calendar import weekday_holidays
from cads.reporting.first_decisions import first_decision_counts
from cads.reporting.scope import Scope
from cads.reporting.tests.dataset import contact, decide, screened

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)

# (received: 2026 month, day, hour, minute), intake's RAG, the screener's (None: not screened).
CASES = {
    "in hours, amber by the screener": ((11, 2, 10, 0), "", "amber"),
    "out of hours, red at intake": ((11, 2, 18, 30), "red", None),
    "friday afternoon, green over the weekend": ((11, 6, 15, 0), "", "green"),
    "on a saturday, amber at intake": ((11, 7, 11, 0), "amber", None),
    "christmas eve, green over the bank holidays": ((12, 24, 16, 0), "green", None),
    "on christmas day, red at intake": ((12, 25, 10, 0), "red", None),
    "red at intake, green by the screener": ((11, 3, 10, 0), "red", "green"),
    "not yet rated": ((11, 2, 10, 0), "", None),
    "friday night, red at intake over the weekend": ((11, 6, 23, 30), "red", None),
    "easter sunday night, red over the bank holiday": ((4, 5, 0, 30), "red", None),
    "before the spring clock change, red": ((3, 29, 0, 30), "red", None),
    "after the autumn clock change, red": ((10, 25, 1, 30), "red", None),
    "a weekday morning before opening, amber": ((10, 26, 8, 30), "amber", None),
}


@pytest.fixture
def worker(make_user) -> User:
    return make_user(Role.CADS_SOCIAL_WORKER)


@pytest.fixture(params=list(CASES), ids=list(CASES))
def received(request, worker: User) -> Contact:
    (month, day, hour, minute), intake, screener = CASES[request.param]
    moment = datetime.datetime(2026, month, day, hour, minute, tzinfo=LONDON)
    found = contact(moment, status=Status.IN_SCREENING, rag=intake)
    if screener is not None:
        screened(found, worker, screener)
    return Contact.objects.select_related("screening").get(pk=found.pk)


def _counts(item: Contact, now: datetime.datetime) -> dict[str, int]:
    day = item.received_at.astimezone(LONDON).date()
    return first_decision_counts(Scope(start=day, end=day, now=now))


def _waiting_then_overdue(item: Contact, key: str, due: datetime.datetime) -> None:
    before, after = _counts(item, due - MINUTE), _counts(item, due + MINUTE)
    assert (before[f"{key}:waiting"], before[f"{key}:overdue"]) == (1, 0), ("before", due)
    assert (after[f"{key}:waiting"], after[f"{key}:overdue"]) == (0, 1), ("after", due)


def test_the_decision_deadline_is_the_same_in_sql(received: Contact) -> None:
    _waiting_then_overdue(received, "decision", decision_due(received))


def test_the_rag_deadline_is_the_same_in_sql(received: Contact) -> None:
    rag = contact_rag(received)
    if not rag:
        assert _counts(received, received.received_at + MINUTE)["unrated"] == 1
        return
    _waiting_then_overdue(received, rag, contact_rag_due(received, rag_level(rag)))


@pytest.mark.parametrize(("late", "met"), [(datetime.timedelta(0), 1), (MINUTE, 0)])
def test_a_decision_at_the_rag_deadline_meets_it_in_sql(
    received: Contact, worker: User, late: datetime.timedelta, met: int
) -> None:
    rag = contact_rag(received)
    if not rag:
        pytest.skip("an unrated contact has no RAG deadline")
    when = contact_rag_due(received, rag_level(rag)) + late
    decide(received, worker, when, decision_due(received), "nfa")
    counts = _counts(received, when + datetime.timedelta(days=30))
    assert (counts[f"{rag}:on_time"], counts[f"{rag}:late"]) == (met, 1 - met), when


def _clock_start_in_sql(moment: datetime.datetime) -> datetime.datetime:
    hours = office_hours()
    params: Any = [moment, hours.opens, hours.closes, str(hours.tz), list(weekday_holidays())]
    with connection.cursor() as cursor:
        cursor.execute("SELECT cads_clock_start(%s, %s, %s, %s, %s::date[])", params)
        return cursor.fetchone()[0]


def test_the_handover_is_the_same_in_sql() -> None:
    """Every half hour through a week with a weekend, Easter, both clock changes and
    Christmas: the moment the daytime clocks start agrees, to the second."""
    starts = [
        datetime.datetime(2026, 3, 27, 0, 0, tzinfo=datetime.UTC),  # spring change 29 March
        datetime.datetime(2026, 4, 2, 0, 0, tzinfo=datetime.UTC),  # Easter 3-6 April
        datetime.datetime(2026, 10, 23, 0, 0, tzinfo=datetime.UTC),  # autumn change 25 Oct
        datetime.datetime(2026, 12, 23, 0, 0, tzinfo=datetime.UTC),  # Christmas
    ]
    for start in starts:
        for step in range(0, 6 * 48):
            moment = start + datetime.timedelta(minutes=30 * step)
            assert _clock_start_in_sql(moment) == clocks_start(moment), moment
