"""The work tray: every open contact, nearest deadline first, overdue in words, filters,
contacts about one household together, and the count in the navigation."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from cads.accounts.roles import Role
from cads.contacts.progress import contact_close
from cads.core.clocks import LONDON
from cads.people.models import Household
from cads.screening.services import screening_open
from cads.screening.tests.helpers import soup, submitted
from cads.screening.words import duration_words
from conftest import signed_in_client

pytestmark = pytest.mark.django_db
MONDAY_11 = datetime(2025, 6, 2, 11, 0, tzinfo=LONDON)


def travel(year: int, month: int, day: int, hour: int, minute: int) -> time_machine.travel:
    moment = datetime(year, month, day, hour, minute, tzinfo=LONDON)
    return time_machine.travel(moment, tick=False)


def rows(response: Any) -> list[dict[str, Any]]:
    found = []
    for tr in soup(response).select("#tray tr[data-reference]"):
        cells = [td.get_text(" ", strip=True) for td in tr.select("td")]
        found.append({"ref": tr["data-reference"], "rag": cells[0], "left": cells[1]})
    return found


@pytest.fixture
def people(make_user):
    return make_user(Role.CALL_HANDLER), make_user(Role.CADS_SOCIAL_WORKER)


def test_overdue_words() -> None:
    from datetime import timedelta

    assert duration_words(timedelta(hours=2, minutes=10)) == "2 hours 10 minutes"
    assert duration_words(timedelta(days=1, hours=1)) == "1 day 1 hour"
    assert duration_words(timedelta(seconds=20)) == "less than a minute"


def test_tray_orders_by_nearest_deadline_and_says_overdue_in_words(people) -> None:
    handler, screener = people
    with travel(2025, 6, 2, 11, 0):
        amber = submitted(handler, received_at=MONDAY_11, family_name="Amberley")
    with travel(2025, 6, 2, 13, 0):
        red = submitted(handler, at_risk=True, family_name="Redfern")
    with travel(2025, 6, 3, 13, 20):
        response = signed_in_client(screener).get(reverse("screening:tray"))
    found = rows(response)
    # Red received 13:00 is due 17:00 Monday; the unrated one's decision is due Tuesday 11:00.
    assert [r["ref"] for r in found] == [red.reference, amber.reference]
    assert found[0]["left"].startswith("Overdue by 20 hours 20 minutes")
    assert found[1]["left"].startswith("Overdue by 2 hours 20 minutes")
    assert "Red" in found[0]["rag"]
    assert "Not yet rated" in found[1]["rag"]


def test_filters_and_closed_contacts_leave_the_tray(people) -> None:
    handler, screener = people
    first = submitted(handler, family_name="Ashby")
    second = submitted(handler, at_risk=True, family_name="Birch")
    screening_open(actor=screener, contact=second)
    closed = submitted(handler, family_name="Carter")
    contact_close(actor=screener, contact=screening_open(actor=screener, contact=closed).contact,
                  reason="Advice given")  # fmt: skip
    client = signed_in_client(screener)
    everything = [r["ref"] for r in rows(client.get(reverse("screening:tray")))]
    assert sorted(everything) == sorted([str(first.reference), str(second.reference)])
    by_rag = rows(client.get(reverse("screening:tray"), {"rag": "red"}))
    assert [r["ref"] for r in by_rag] == [second.reference]
    waiting = rows(client.get(reverse("screening:tray"), {"status": "submitted"}))
    assert [r["ref"] for r in waiting] == [first.reference]
    mine = rows(client.get(reverse("screening:tray"), {"worker": str(screener.pk)}))
    assert [r["ref"] for r in mine] == [second.reference]
    nobody = rows(client.get(reverse("screening:tray"), {"worker": "none"}))
    assert [r["ref"] for r in nobody] == [first.reference]
    assert rows(client.get(reverse("screening:tray"), {"overdue": "on"})) == []


def test_contacts_about_one_household_are_grouped(people) -> None:
    handler, screener = people
    with travel(2025, 6, 2, 9, 0):
        sibling_a = submitted(handler, family_name="Dunn")
    with travel(2025, 6, 2, 10, 0):
        other = submitted(handler, family_name="Evans")
    with travel(2025, 6, 2, 11, 0):
        sibling_b = submitted(handler, family_name="Dunn")
    home = Household.objects.create(address="1 Fictional Row, Wessex", postcode="WX1 1AA")
    for contact in (sibling_a, sibling_b):
        contact.subjects.get().person.__class__.objects.filter(
            pk=contact.subjects.get().person_id
        ).update(household=home)
    with travel(2025, 6, 2, 12, 0):
        page = soup(signed_in_client(screener).get(reverse("screening:tray")))
    bodies = page.select("#tray tbody")
    assert [[tr["data-reference"] for tr in b.select("tr[data-reference]")] for b in bodies] == [
        [sibling_a.reference, sibling_b.reference],
        [other.reference],
    ]
    assert "Same household" in bodies[0].get_text()


def test_navigation_shows_the_open_count(people) -> None:
    handler, screener = people
    submitted(handler)
    submitted(handler, family_name="Fenwick")
    nav = soup(signed_in_client(screener).get(reverse("screening:tray")))
    link = nav.select_one(".govuk-service-navigation__list a[href='/screening/tray/']")
    assert link is not None
    assert " ".join(link.get_text(" ", strip=True).split()) == "Work tray 2 open"


def test_an_online_reports_children_are_shown_as_the_referrer_described_them(people) -> None:
    from cads.contacts.online import ReportedPerson, online_contact_submit
    from cads.contacts.tests.test_online_service import answers

    _, screener = people
    described = [
        ReportedPerson(given_name="Ruby", family_name="Ashdown", date_of_birth="2016-09-14"),
        ReportedPerson(given_name="Finn"),
    ]
    contact = online_contact_submit(
        answers=answers(children=described, parents=[ReportedPerson(given_name="Kim")]),
        submission_key=uuid.uuid4(),
    )
    client = signed_in_client(screener)
    row = soup(client.get(reverse("screening:tray"))).select_one(
        f"tr[data-reference='{contact.reference}'] th"
    )
    assert "Ruby Ashdown, Finn" in row.get_text(" ", strip=True)
    assert "No child named" not in row.get_text()
    client.get(reverse("screening:history", args=[contact.pk]))
    summary = soup(client.get(reverse("screening:screen", args=[contact.pk])))
    described_rows = {
        r.select_one("dt").get_text(strip=True): r.select_one("dd").get_text(" ", strip=True)
        for r in summary.select("[data-reported-person]")
    }
    assert described_rows["Ruby Ashdown"].startswith(
        "Child the concern is about, as the referrer described them"
    )
    assert "Born 14 September 2016" in described_rows["Ruby Ashdown"]
    assert described_rows["Finn"].startswith("Child the concern is about")
    assert described_rows["Kim"].startswith("Parent or carer")  # a parent, not a child
