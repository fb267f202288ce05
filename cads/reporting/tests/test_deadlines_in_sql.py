"""The dashboard's RAG and decision clocks, worked out in SQL (cads_office_seconds, ADR 0015),
agree with cads.deadlines.due, which the work tray, decisions and alerts use: a contact is
not yet due a minute before its deadline and overdue a minute after, and a decision made at
the deadline meets its RAG while one a minute later misses it. Received in and out of
hours, over a weekend and over the Christmas bank holidays, red, amber, green and unrated."""

from __future__ import annotations

import datetime

import pytest

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.contacts.models import Contact
from cads.contacts.workflow import Status
from cads.core.clocks import LONDON
from cads.deadlines.due import contact_rag, decision_due, rag_due
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
    _waiting_then_overdue(received, rag, rag_due(received.received_at, rag))


@pytest.mark.parametrize(("late", "met"), [(datetime.timedelta(0), 1), (MINUTE, 0)])
def test_a_decision_at_the_rag_deadline_meets_it_in_sql(
    received: Contact, worker: User, late: datetime.timedelta, met: int
) -> None:
    rag = contact_rag(received)
    if not rag:
        pytest.skip("an unrated contact has no RAG deadline")
    when = rag_due(received.received_at, rag) + late
    decide(received, worker, when, decision_due(received), "nfa")
    counts = _counts(received, when + datetime.timedelta(days=30))
    assert (counts[f"{rag}:on_time"], counts[f"{rag}:late"]) == (met, 1 - met), when
