"""Acceptance journey (the CIN episode recorded where the work happens, ADR 0028): the
assessment social worker opens a referral from their own tray, records the start of the
assessment, completes it with the factors identified (a completion before the start is
refused, with everything entered kept), and closes the episode with a reason. axe on every
page; screenshots to /tmp/episode-*.png."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from cads.accounts.roles import Role
from cads.referrals.models import Referral
from cads.referrals.tests.test_episode import referred
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def fill_date(page: Page, day: datetime.date) -> None:
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month", exact=True).fill(str(day.month))
    page.get_by_label("Year", exact=True).fill(str(day.year))


def shot(page: Page, name: str) -> None:
    page.screenshot(path=Path(tempfile.gettempdir()) / f"episode-{name}.png", full_page=True)


def test_social_worker_completes_an_assessment_and_closes_the_episode(page: Page, make_user):
    people = {
        "front door": make_user(Role.CADS_SOCIAL_WORKER),
        "manager": make_user(Role.TEAM_MANAGER),
        "assessor": make_user(Role.ASSESSMENT_SOCIAL_WORKER),
    }
    referral = referred(people)  # Maisie, referred on 2 March 2026, allocated
    sign_in(page, people["assessor"])

    page.goto("/referrals/yours/")
    assert_accessible(page)
    page.get_by_role("link", name="Maisie Pryce").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maisie Pryce")
    assert_accessible(page)
    page.get_by_role("link", name="Record the start of the assessment").click()
    assert_accessible(page)
    fill_date(page, datetime.date(2026, 3, 4))
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-summary-list")).to_contain_text("4 March 2026")

    page.get_by_role("link", name="Record the completed assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the completed assessment")
    assert_accessible(page)
    fill_date(page, datetime.date(2026, 3, 3))  # before it started
    page.get_by_label("16A Neglect", exact=True).check()
    page.get_by_label("4B Mental health: parent or carer").check()
    page.get_by_label("N1 Abuse or neglect").check()
    page.get_by_label("Further action: the child is a child in need").check()
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("after the date the assessment started")
    expect(page.get_by_label("16A Neglect", exact=True)).to_be_checked()  # nothing lost
    expect(page.get_by_label("N1 Abuse or neglect")).to_be_checked()
    assert_accessible(page)
    shot(page, "refused")
    page.get_by_label("Day", exact=True).fill("20")
    page.get_by_role("button", name="Save").click()
    details = page.locator(".govuk-summary-list")
    expect(details).to_contain_text("20 March 2026")
    expect(details).to_contain_text("4B Mental health: parent or carer; 16A Neglect")
    assert_accessible(page)
    shot(page, "completed")

    page.get_by_role("link", name="Close the episode").click()
    assert_accessible(page)
    page.get_by_label("RC7 Services ceased for any other reason").check()
    fill_date(page, datetime.date(2026, 6, 1))
    page.get_by_role("button", name="Save").click()
    expect(details).to_contain_text("Closed 1 June 2026: RC7 Services ceased")
    assert_accessible(page)
    shot(page, "closed")
    page.goto("/referrals/yours/")
    expect(page.get_by_text("No referrals are allocated to you.")).to_be_visible()

    closed = Referral.objects.get(pk=referral.pk)
    assert (closed.assessment_factors, closed.closure_reason) == (["4B", "16A"], "RC7")
