"""Acceptance journey (issue 7, statutory returns): a team manager checks the CIN census,
follows a failure to the child's record, exports with the errors forced, and downloads
Ofsted Annex A. axe runs on every page."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from cads.accounts.roles import Role
from cads.returns.tests.builders import child, referral
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_checks_and_downloads_the_returns(page: Page, make_user) -> None:
    person = child(la_child_id="WX000501", given_name="Ava", family_name="Hart", ethnicity="")
    referral(person, datetime.date(2025, 9, 1), make_user(Role.CADS_SOCIAL_WORKER))
    sign_in(page, make_user(Role.TEAM_MANAGER))

    page.goto("/returns/cin-census/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Children in need census")
    assert_accessible(page)
    page.get_by_label("Collection year ending 31 March").fill("2026")
    page.get_by_role("button", name="Check the records").click()
    row = page.locator("tr", has_text="4220")
    expect(row).to_contain_text("Ethnicity is missing or invalid")
    assert_accessible(page)

    page.get_by_role("button", name="Download the census").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The checks found 1 error")
    assert_accessible(page)
    page.get_by_label("Export even though the checks found errors").check()
    with page.expect_download() as census:
        page.get_by_role("button", name="Download the census").click()
    assert census.value.suggested_filename == "cin-census-2026.xml"

    page.goto("/returns/annex-a/")
    assert_accessible(page)
    page.get_by_label("Day").fill("30")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    with page.expect_download() as annex:
        page.get_by_role("button", name="Download Annex A").click()
    assert annex.value.suggested_filename == "annex-a-2026-11-30.xlsx"

    page.goto("/returns/")
    expect(page.locator("tbody")).to_contain_text("Exported with 1 error")
    assert_accessible(page)
    page.goto("/returns/cin-census/")
    page.get_by_role("button", name="Check the records").click()
    page.locator("tr", has_text="4220").get_by_role("link", name="Ava Hart").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ava Hart")
