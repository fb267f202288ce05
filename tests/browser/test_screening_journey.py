"""A CADS social worker opens the work tray, opens a contact, reads the history first, then
records the consent call and the threshold (issue 5, screening)."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from cads.accounts.roles import Role
from cads.contacts.services import contact_submit
from cads.contacts.tests.intake_helpers import ready_contact
from cads.screening.models import Screening
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)
    assert_accessible(page)


def test_screener_reads_history_first_then_records_consent_and_threshold(
    page: Page, make_user
) -> None:
    handler = make_user(Role.CALL_HANDLER)
    contact = contact_submit(
        actor=handler, contact=ready_contact(handler), submission_key=uuid.uuid4()
    )
    sign_in(page, make_user(Role.CADS_SOCIAL_WORKER))
    page.get_by_role("link", name="Work tray").click()
    heading(page, "Work tray")
    row = page.locator(f"tr[data-reference='{contact.reference}']")
    expect(row).to_contain_text("Maisie Pryce")
    expect(row).to_contain_text("left")
    row.get_by_role("link", name=contact.reference).click()

    heading(page, "What we already know")
    expect(page.locator("main")).to_contain_text("0 previous contacts")
    page.get_by_role("link", name="Continue to screening").click()

    heading(page, "Screening")
    page.get_by_role("link", name="Record consent decision").click()
    heading(page, "Consent decision")
    why_not = page.get_by_label("Why was consent not sought?")
    expect(why_not).to_be_hidden()
    page.get_by_label("Consent not sought", exact=True).check()
    expect(why_not).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Consent refused").check()
    expect(why_not).to_be_hidden()
    page.get_by_role("button", name="Save consent decision").click()
    heading(page, "Consent decision")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the reasons for proceeding without consent"
    )
    page.get_by_label("Reasons for your consent decision").fill(
        "Mother refused; children left alone overnight puts them at risk of harm"
    )
    page.get_by_role("button", name="Save consent decision").click()

    heading(page, "Screening")
    page.get_by_role("link", name="Record threshold").click()
    heading(page, "Threshold")
    page.get_by_label("Level 3: Targeted or complex").check()
    page.get_by_label("Why this level?").fill("Repeated neglect; needs a child in need plan")
    page.get_by_role("button", name="Save threshold").click()

    heading(page, "Screening")
    expect(page.locator("main")).to_contain_text("Level 3: Targeted or complex")
    screening = Screening.objects.get(contact=contact)
    assert screening.consent_call == "refused"
    assert screening.threshold_level is not None
    assert screening.threshold_level.number == 3
