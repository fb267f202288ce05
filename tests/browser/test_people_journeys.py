"""Person journeys in Chromium with axe: search before create, the record with its family
network and flags, a colleague's restricted record and break-glass, and a manager's review."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from cads.accounts.roles import Role
from cads.people.models import Person, RelationshipKind, StatusKind
from cads.people.services import (
    household_create,
    person_create,
    person_status_add,
    relationship_add,
)
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def seed_family() -> Person:
    home = household_create(actor=None, address="4 Quarry Road\nWessex Town", postcode="WX3 9QP")
    mother = person_create(
        actor=None,
        household=home,
        given_name="Donna",
        family_name="Pryce",
        sex="F",
        date_of_birth=datetime.date(1988, 2, 14),
    )
    child = person_create(
        actor=None,
        household=home,
        given_name="Alfred",
        family_name="Pryce",
        sex="M",
        date_of_birth=datetime.date(2017, 4, 9),
        nhs_number="9990000026",
    )
    relationship_add(
        actor=None,
        from_person=mother,
        to_person=child,
        kind=RelationshipKind.PARENT,
        parental_responsibility=True,
    )
    person_status_add(
        actor=None,
        person=child,
        kind=StatusKind.CHILD_IN_NEED,
        start_date=datetime.date(2026, 6, 1),
    )
    return child


def search(page: Page, **fields: str) -> None:
    page.get_by_role("link", name="Children and families").click()
    for label, value in fields.items():
        page.get_by_label(label.replace("_", " "), exact=True).fill(value)
    page.get_by_role("button", name="Search").click()


def test_call_handler_finds_a_child_by_nickname_then_creates_a_new_one(
    page: Page, make_user
) -> None:
    seed_family()
    sign_in(page, make_user(Role.CALL_HANDLER))
    search(page, First_name="Alfie", Last_name="Pryce")
    first = page.locator("tbody tr").first
    expect(first).to_contain_text("Alfred Pryce")
    expect(first).to_contain_text("Child in need")
    assert_accessible(page)
    first.get_by_role("link", name="Alfred Pryce").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alfred Pryce")
    expect(page.locator("main")).to_contain_text("Donna Pryce")
    assert_accessible(page)

    search(page, First_name="Tegan", Last_name="Marlow")
    page.get_by_role("link", name="Create a new record").click()
    expect(page.get_by_label("Last name", exact=True)).to_have_value("Marlow")
    page.get_by_label("NHS number").fill("999 000 0027")
    page.get_by_label("Female").check()
    page.get_by_role("button", name="Create record").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The NHS number is not valid")
    expect(page.get_by_label("First name", exact=True)).to_have_value("Tegan")
    assert_accessible(page)
    page.get_by_label("NHS number").fill("999 000 0018")
    page.get_by_role("button", name="Create record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tegan Marlow")
    expect(page.locator("main")).to_contain_text("999 000 0018")


def test_restricted_record_break_glass_and_the_managers_review(page: Page, make_user) -> None:
    child = seed_family()
    Person.objects.filter(pk=child.pk).update(restricted=True, restriction_reason="high_profile")
    manager = make_user(Role.TEAM_MANAGER)
    sign_in(page, make_user(Role.CADS_SOCIAL_WORKER))
    search(page, Last_name="Pryce", First_name="Alfred")
    expect(page.locator("main")).to_contain_text("A restricted record matched this search")
    assert_accessible(page)
    page.get_by_role("link", name="Open it with a reason").first.click()
    page.get_by_role("button", name="Open the record").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why you need to open")
    assert_accessible(page)
    page.get_by_label("Why do you need to open this record?").fill(
        "School reports a new injury today"
    )
    page.get_by_role("button", name="Open the record").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alfred Pryce")
    expect(page.get_by_role("region", name="Restricted record")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, manager)
    page.goto("/children-and-families/break-glass/")
    expect(page.locator("tbody")).to_contain_text("School reports a new injury today")
    assert_accessible(page)


def test_social_worker_updates_a_record_and_a_manager_restricts_it(page: Page, make_user) -> None:
    child = seed_family()
    person_create(
        actor=None, given_name="Jayden", family_name="Pryce", sex="M",
        date_of_birth=datetime.date(2014, 10, 2),
    )  # fmt: skip
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    sign_in(page, worker)
    page.goto(f"/children-and-families/{child.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alfred Pryce")

    page.get_by_role("link", name="Change details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change details")
    page.get_by_label("Preferred name").fill("Alfie")
    page.get_by_label("School or setting").fill("Wessex Town Primary School")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("(known as Alfie)")
    expect(page.locator("main")).to_contain_text("Wessex Town Primary School")
    assert_accessible(page)

    page.get_by_role("link", name="Change address").click()
    page.get_by_role("button", name="Save address").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the address")
    assert_accessible(page)
    page.get_by_label("Address", exact=True).fill("Flat 2, 9 Mill Lane\nWessex Town")
    page.get_by_label("Postcode").fill("wx48lp")
    page.get_by_role("button", name="Save address").click()
    expect(page.locator("main")).to_contain_text("WX4 8LP")

    page.get_by_role("link", name="Add a family member").click()
    page.get_by_label("First name").fill("Jayden")
    page.get_by_label("Last name").fill("Pryce")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("link", name="Link Jayden Pryce").click()
    page.get_by_label("Sibling", exact=True).check()
    page.get_by_role("button", name="Link").click()
    network = page.locator("main")
    expect(network).to_contain_text("Jayden Pryce")
    expect(network).to_contain_text("Donna Pryce")
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, make_user(Role.TEAM_MANAGER))
    page.goto(f"/children-and-families/{child.pk}/")
    page.get_by_role("link", name="Restrict this record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Restrict this record")
    page.get_by_role("button", name="Restrict record").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select why the record")
    assert_accessible(page)
    page.get_by_label("High profile").check()
    page.get_by_label("Note for the record").fill("Family member works in the service")
    page.get_by_role("button", name="Restrict record").click()
    expect(page.get_by_role("region", name="Restricted record")).to_be_visible()
    assert_accessible(page)
