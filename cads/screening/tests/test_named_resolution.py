"""The screener identifies the people a contact named (ADR 0021): the screening page lists
each as named, not yet identified, with its details; "Find or add" runs the people search
filled in from what was given, a candidate is chosen (it joins the contact with its role)
or a record created from the details; or "cannot be identified" with a reason."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cads.accounts.roles import Role
from cads.contacts.models_named import Resolution
from cads.contacts.tests.named_helpers import ADDRESS, POSTCODE, siblings_report
from cads.people.models import Person
from cads.people.restriction import person_restrict
from cads.people.services import household_create, person_create
from cads.screening.tests.helpers import errors, soup
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def screener(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


def on_record(actor, given_name: str = "Ruby") -> Person:
    home = household_create(actor=actor, address=ADDRESS, postcode=POSTCODE)
    return person_create(actor=actor, household=home, given_name=given_name,
                         family_name="Ashdown", sex="F")  # fmt: skip


def named_rows(client, contact) -> dict[str, str]:
    client.get(reverse("screening:history", args=[contact.pk]))  # history first
    page = soup(client.get(reverse("screening:screen", args=[contact.pk])))
    rows = page.select("[data-named-people] [data-named]")
    return {
        r.select_one("dt").get_text(" ", strip=True): r.select_one(".govuk-tag").get_text(
            strip=True
        )
        for r in rows
    }


def test_the_screening_page_lists_each_named_person_with_ways_to_resolve(screener) -> None:
    contact = siblings_report()
    client = signed_in_client(screener)
    client.get(reverse("screening:history", args=[contact.pk]))
    page = soup(client.get(reverse("screening:screen", args=[contact.pk])))
    ruby = page.select("[data-named-people] [data-named]")[0]
    assert "Address: 14 Larch Close, Wessex, WX4 7QT" in ruby.get_text(" ", strip=True)
    links = [a.get_text(" ", strip=True) for a in ruby.select("a")]
    assert links == ["Find or add Ruby Ashdown", "Cannot be identified : Ruby Ashdown"]


def test_find_searches_with_the_details_given_and_choosing_identifies(screener) -> None:
    ruby = on_record(screener)
    contact = siblings_report()
    named = contact.named_people.get(given_name="Ruby")
    client = signed_in_client(screener)

    found = soup(client.get(reverse("screening:named-find", args=[contact.pk, named.pk])))
    assert found.select_one("#id_family_name")["value"] == "Ashdown"
    choose = next(a for a in found.select("main a") if "Choose Ruby Ashdown" in a.get_text())
    assert choose["href"] == reverse("screening:named-choose", args=[named.pk, ruby.pk])

    refused = client.post(choose["href"], {"role": "child"})
    assert errors(refused) == ["Enter where the child is now, or Not known"]
    done = client.post(choose["href"], {"role": "child", "whereabouts": "Not known"})
    assert done["Location"] == reverse("screening:screen", args=[contact.pk])
    assert contact.subjects.get().person == ruby
    assert named_rows(client, contact)["Ruby Ashdown Child the concern is about"] == "Identified"


def test_a_new_record_is_filled_in_from_the_details_given(screener) -> None:
    contact = siblings_report()
    finn = contact.named_people.get(given_name="Finn")
    client = signed_in_client(screener)
    found = soup(client.get(reverse("screening:named-find", args=[contact.pk, finn.pk])))
    create = str(found.find("a", string="Create a new record")["href"])
    form = soup(client.get(create))
    assert form.select_one("#id_given_name")["value"] == "Finn"
    assert form.select_one("#id_address").get_text().strip() == ADDRESS
    assert form.select_one("#id_postcode")["value"] == POSTCODE
    data = {
        "given_name": "Finn",
        "family_name": "Ashdown",
        "sex": "M",
        "address": ADDRESS,
        "postcode": POSTCODE,
        "creation_key": form.select_one("[name=creation_key]")["value"],
        "search": form.select_one("[name=search]")["value"],
    }
    created = client.post(create.split("?", maxsplit=1)[0], data)
    person = Person.objects.get(given_name="Finn")
    assert created["Location"] == reverse("screening:named-choose", args=[finn.pk, person.pk])
    assert person.household.postcode == POSTCODE
    client.post(created["Location"], {"role": "child", "whereabouts": "At school"})
    finn.refresh_from_db()
    assert (finn.resolution, finn.person) == (Resolution.LINKED, person)


def test_create_needs_a_search_first(screener) -> None:
    contact = siblings_report()
    finn = contact.named_people.get(given_name="Finn")
    response = signed_in_client(screener).get(
        reverse("screening:named-create", args=[contact.pk, finn.pk])
    )
    assert response["Location"] == reverse("screening:named-find", args=[contact.pk, finn.pk])


def test_cannot_be_identified_needs_a_reason(screener) -> None:
    contact = siblings_report()
    kim = contact.named_people.get(given_name="Kim")
    url = reverse("screening:named-cannot", args=[contact.pk, kim.pk])
    client = signed_in_client(screener)
    assert errors(client.post(url, {"reason": ""})) == ["Enter why they cannot be identified"]
    client.post(url, {"reason": "Anonymous referrer gave no more; nobody at the address"})
    assert named_rows(client, contact)["Kim Ashdown Parent or carer"] == "Cannot be identified"


def test_a_restricted_record_cannot_be_chosen_without_access(screener, make_user) -> None:
    manager = make_user(Role.TEAM_MANAGER)
    ruby = on_record(manager)
    person_restrict(actor=manager, person=ruby, reason="high_profile", note="", users=[])
    contact = siblings_report()
    named = contact.named_people.get(given_name="Ruby")
    response = signed_in_client(screener).post(
        reverse("screening:named-choose", args=[named.pk, ruby.pk]),
        {"role": "child", "whereabouts": "Not known"},
    )
    assert response.status_code == 403
    named.refresh_from_db()
    assert named.is_outstanding


def test_a_named_person_on_another_contact_is_not_found(screener) -> None:
    contact, other = siblings_report(), siblings_report()
    named = other.named_people.first()
    response = signed_in_client(screener).get(
        reverse("screening:named-find", args=[contact.pk, named.pk])
    )
    assert response.status_code == 404
