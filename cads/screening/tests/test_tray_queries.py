"""The work tray, the team view, the navigation counts, the backlog and the history cost the
same number of queries with 5 open contacts as with 50: nothing is read per contact, so a bad
week's backlog does not slow every screener's page (ADR 0026)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.contacts.codes import ReferralSource, SubjectRole
from cads.contacts.models import Contact
from cads.contacts.services import (
    contact_section_save,
    contact_start,
    contact_subject_add,
    contact_submit,
)
from cads.contacts.tests.intake_helpers import ready_contact
from cads.people.models import Household, Person
from cads.screening.selectors import PAGE_SIZE
from cads.screening.services import screening_open, screening_rerate
from cads.screening.tests.helpers import soup
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


def _varied(handler: User, screener: User, n: int, household: Household) -> Contact:
    """An open contact of one of several shapes: red at once, a named school's (letters and
    the school's same-day feedback owed), opened and re-rated by a screener, one household."""
    draft = ready_contact(handler, at_risk=n % 3 == 0, family_name=f"Family{n}")
    if n % 2:
        school = {
            "referral_source": ReferralSource.SCHOOLS, "referrer_anonymous": False,
            "referrer_name": "Ms Head", "referrer_organisation": "Wessex Primary",
            "referrer_email": "head@school.example",
        }  # fmt: skip
        draft = contact_section_save(
            actor=handler, contact=draft, section="referrer", changes=school
        )
    contact = contact_submit(actor=handler, contact=draft, submission_key=uuid.uuid4())
    if n % 4 == 1:
        screening = screening_open(actor=screener, contact=contact)
        screening_rerate(
            actor=screener, screening=screening, rag="amber", reason="Known family",
            expected_version=screening.version,
        )  # fmt: skip
    if n % 5 == 0:
        Person.objects.filter(contacts__contact=contact).update(household=household)
    return contact


@pytest.fixture
def front_door(make_user: Callable[..., User]) -> Callable[[int], None]:
    handler = make_user(Role.CALL_HANDLER)
    screener = make_user(Role.CADS_SOCIAL_WORKER, "screener-two")
    household = Household.objects.create()
    made = [0]

    def grow(to: int) -> None:
        while made[0] < to:
            _varied(handler, screener, made[0], household)
            made[0] += 1

    return grow


def _queries(client: Client, url: str) -> int:
    client.get(url)  # sessions and caches warmed the same way for both counts
    with CaptureQueriesContext(connection) as run:
        response = client.get(url)
    assert response.status_code == 200
    return len(run.captured_queries)


def test_pages_of_open_contacts_cost_the_same_queries_for_5_and_50(
    front_door: Callable[[int], None], make_user: Callable[..., User]
) -> None:
    manager = signed_in_client(make_user(Role.TEAM_MANAGER))
    urls = [
        reverse("screening:tray"),
        reverse("screening:tray") + "?rag=red&mine=on",
        reverse("screening:team"),
        reverse("reporting:dashboard"),
        reverse("accounts:home"),
    ]
    front_door(5)
    few = {url: _queries(manager, url) for url in urls}
    front_door(50)
    many = {url: _queries(manager, url) for url in urls}
    assert many == few


def test_the_tray_shows_a_page_at_a_time_with_counts_of_all(
    front_door: Callable[[int], None], client_for: Callable[[str], Client]
) -> None:
    front_door(PAGE_SIZE + 3)
    Person.objects.update(household=None)  # a page holds whole households; none here
    client = client_for(Role.CADS_SOCIAL_WORKER)
    first = soup(client.get(reverse("screening:tray")))
    assert len(first.select("#tray tr[data-reference]")) <= PAGE_SIZE
    assert f"{PAGE_SIZE + 3} open contacts" in first.get_text(" ", strip=True)
    assert "page 1 of 2" in first.select_one("#tray caption").get_text(" ", strip=True)
    next_page = str(first.select_one(".govuk-pagination__next a")["href"])
    second = soup(client.get(reverse("screening:tray") + next_page))
    refs = {tr["data-reference"] for tr in first.select("#tray tr[data-reference]")}
    more = {tr["data-reference"] for tr in second.select("#tray tr[data-reference]")}
    assert not refs & more
    assert len(refs | more) == PAGE_SIZE + 3


def test_mine_shows_only_the_contacts_i_am_screening(
    make_user: Callable[..., User],
) -> None:
    handler = make_user(Role.CALL_HANDLER)
    me, other = make_user(Role.CADS_SOCIAL_WORKER), make_user(Role.CADS_SOCIAL_WORKER, "other")
    household = Household.objects.create()
    mine = _varied(handler, me, 1, household)  # opened by `me`
    theirs = _varied(handler, other, 5, household)
    screening_open(actor=other, contact=theirs)
    client = signed_in_client(me)
    page = soup(client.get(reverse("screening:tray") + "?mine=on"))
    shown = [tr["data-reference"] for tr in page.select("#tray tr[data-reference]")]
    assert shown == [mine.reference]


def _contact_about(handler: User, child: Person) -> Contact:
    contact = contact_start(actor=handler, received_at=timezone.now() - datetime.timedelta(days=1))
    contact_subject_add(actor=handler, contact=contact, person=child, role=SubjectRole.CHILD)
    return ready_contact(handler, contact=contact)


def test_the_history_costs_the_same_queries_for_5_and_50_previous_contacts(
    make_user: Callable[..., User],
) -> None:
    handler = make_user(Role.CALL_HANDLER)
    screener = signed_in_client(make_user(Role.CADS_SOCIAL_WORKER))
    first = ready_contact(handler, family_name="Often")
    child = Person.objects.get(contacts__contact=first, family_name="Often")
    contact_submit(actor=handler, contact=first, submission_key=uuid.uuid4())

    def previous(count: int) -> None:
        while Contact.objects.filter(subjects__person=child).count() < count:
            draft = _contact_about(handler, child)
            contact_submit(actor=handler, contact=draft, submission_key=uuid.uuid4())

    def history_queries() -> int:
        # A fresh contact about the child each time: opening it starts its screening.
        current = _contact_about(handler, child)
        contact_submit(actor=handler, contact=current, submission_key=uuid.uuid4())
        url = reverse("screening:history", args=[current.pk])
        # Activity just recorded: the session is written only when 30 s old (idle time-out).
        screener.get("/")
        with CaptureQueriesContext(connection) as run:
            assert screener.get(url).status_code == 200
        return len(run.captured_queries)

    previous(5)
    few = history_queries()
    previous(50)
    assert history_queries() == few
