"""The consent section's follow-up questions appear under the answer they follow and only
while it is chosen (GOV.UK conditional reveals); axe at 1280 and 320 px, no console errors."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cads.accounts.roles import Role
from cads.contacts.services import contact_immediate_risk_record, contact_start
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in
from tests.browser.watch import console_errors

pytestmark = pytest.mark.django_db(transaction=True)


def test_consent_questions_are_revealed_by_the_answer(page: Page, make_user) -> None:
    worker = make_user(Role.CALL_HANDLER)
    contact = contact_start(actor=worker, received_at=timezone.now())
    contact_immediate_risk_record(actor=worker, contact=contact, at_risk=False)
    errors = console_errors(page)
    sign_in(page, worker)
    page.goto(f"/contacts/{contact.pk}/consent/")

    given_by = page.get_by_label("Who gave consent?")
    why_not = page.get_by_role("group", name="Why was consent not sought?")
    expect(given_by).to_be_hidden()
    expect(why_not).to_be_hidden()
    assert_accessible(page)
    consent = page.get_by_role("group", name="Consent", exact=True)
    consent.get_by_label("Consent given", exact=True).check()
    expect(given_by).to_be_visible()
    expect(why_not).to_be_hidden()
    consent.get_by_label("Consent not sought", exact=True).check()
    expect(given_by).to_be_hidden()
    expect(why_not).to_be_visible()
    assert_accessible(page)
    assert errors == []
