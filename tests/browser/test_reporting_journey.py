"""Acceptance journey (issue 7, management information): a team manager opens the
dashboard, filters by dates and team, sees the figures with their definitions and the
downloads of both statutory returns, then the data quality report. axe runs on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cads.accounts.roles import Role
from cads.reporting.tests.dataset import build_week
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in
from tests.browser.watch import console_errors

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page: Page, label: str, day: int) -> None:
    """A November 2026 date in the GOV.UK date input labelled `label`."""
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill("11")
    group.get_by_label("Year").fill("2026")


def test_manager_filters_the_dashboard_and_finds_the_returns(page: Page, make_user) -> None:
    week = build_week(make_user)
    manager = make_user(Role.TEAM_MANAGER)
    errors = console_errors(page)  # the charts' sizes once broke the CSP: 12 errors a load

    sign_in(page, manager)
    page.get_by_role("link", name="Management information").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Management information")
    assert_accessible(page)

    fill_date(page, "Received from", 6)
    fill_date(page, "Received to", 2)
    page.get_by_role("button", name="Show figures").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The start date must be the same as or before the end date"
    )
    received_from = page.get_by_role("group", name="Received from")
    expect(received_from.get_by_label("Day")).to_have_value("6")
    assert_accessible(page)

    fill_date(page, "Received from", 2)
    fill_date(page, "Received to", 6)
    page.get_by_label("Team").select_option(label=week.team.name)
    page.get_by_role("button", name="Show figures").click()
    expect(page.locator("#showing")).to_contain_text("team CADS North")
    expect(page.locator("#contacts-by-source")).to_contain_text("Definition:")
    expect(page.locator("#decisions-on-time [data-headline]")).to_have_text(
        "100.0% decided on time"
    )
    assert_accessible(page)  # charts and tables fit a 320 px screen

    expect(page.get_by_role("link", name="Children in need census")).to_be_visible()
    expect(page.get_by_role("link", name="Ofsted Annex A")).to_be_visible()
    with page.expect_download() as download:
        page.locator("#conversion").get_by_role("link", name="Download this table as CSV").click()
    assert download.value.suggested_filename == "conversion-2026-11-02-to-2026-11-06.csv"

    page.get_by_role("link", name="Data quality: records that would fail a return").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data quality")
    assert_accessible(page)
    assert errors == []
