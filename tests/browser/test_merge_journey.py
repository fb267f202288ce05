"""A manager reviews a possible duplicate found by the sweep, merges it, then undoes the
merge, in Chromium with axe on every page."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from cads.accounts.roles import Role
from cads.people.duplicates import duplicate_sweep
from cads.people.models import Person
from cads.people.services import household_create, person_create, phone_number_add
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_merges_a_duplicate_and_undoes_it(page: Page, make_user) -> None:
    manager = make_user(Role.TEAM_MANAGER)
    home = household_create(actor=None, address="9 Orchard Close\nWessex Town", postcode="WX2 4LT")
    kept = person_create(
        actor=None,
        household=home,
        given_name="Katherine",
        family_name="Oyelaran",
        sex="F",
        date_of_birth=datetime.date(2015, 3, 11),
        nhs_number="9990000026",
    )
    duplicate = person_create(
        actor=None,
        household=home,
        given_name="Kate",
        family_name="Oyelaran",
        sex="F",
        date_of_birth=datetime.date(2015, 11, 3),
        nhs_number="9990000026",
    )
    phone_number_add(actor=manager, person=duplicate, number="07700 900123", label="Mother")
    duplicate_sweep()

    sign_in(page, manager)
    page.get_by_role("link", name="Possible duplicates").click()
    assert_accessible(page)
    page.get_by_role("link", name="Review pair 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are these the same person?")
    assert_accessible(page)
    page.get_by_role("link", name="Merge these records").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the record to keep")
    assert_accessible(page)
    page.get_by_label("Katherine Oyelaran", exact=False).check()
    page.get_by_label("Why are these the same person?").fill(
        "Same NHS number; the second record has a short name and swapped birth date"
    )
    page.get_by_role("button", name="Continue").click()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm merge").click()
    assert_accessible(page)
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == kept.pk
    assert kept.phone_numbers.count() == 1

    page.get_by_role("link", name="Undo this merge").click()
    page.get_by_label("Why are you undoing this merge?").fill("Merged the wrong pair, checking")
    page.get_by_role("button", name="Undo this merge").click()
    assert_accessible(page)
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id is None
    assert Person.objects.get(pk=duplicate.pk).phone_numbers.count() == 1
