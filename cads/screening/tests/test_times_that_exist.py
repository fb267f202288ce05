"""Times that exist (ADR 0031): a received time in the hour skipped when the clocks go
forward is refused with a clear message; one in the hour repeated when they go back asks
whether it was BST or GMT and keeps what was entered; a back-dated received time that falls
out of hours follows the handover rule, so the work tray counts its red clock from the next
opening (ADR 0030)."""

from __future__ import annotations

import datetime
import uuid

import pytest
import time_machine
from django.urls import reverse

from cads.accounts.roles import Role
from cads.contacts.models import Contact
from cads.contacts.tests.intake_helpers import error_summary, page, ready_contact, start_data
from cads.core.clocks import LONDON
from conftest import signed_in_client

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def at(year: int, month: int, day: int, hour: int, minute: int) -> time_machine.travel:
    moment = datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)
    return time_machine.travel(moment, tick=False)


def posted(day: int, month: int, time: str, **more: str) -> dict[str, str]:
    moment = datetime.datetime(2026, month, day, 12, 0, tzinfo=LONDON)
    return start_data(received=moment, received_time=time, **more)


def test_a_time_that_did_not_happen_is_refused(make_user) -> None:
    with at(2026, 3, 30, 10, 0):
        client = signed_in_client(make_user(Role.CALL_HANDLER))
        response = client.post("/contacts/new/", posted(29, 3, "01:30"))
    assert response.status_code == 200
    assert error_summary(response) == [
        "01:30 on 29 March 2026 did not happen: the clocks went forward an hour at 01:00. "
        "Enter the time as the clock showed it, for example 02:30 for half an hour after "
        "the change"
    ]
    assert page(response).select_one("input[name=received_time]")["value"] == "01:30"
    assert not Contact.objects.exists()


@pytest.mark.parametrize(("answer", "utc_hour"), [("bst", 0), ("gmt", 1)])
def test_a_time_that_happened_twice_asks_bst_or_gmt(make_user, answer: str, utc_hour: int) -> None:
    with at(2026, 10, 26, 10, 0):
        client = signed_in_client(make_user(Role.CALL_HANDLER))
        first = page(client.get("/contacts/new/"))
        assert first.select("input[name=received_clock]") == []  # asked only when needed
        response = client.post("/contacts/new/", posted(25, 10, "01:30"))
        assert error_summary(response) == [
            "Select whether 01:30 on 25 October 2026 was British Summer Time or GMT"
        ]
        html = page(response)
        legend = html.select_one("fieldset:has(input[name=received_clock]) legend")
        assert "happened twice" in legend.get_text()
        assert [i["value"] for i in html.select("input[name=received_clock]")] == ["bst", "gmt"]
        assert html.select_one("input[name=received_time]")["value"] == "01:30"
        response = client.post("/contacts/new/", posted(25, 10, "01:30", received_clock=answer))
        assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.received_at == datetime.datetime(2026, 10, 25, utc_hour, 30, tzinfo=UTC)


def test_other_times_are_not_asked_about(make_user) -> None:
    with at(2026, 10, 26, 10, 0):
        client = signed_in_client(make_user(Role.CALL_HANDLER))
        response = client.post("/contacts/new/", posted(25, 10, "02:30"))
    assert response.status_code == 302
    received = Contact.objects.get().received_at
    assert received == datetime.datetime(2026, 10, 25, 2, 30, tzinfo=UTC)  # GMT by then


def test_a_back_dated_out_of_hours_time_follows_the_handover(make_user) -> None:
    """Recorded on Monday at 10:00 by a daytime worker, received on Saturday at 14:00 with
    a child at immediate risk: the red clock runs from the handover at Monday 09:00, so the
    tray says 3 hours left, not "Overdue by 1 day 16 hours"."""
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    with at(2026, 11, 9, 10, 0):
        client = signed_in_client(worker)
        response = client.post("/contacts/new/", posted(7, 11, "14:00"))
        contact = ready_contact(worker, contact=Contact.objects.get(), at_risk=True)
        url = reverse("contacts:check-answers", args=[contact.pk])
        client.post(url, {"submission_key": str(uuid.uuid4())})
        tray = page(client.get(reverse("screening:tray")))
    row = tray.select_one(f'tr[data-reference="{Contact.objects.get().reference}"]')
    assert response.status_code == 302
    text = row.get_text(" ", strip=True)
    assert "Red" in text
    assert "3 hours left" in text
    assert "Overdue" not in text
