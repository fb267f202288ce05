"""Acceptance journey (issue 5, decisions and referrals): a CADS social worker decides a
Child and Family Assessment, a team manager allocates the referral; a second contact is
decided no further action and the manager signs it off. axe runs on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from cads.accounts.roles import Role
from cads.decisions.tests.helpers import submitted_contact
from cads.referrals.models import AssessmentTeam
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def decide(page: Page, contact_pk: object, outcome: str, reasons: str) -> None:
    page.goto(f"/decisions/contact/{contact_pk}/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a decision")
    assert_accessible(page)
    page.get_by_label(outcome, exact=True).check()
    page.get_by_label("Reasons for your decision").fill(reasons)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What the referrer will read")
    assert_accessible(page)
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decision")
    assert_accessible(page)


def test_assessment_allocated_and_no_further_action_signed_off(
    page: Page, browser: Browser, live_server, make_user
) -> None:
    AssessmentTeam.objects.get_or_create(name="Assessment team North")
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    manager = make_user(Role.TEAM_MANAGER)
    make_user(Role.ASSESSMENT_SOCIAL_WORKER)
    assessed = submitted_contact(worker, family_name="Pryce")
    closing = submitted_contact(worker, family_name="Okafor")

    sign_in(page, worker)
    page.goto(f"/decisions/contact/{assessed.pk}/new/")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select at least one outcome")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the reasons for your decision"
    )
    assert_accessible(page)
    decide(page, assessed.pk, "Child and Family Assessment", "Neglect concerns need assessment")
    expect(page.locator("main")).to_contain_text("Agreed")
    expect(page.get_by_role("link", name="Maisie Pryce")).to_be_visible()

    decide(page, closing.pk, "No further action", "Concern resolved by the school")
    expect(page.locator("main")).to_contain_text("Awaiting sign-off")

    context = browser.new_context(base_url=live_server.url)
    manager_page = context.new_page()
    manager_page.set_default_timeout(10_000)
    sign_in(manager_page, manager)
    manager_page.goto("/referrals/unallocated/")
    expect(manager_page.get_by_role("heading", level=1)).to_have_text("Referrals to allocate")
    assert_accessible(manager_page)
    manager_page.get_by_role("link", name="Maisie Pryce").click()
    assert_accessible(manager_page)
    manager_page.get_by_role("link", name="Allocate", exact=True).click()
    expect(manager_page.get_by_role("heading", level=1)).to_have_text("Allocate the referral")
    assert_accessible(manager_page)
    manager_page.get_by_label("Assessment team North").check()
    manager_page.get_by_label("Social worker").select_option(
        label="Test Assessment team social worker"
    )
    manager_page.get_by_role("button", name="Allocate", exact=True).click()
    expect(manager_page.locator("main")).to_contain_text("Allocated to a social worker")
    assert_accessible(manager_page)

    manager_page.goto("/decisions/awaiting-sign-off/")
    expect(manager_page.get_by_role("heading", level=1)).to_have_text("Awaiting sign-off")
    assert_accessible(manager_page)
    manager_page.get_by_role("link", name=str(closing.reference)).click()
    manager_page.get_by_role("link", name="Sign off or return").click()
    expect(manager_page.get_by_role("heading", level=1)).to_have_text("Sign off the decision")
    assert_accessible(manager_page)
    manager_page.get_by_label("Yes, agree the decision").check()
    manager_page.get_by_role("button", name="Save sign-off").click()
    expect(manager_page.locator("main")).to_contain_text("Agreed by Test Team manager")
    expect(manager_page.locator("main")).to_contain_text("Closed")
    assert_accessible(manager_page)
    context.close()
