"""The work tray's order and its overdue count, worked out in SQL (tray_order), agree with
the deadline each row shows (cads.deadlines.due in Python): red above everything, each RAG
level in turn, the nearest deadline first inside a level, and a contact counted overdue
exactly when its row says "Overdue". Received in and out of hours, over weekends and the
Christmas bank holidays; schools' same-day feedback, letters owed, anonymous referrers,
acknowledged referrers and screeners' re-ratings. Households stay together inside a level."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable

import pytest

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.contacts.codes import ReferralSource
from cads.contacts.models import Contact
from cads.contacts.workflow import Status
from cads.core.clocks import LONDON
from cads.letters.models import Letter, LetterKind, LetterTemplate
from cads.letters.workflow import LetterStatus
from cads.people.models import Household, Person
from cads.people.restriction import person_restrict
from cads.reporting.tests.dataset import child, contact, screened
from cads.screening.selectors import TrayRow, open_contacts, tray_page
from cads.screening.tray_order import Clocks, overdue_of

pytestmark = pytest.mark.django_db


def _at(month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=LONDON)


# Receipts: a Monday morning, after closing, a Friday afternoon, a Saturday, Christmas Eve
# afternoon and Christmas Day, a school's call just after its feedback time.
RECEIVED = [
    _at(12, 14, 9, 30), _at(12, 14, 18, 45), _at(12, 18, 14, 0), _at(12, 19, 11, 0),
    _at(12, 24, 16, 10), _at(12, 25, 10, 0), _at(12, 21, 15, 5), _at(12, 22, 8, 0),
]  # fmt: skip
INTAKE = ["red", "amber", "green", ""]
SCREENER = [None, "green", "amber", None, "red"]


def _letter(item: Contact, due: datetime.datetime) -> None:
    kind = LetterKind.INSTRUCTIONS
    template = LetterTemplate.objects.filter(kind=kind).first() or LetterTemplate.objects.create(
        kind=kind, version=1, title="Letter", body="Letter"
    )
    Letter.objects.create(
        contact=item, template=template, kind=kind, recipient_name="Ms Dale",
        status=LetterStatus.TO_SEND, idempotency_key=f"{kind}:{item.pk}", due_at=due,
    )  # fmt: skip


@pytest.fixture
def varied(make_user: Callable[..., User]) -> list[Contact]:
    """Forty open contacts of every shape the clocks distinguish."""
    worker = make_user(Role.CADS_SOCIAL_WORKER, "order-worker")
    made = []
    shapes = itertools.product(RECEIVED, INTAKE)
    for n, (received, rag) in enumerate(itertools.islice(shapes, 32)):
        school = {"referral_source": ReferralSource.SCHOOLS} if n % 3 == 0 else {}
        item = contact(
            received, status=Status.SUBMITTED, rag=rag, named=n % 7 != 3, **school
        )  # fmt: skip
        if (rerated := SCREENER[n % len(SCREENER)]) is not None:
            acknowledged = received if n % 4 == 0 else None
            screened(item, worker, rerated, acknowledged=acknowledged)
            Contact.objects.filter(pk=item.pk).update(status=Status.IN_SCREENING)
        if n % 5 == 2:
            _letter(item, received + datetime.timedelta(hours=n))
        made.append(item)
    return made


def _rows(user: User, now: datetime.datetime, *, overdue_only: bool = False) -> list[TrayRow]:
    """Every page of the tray in turn, as a screener paging through it sees them."""
    rows: list[TrayRow] = []
    number = 1
    while True:
        page = tray_page(request=None, user=user, now=now, number=number, overdue_only=overdue_only)
        rows += [row for group in page.groups for row in group]
        if not page.page.has_next():
            return rows
        number += 1


NOWS = [_at(12, 14, 12), _at(12, 21, 16, 30), _at(12, 24, 20), _at(12, 29, 9, 15)]


@pytest.mark.parametrize("now", NOWS, ids=[n.isoformat() for n in NOWS])
def test_the_order_in_sql_is_red_then_each_level_then_the_deadline_shown(
    varied: list[Contact], make_user: Callable[..., User], now: datetime.datetime
) -> None:
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    rows = _rows(screener, now)
    assert len(rows) == len(varied)
    clocks = Clocks.read(now)
    keys = [(clocks.rank(row.rag.code if row.rag else None), row.due_at) for row in rows]
    assert keys == sorted(keys), [(r.contact.reference, k) for r, k in zip(rows, keys, strict=True)]
    ranks = [rank for rank, _ in keys]
    assert ranks[0] == 0
    assert rows[0].rag is not None
    assert rows[0].rag.code == "red"
    last_red = max(i for i, row in enumerate(rows) if row.rag and row.rag.code == "red")
    first_green = min(i for i, row in enumerate(rows) if row.rag and row.rag.code == "green")
    assert last_red < first_green


@pytest.mark.parametrize("now", NOWS, ids=[n.isoformat() for n in NOWS])
def test_overdue_in_sql_is_exactly_the_rows_that_say_overdue(
    varied: list[Contact], make_user: Callable[..., User], now: datetime.datetime
) -> None:
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    rows = {row.contact.pk: row for row in _rows(screener, now)}
    counted = overdue_of(open_contacts(screener), Clocks.read(now), screener)
    assert counted == {pk: row.due_at <= now for pk, row in rows.items()}
    assert all(row.time_left.startswith("Overdue") == row.overdue for row in rows.values())
    page = tray_page(request=None, user=screener, now=now)
    assert page.overdue == sum(row.overdue for row in rows.values())
    only = _rows(screener, now, overdue_only=True)
    assert {row.contact.pk for row in only} == {pk for pk, row in rows.items() if row.overdue}


def test_a_household_is_together_inside_its_rag_level_and_never_across(
    make_user: Callable[..., User],
) -> None:
    """Green contacts about one household sit together where the most urgent of them
    would be; the same household's amber contact stays with the ambers; red is above all."""
    now = _at(12, 16, 12)
    home = Household.objects.create()

    def made(hours_ago: int, rag: str, household: Household | None) -> Contact:
        item = contact(now - datetime.timedelta(hours=hours_ago), status=Status.SUBMITTED, rag=rag)
        child(item, f"Child{hours_ago}", household=household)
        return item

    green_soonest = made(50, "green", home)
    green_other = made(40, "green", None)
    green_latest = made(2, "green", home)
    amber_home = made(1, "amber", home)
    red_late = made(0, "red", None)
    rows = _rows(make_user(Role.CADS_SOCIAL_WORKER), now)
    assert [row.contact.pk for row in rows] == [
        red_late.pk, amber_home.pk, green_soonest.pk, green_latest.pk, green_other.pk
    ]  # fmt: skip
    page = tray_page(request=None, user=make_user(Role.CADS_SOCIAL_WORKER, "second"), now=now)
    assert [len(group) for group in page.groups] == [1, 1, 2, 1]


def test_a_restricted_child_does_not_group_a_household_for_someone_without_access(
    make_user: Callable[..., User],
) -> None:
    now = _at(12, 16, 12)
    home = Household.objects.create()
    manager = make_user(Role.TEAM_MANAGER)
    allowed, other = make_user(Role.CADS_SOCIAL_WORKER), make_user(Role.CADS_SOCIAL_WORKER, "x")
    first = contact(now - datetime.timedelta(hours=30), status=Status.SUBMITTED, rag="green")
    second = contact(now - datetime.timedelta(hours=1), status=Status.SUBMITTED, rag="green")
    between = contact(now - datetime.timedelta(hours=20), status=Status.SUBMITTED, rag="green")
    child(first, "Open", household=home)
    hidden = child(second, "Hidden", household=home)
    child(between, "Elsewhere")
    person_restrict(actor=manager, person=hidden, reason="Risk", note="Test", users=[allowed])
    assert [len(g) for g in tray_page(request=None, user=allowed, now=now).groups] == [2, 1]
    page = tray_page(request=None, user=other, now=now)
    assert [len(g) for g in page.groups] == [1, 1, 1]
    names = [row.children for group in page.groups for row in group]
    assert ["A restricted record"] in names
    assert not Person.objects.filter(given_name="Hidden", household__isnull=True).exists()
