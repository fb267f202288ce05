"""The Children and family section: search before create, roles, whereabouts, remove."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from cads.accounts.roles import Role
from cads.audit.models import AccessLog
from cads.contacts.models import Contact, ContactSubject
from cads.contacts.services import contact_immediate_risk_record, contact_start
from cads.contacts.tests.intake_helpers import error_summary, page
from cads.people.models import Person
from cads.people.services import household_create, person_create
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler(make_user):
    return make_user(Role.CALL_HANDLER)


@pytest.fixture
def client(handler):
    return signed_in_client(handler)


@pytest.fixture
def draft(handler) -> Contact:
    contact = contact_start(actor=handler, received_at=timezone.now())
    return contact_immediate_risk_record(actor=handler, contact=contact, at_risk=False)


@pytest.fixture
def known_child() -> Person:
    home = household_create(actor=None, address="4 Quarry Road\nWessex Town", postcode="WX3 9QP")
    return person_create(
        actor=None,
        household=home,
        given_name="Alfred",
        family_name="Pryce",
        sex="M",
        date_of_birth=datetime.date(2017, 4, 9),
    )


def urls(contact: Contact) -> dict[str, str]:
    return {
        name: reverse(f"contacts:{name}", args=[contact.pk])
        for name in ("children", "subject-search", "subject-create")
    }


def test_the_section_url_is_the_children_page(draft) -> None:
    assert (
        reverse("contacts:section", args=[draft.pk, "children-and-family"])
        == (urls(draft)["children"])
    )


def test_search_finds_an_existing_child_and_logs_it(client, draft, known_child) -> None:
    response = client.get(
        urls(draft)["subject-search"], {"given_name": "Alfie", "family_name": "Pryce"}
    )
    links = page(response).select("tbody a")
    add = next(a for a in links if a.get_text().startswith("Add Alfred Pryce"))
    assert add["href"] == reverse("contacts:subject-role", args=[draft.pk, known_child.pk])
    assert AccessLog.objects.filter(subject_id=str(known_child.pk)).exists()
    response = client.get(urls(draft)["subject-search"], {})
    assert response.status_code == 200  # an empty search shows the form, no results


def test_a_role_is_required_and_words_each_missing_answer(client, draft, known_child) -> None:
    url = reverse("contacts:subject-role", args=[draft.pk, known_child.pk])
    assert error_summary(client.post(url, {})) == ["Select the person's role in this contact"]
    assert error_summary(client.post(url, {"role": "child"})) == [
        "Enter where the child is now, or Not known"
    ]
    assert error_summary(client.post(url, {"role": "parent_carer"})) == [
        "Select whether they have parental responsibility"
    ]
    response = client.post(url, {"role": "child", "whereabouts": "At school"})
    assert response.url == urls(draft)["children"]
    subject = ContactSubject.objects.get(contact=draft)
    assert (subject.role, subject.whereabouts) == ("child", "At school")


def test_create_needs_a_search_first(client, draft) -> None:
    response = client.get(urls(draft)["subject-create"])
    assert response.url == urls(draft)["subject-search"]


def _search_token(client, draft, **terms: str) -> str:
    response = client.get(urls(draft)["subject-search"], terms)
    link = page(response).find("a", string="Create a new record")
    return link["href"].split("search=")[1]


def test_a_new_person_is_created_once_with_address_and_phone(client, draft) -> None:
    token = _search_token(client, draft, given_name="Maisie", family_name="Holt")
    form = page(client.get(urls(draft)["subject-create"], {"search": token}))
    assert form.select_one("#id_given_name")["value"] == "Maisie"  # prefilled from the search
    key = form.select_one("input[name=creation_key]")["value"]
    data = {
        "search": token,
        "creation_key": key,
        "given_name": "Maisie",
        "family_name": "Holt",
        "sex": "F",
        "date_of_birth_day": "27",
        "date_of_birth_month": "3",
        "date_of_birth_year": "2019",
        "address": "9 Elm Street\nWessex Town",
        "postcode": "wx12ab",
        "phone": "07700 900123",
    }
    response = client.post(urls(draft)["subject-create"], data)
    person = Person.objects.get(family_name="Holt")
    assert response.url == reverse("contacts:subject-role", args=[draft.pk, person.pk])
    assert person.household.postcode == "WX1 2AB"
    assert person.phone_numbers.get().number == "07700 900123"
    client.post(urls(draft)["subject-create"], data)  # a double click
    assert Person.objects.filter(family_name="Holt").count() == 1


def test_the_new_person_form_words_its_errors(client, draft) -> None:
    token = _search_token(client, draft, family_name="Holt")
    data = {
        "search": token,
        "creation_key": str(uuid.uuid4()),
        "date_of_birth_day": "27",
        "postcode": "nonsense",
        "phone": "call me",
    }
    assert error_summary(client.post(urls(draft)["subject-create"], data)) == [
        "Enter the last name",
        "Date of birth must include a month and year",
        "Select the person's sex, or Not known",
        "Enter a real postcode, like SW1A 1AA",
        "Enter a phone number, like 01632 960 001 or +44 808 157 0192",
    ]


def test_a_sibling_can_share_the_address_already_on_the_contact(
    client, draft, handler, known_child
) -> None:
    client.post(
        reverse("contacts:subject-role", args=[draft.pk, known_child.pk]),
        {"role": "child", "whereabouts": "Home"},
    )
    token = _search_token(client, draft, family_name="Pryce", given_name="Tom")
    data = {
        "search": token,
        "creation_key": str(uuid.uuid4()),
        "given_name": "Tom",
        "family_name": "Pryce",
        "sex": "M",
        "lives_at": str(known_child.household_id),
    }
    client.post(urls(draft)["subject-create"], data)
    assert Person.objects.get(given_name="Tom").household_id == known_child.household_id


def test_saving_the_section_needs_a_child_then_remove_works(client, draft, known_child) -> None:
    response = client.post(urls(draft)["children"], {"version": draft.version})
    assert response.status_code == 400
    assert error_summary(response) == ["Add the child or children the concern is about"]
    client.post(
        reverse("contacts:subject-role", args=[draft.pk, known_child.pk]),
        {"role": "child", "whereabouts": "Home"},
    )
    response = client.post(urls(draft)["children"], {"version": draft.version})
    assert response.url == reverse("contacts:task-list", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.sections_done == ["children-and-family"]
    remove = reverse("contacts:subject-remove", args=[draft.pk, known_child.pk])
    assert "Remove Alfred Pryce" in page(client.get(remove)).h1.get_text()
    client.post(remove)
    assert not draft.subjects.exists()
    assert Person.objects.filter(pk=known_child.pk).exists()  # the record stays


def test_each_role_asks_its_own_question_under_it(client, draft, known_child) -> None:
    # GOV.UK conditional reveals: parental responsibility under "parent or carer", where
    # the child is now under "child" and "sibling" (one reveal named by both radios).
    shown = page(client.get(reverse("contacts:subject-role", args=[draft.pk, known_child.pk])))
    reveals = {r["value"]: r.get("data-reveals") for r in shown.select("input[name=role]")}
    assert reveals["child"] == reveals["sibling"] == "conditional-id_role-whereabouts"
    assert reveals["parent_carer"] == "conditional-id_role-parent_carer"
    assert reveals["other"] is None
    whereabouts = shown.select_one("#conditional-id_role-whereabouts")
    assert whereabouts.select("textarea[name=whereabouts]")
    pr = shown.select_one("#conditional-id_role-parent_carer")
    assert pr.select("input[name=parental_responsibility]")
    assert "For a parent or carer" not in shown.get_text()
