"""The out-of-hours service (ADR 0030): its own tray of everything received out of hours,
red first with the night's clock; a record of immediate actions; the handover summary that
heads the daytime work tray at the next opening; and red always heading the daytime tray,
a household grouped only inside one RAG level."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.core.clocks import LONDON
from cads.people.models import Household, Person
from cads.screening.models import OutOfHoursRecord
from cads.screening.tests.helpers import errors, soup, submitted
from conftest import signed_in_client

pytestmark = pytest.mark.django_db
FRIDAY_2330 = datetime(2026, 11, 6, 23, 30, tzinfo=LONDON)


def travel(day: int, hour: int, minute: int) -> time_machine.travel:
    """November 2026: Friday 6th, Saturday 7th, Monday 9th."""
    return time_machine.travel(datetime(2026, 11, day, hour, minute, tzinfo=LONDON), tick=False)


@pytest.fixture
def night(make_user):
    return make_user(Role.OUT_OF_HOURS_WORKER)


def refs(page, selector: str) -> list[str]:
    return [tr["data-reference"] for tr in page.select(f"{selector} [data-reference]")]


def test_the_out_of_hours_tray_is_red_first_with_the_nights_clock(night, make_user) -> None:
    handler = make_user(Role.CALL_HANDLER)
    with travel(6, 18, 0):
        earlier = submitted(handler, family_name="Amberley")  # not yet rated
    with travel(6, 23, 30):
        red = submitted(night, at_risk=True, family_name="Redfern")
    with travel(7, 2, 0):
        page = soup(signed_in_client(night).get(reverse("screening:out-of-hours")))
    assert refs(page, "#out-of-hours-tray") == [red.reference, earlier.reference]
    red_row = page.select_one(f'tr[data-reference="{red.reference}"]').get_text(" ", strip=True)
    # Red runs from receipt through the night: 23:30 + 4 hours = 03:30.
    assert "1 hour 30 minutes left" in red_row
    assert "Red RAG due 7 Nov, 03:30" in red_row
    other = page.select_one(f'tr[data-reference="{earlier.reference}"]').get_text(" ", strip=True)
    assert "Hands over at 9 Nov, 09:00" in other
    assert "09:00 on Monday 9 November" in page.get_text()
    with travel(9, 9, 0):  # handed over: no longer the night's
        page = soup(signed_in_client(night).get(reverse("screening:out-of-hours")))
    assert refs(page, "#out-of-hours-tray") == []


def test_only_the_out_of_hours_service_has_the_tray(make_user) -> None:
    for role, status in [
        (Role.CADS_SOCIAL_WORKER, 403),
        (Role.CALL_HANDLER, 403),
        (Role.TEAM_MANAGER, 403),
        (Role.OUT_OF_HOURS_WORKER, 200),
    ]:
        response = signed_in_client(make_user(role)).get(reverse("screening:out-of-hours"))
        assert response.status_code == status, role


def test_immediate_actions_are_recorded_and_head_mondays_tray(night, make_user) -> None:
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    with travel(6, 23, 30):
        red = submitted(night, at_risk=True, family_name="Redfern")
    url = reverse("screening:out-of-hours-actions", args=[red.pk])
    with travel(7, 0, 15):
        client = signed_in_client(night)
        assert errors(client.post(url, {})) == [
            "Select what has been done, or that advice was given",
            "Enter a summary for the daytime team",
        ]
        summary = "Police attended at 00:05. Maisie is with her grandmother tonight."
        response = client.post(
            url, {"actions": ["police_attended", "child_seen_safe"], "summary": summary}
        )
        assert response["Location"] == reverse("screening:out-of-hours")
        tray = soup(client.get(response["Location"]))
    assert "Immediate actions recorded on" in tray.select_one(".govuk-notification-banner").text
    row = tray.select_one(f'tr[data-reference="{red.reference}"]').get_text(" ", strip=True)
    assert "Police attended" in row
    assert "Overdue" not in row
    record = OutOfHoursRecord.objects.get()
    assert (record.recorded_by, record.actions) == (night, ["police_attended", "child_seen_safe"])
    assert CaseEvent.objects.filter(kind="contact.out_of_hours_actions").count() == 1
    with travel(9, 8, 59):  # not yet handed over
        page = soup(signed_in_client(screener).get(reverse("screening:tray")))
    assert page.select_one("#handover") is None
    with travel(9, 9, 5):
        page = soup(signed_in_client(screener).get(reverse("screening:tray")))
    handover = page.select_one("#handover")
    text = handover.get_text(" ", strip=True)
    assert refs(page, "#handover") == [red.reference]
    assert summary in text
    assert "Police attended" in text
    assert "Child seen and safe" in text
    assert "Red RAG due 9 Nov, 13:00" in text  # four hours from the handover
    # The handover heads the page, above the list, where the red contact is first too.
    assert str(page).index('id="handover"') < str(page).index('id="tray"')
    assert refs(page, "#tray")[0] == red.reference
    with travel(9, 9, 10):  # and on the screening page, for whoever screens it
        client = signed_in_client(screener)
        client.get(reverse("screening:history", args=[red.pk]))
        screen = soup(client.get(reverse("screening:screen", args=[red.pk])))
    section = screen.select_one("[data-out-of-hours-record]").get_text(" ", strip=True)
    assert summary in section
    assert "Police attended" in section


def test_red_heads_the_tray_and_households_group_inside_a_rag_level(make_user) -> None:
    handler, screener = make_user(Role.CALL_HANDLER), make_user(Role.CADS_SOCIAL_WORKER)
    with travel(9, 9, 0):
        dunn_red = submitted(handler, at_risk=True, family_name="Dunn")
    with travel(9, 9, 30):
        dunn_unrated = submitted(handler, family_name="Dunn")
    with travel(9, 10, 0):
        evans_red = submitted(handler, at_risk=True, family_name="Evans")
    home = Household.objects.create(address="1 Fictional Row, Wessex", postcode="WX1 1AA")
    ids = [c.subjects.get().person_id for c in (dunn_red, dunn_unrated)]
    Person.objects.filter(pk__in=ids).update(household=home)
    with travel(9, 10, 30):
        page = soup(signed_in_client(screener).get(reverse("screening:tray")))
    bodies = page.select("#tray tbody")
    grouped = [[tr["data-reference"] for tr in b.select("tr[data-reference]")] for b in bodies]
    # The unrated Dunn contact is not lifted above the red Evans one by its household.
    assert grouped == [[dunn_red.reference], [evans_red.reference], [dunn_unrated.reference]]
