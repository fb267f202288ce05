"""One answer to "is it overdue" (ADR 0030): the work tray, the backlog and the dashboard's
figures give the same deadline and the same overdue for red contacts received out of hours
(across a weekend, a bank holiday, both clock changes, and one entered later with a
back-dated received time), a minute before and a minute after the deadline, and at 09:05 on
the morning of the handover."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.contacts.models import Contact
from cads.contacts.workflow import Status
from cads.core.clocks import LONDON
from cads.deadlines.due import clocks_start, front_door_due, rag_level
from cads.reporting.first_decisions import first_decision_counts
from cads.reporting.rows import backlog_rows
from cads.reporting.scope import Scope
from cads.reporting.tests.dataset import contact
from cads.screening.selectors import tray_page

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def london(
    year: int, month: int, day: int, hour: int, minute: int, *, fold: int = 0
) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON, fold=fold)


# received, entered (the back-dated one is typed in on Monday morning), the handover.
CASES = {
    "friday 23:30, over the weekend": (
        london(2026, 11, 6, 23, 30),
        london(2026, 11, 6, 23, 35),
        london(2026, 11, 9, 9, 0),
    ),
    "00:30 on easter sunday, over the bank holiday": (
        london(2026, 4, 5, 0, 30),
        london(2026, 4, 5, 0, 40),
        london(2026, 4, 7, 9, 0),
    ),
    "saturday night the clocks go forward": (
        london(2026, 3, 29, 0, 30),
        london(2026, 3, 29, 0, 45),
        london(2026, 3, 30, 9, 0),
    ),
    "the second 01:30 (GMT) when the clocks go back": (
        london(2026, 10, 25, 1, 30, fold=1),
        london(2026, 10, 25, 1, 50, fold=1),
        london(2026, 10, 26, 9, 0),
    ),
    "saturday afternoon, entered on monday morning": (
        london(2026, 11, 7, 14, 0),
        london(2026, 11, 9, 10, 0),
        london(2026, 11, 9, 9, 0),
    ),
}


@pytest.fixture
def manager(make_user) -> User:
    return make_user(Role.TEAM_MANAGER)


def _answers(manager: User, item: Contact, now: datetime.datetime) -> dict[str, object]:
    """What the tray, the backlog (its CSV) and the figures say about `item` at `now`."""
    with time_machine.travel(now, tick=False):
        page = tray_page(request=None, user=manager, now=now)
        (row,) = [r for group in page.groups for r in group if r.contact.pk == item.pk]
        _, lines = backlog_rows(user=manager)
        (line,) = [x for x in lines if x[0] == item.reference]
        day = item.received_at.astimezone(LONDON).date()
        counts = first_decision_counts(Scope(start=day, end=day, now=now))
    return {
        "tray": (row.deadline, row.due_at, row.overdue),
        # The tray's own count, worked out in SQL for the whole backlog (ADR 0026).
        "tray overdue count": page.overdue,
        "backlog": (
            line[4],
            datetime.datetime.fromisoformat(str(line[5])).replace(tzinfo=LONDON),
            line[6] == "Yes",
        ),
        "figures overdue": counts["red:overdue"] + counts["decision:overdue"] > 0,
    }


@pytest.mark.parametrize("case", list(CASES))
def test_tray_backlog_and_figures_agree(case: str, manager: User) -> None:
    received, entered, handover = CASES[case]
    assert clocks_start(received) == handover
    item = contact(received, status=Status.IN_SCREENING, rag="red")
    Contact.objects.filter(pk=item.pk).update(submitted_at=entered)
    item = Contact.objects.get(pk=item.pk)
    due = front_door_due(item, level=rag_level("red"))
    # Red runs from the handover: four hours of the daytime front door's, not the night's.
    assert (due.label, due.due_at) == ("Red RAG", handover + datetime.timedelta(hours=4))
    for now, overdue in [
        (max(entered, handover + 5 * MINUTE), False),  # 09:05 on the morning of the handover
        (due.due_at - MINUTE, False),
        (due.due_at + MINUTE, True),
    ]:
        found = _answers(manager, item, now)
        assert found["tray"] == ("Red RAG", due.due_at, overdue), (case, now)
        assert found["tray overdue count"] == int(overdue), (case, now)
        assert found["backlog"] == ("Red RAG", due.due_at, overdue), (case, now)
        assert found["figures overdue"] is overdue, (case, now)
