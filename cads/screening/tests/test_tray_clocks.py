"""The work tray reads each open contact's stored clocks (ADR 0033): whatever changes a
deadline, by whichever path (a service, a bulk update, raw SQL), the next tray shows the
change; an administrator's change to the clocks' configuration reorders every contact; a
contact changed after its clock was worked out is worked out again; and the tray's order
always equals the order worked out afresh."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.contacts.models import Contact
from cads.contacts.workflow import Status
from cads.core.clocks import LONDON
from cads.deadlines.models import RagLevel
from cads.letters.models import Letter, LetterKind, LetterTemplate
from cads.letters.workflow import LetterStatus
from cads.people.models import Household
from cads.people.restriction import person_restrict
from cads.reporting.tests.dataset import child, contact, screened
from cads.screening.models import Screening, TrayClock
from cads.screening.selectors import open_contacts, tray_page
from cads.screening.tray_clocks import Clocks, refresh

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 16, 12, 0, tzinfo=LONDON)  # a Wednesday noon


def _order(user: User, now: datetime.datetime = NOW) -> list[str | None]:
    page = tray_page(request=None, user=user, now=now)
    return [row.contact.reference for group in page.groups for row in group]


def _fresh_order(user: User, now: datetime.datetime = NOW) -> list[str | None]:
    """The order with every stored clock thrown away and worked out again."""
    TrayClock.objects.all().delete()
    return _order(user, now)


@pytest.fixture
def screener(make_user: Callable[..., User]) -> User:
    return make_user(Role.CADS_SOCIAL_WORKER)


def _green(hours_ago: float) -> Contact:
    received = NOW - datetime.timedelta(hours=hours_ago)
    return contact(received, status=Status.SUBMITTED, rag="green")


def test_a_re_rating_by_bulk_update_moves_the_contact_at_the_next_read(screener: User) -> None:
    older, newer = _green(5), _green(1)
    assert _order(screener) == [older.reference, newer.reference]
    screened(newer, screener, "green")
    Screening.objects.filter(contact=newer).update(rag="red")  # no save(), no signal
    assert _order(screener) == [newer.reference, older.reference]
    assert _order(screener) == _fresh_order(screener)


def test_a_letter_owed_and_a_change_in_raw_sql_are_seen(screener: User) -> None:
    first, second = _green(5), _green(1)
    assert _order(screener) == [first.reference, second.reference]
    kind = LetterKind.INSTRUCTIONS
    template = LetterTemplate.objects.filter(kind=kind).first()
    assert template is not None
    owed = NOW - datetime.timedelta(hours=2)
    Letter.objects.create(
        contact=second, template=template, kind=kind, recipient_name="Ms Dale",
        status=LetterStatus.TO_SEND, idempotency_key="owed", due_at=owed,
    )  # fmt: skip
    assert _order(screener) == [second.reference, first.reference]
    page = tray_page(request=None, user=screener, now=NOW)
    assert page.overdue >= 1
    with connection.cursor() as cursor:
        cursor.execute("UPDATE contacts_contact SET status = 'closed' WHERE id = %s", [second.pk])
    assert _order(screener) == [first.reference]


def test_an_administrator_changing_a_rag_level_reorders_the_tray(screener: User) -> None:
    amber = contact(NOW - datetime.timedelta(hours=2), status=Status.SUBMITTED, rag="amber")
    green = contact(NOW - datetime.timedelta(hours=3), status=Status.SUBMITTED, rag="green")
    before = _order(screener)
    assert before == [amber.reference, green.reference]
    RagLevel.objects.filter(code="green").update(order=0)
    RagLevel.objects.filter(code="amber").update(order=9)
    assert _order(screener) == [green.reference, amber.reference]
    assert _order(screener) == _fresh_order(screener)


def test_a_clock_is_worked_out_once_and_again_only_after_a_change(screener: User) -> None:
    item = _green(2)
    _green(3)
    clocks = Clocks.read(NOW)
    assert refresh(open_contacts(screener), clocks) == 2
    assert refresh(open_contacts(screener), clocks) == 0
    stored = TrayClock.objects.get(contact_id=item.pk)
    assert stored.computed_version == stored.version
    Contact.objects.filter(pk=item.pk).update(rag="amber")
    stored.refresh_from_db()
    assert stored.computed_version != stored.version  # stale until worked out again
    assert refresh(open_contacts(screener), clocks) == 1
    stored.refresh_from_db()
    assert (stored.computed_version, stored.rag_rank) == (
        stored.version,
        Clocks.read(NOW).rank("amber"),
    )


def test_a_child_restricted_after_the_tray_was_read_no_longer_groups_its_household(
    make_user: Callable[..., User], screener: User
) -> None:
    manager = make_user(Role.TEAM_MANAGER)
    home = Household.objects.create()
    first, second, between = _green(30), _green(1), _green(20)
    child(first, "Open", household=home)
    hidden = child(second, "Hidden", household=home)
    child(between, "Elsewhere")
    grouped = [len(g) for g in tray_page(request=None, user=screener, now=NOW).groups]
    assert grouped == [2, 1]
    person_restrict(actor=manager, person=hidden, reason="Risk", note="Test", users=[])
    after = [len(g) for g in tray_page(request=None, user=screener, now=NOW).groups]
    assert after == [1, 1, 1]
