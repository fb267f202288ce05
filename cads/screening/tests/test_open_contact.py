"""The open contact warning at screening (ADR 0021): a second open contact about the same
child is shown with its reference and status; adding it to the first as an update keeps
what it says on the first contact's screening page and closes the second with that reason;
going on records why."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cads.accounts.roles import Role
from cads.contacts.models_named import ContactGoOn
from cads.contacts.workflow import Status
from cads.screening.tests.helpers import errors, soup, submitted
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(make_user):
    handler = make_user(Role.CALL_HANDLER)
    first, second = submitted(handler), submitted(handler)
    second.subjects.update(person=first.subjects.get().person)
    return first, second


def screen(client, contact):
    client.get(reverse("screening:history", args=[contact.pk]))
    return soup(client.get(reverse("screening:screen", args=[contact.pk])))


def test_the_screening_page_shows_the_other_open_contact(make_user, pair) -> None:
    first, second = pair
    client = signed_in_client(make_user(Role.CADS_SOCIAL_WORKER))
    shown = screen(client, second).select_one("[data-other-contacts]").get_text(" ", strip=True)
    assert f"{first.reference}: awaiting screening" in shown


def test_adding_to_the_open_contact_keeps_it_there_and_closes_this_one(make_user, pair) -> None:
    first, second = pair
    client = signed_in_client(make_user(Role.CADS_SOCIAL_WORKER))
    screen(client, second)
    url = reverse("screening:open-contact", args=[second.pk])
    done = client.post(
        url, {"choice": str(first.pk), "text": "Seen again today, hungry", "referrer": "Aunt"}
    )
    assert done["Location"] == reverse("screening:screen", args=[first.pk])
    second.refresh_from_db()
    assert second.status == Status.CLOSED
    update = screen(client, first).select_one("[data-update]").get_text(" ", strip=True)
    assert "Seen again today, hungry" in update
    assert "from Aunt" in update


def test_going_on_is_recorded_with_its_reason(make_user, pair) -> None:
    first, second = pair
    client = signed_in_client(make_user(Role.CADS_SOCIAL_WORKER))
    screen(client, second)
    url = reverse("screening:open-contact", args=[second.pk])
    assert errors(client.post(url, {"choice": "go_on"})) == ["Enter why this is a new contact"]
    client.post(url, {"choice": "go_on", "reason": "Different concern: school attendance"})
    assert ContactGoOn.objects.get(contact=second).shown == [first.reference]
    page = screen(client, second).select_one("main").get_text(" ", strip=True)
    assert "went on with this contact" in page
    assert "school attendance" in page
