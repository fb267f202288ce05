"""Acceptance journey (issue 4): a school safeguarding lead's consultation is recorded
anonymously, then converted to a named contact that opens on the intake task list. axe
runs on every page visited."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cads.accounts.roles import Role
from cads.contacts.codes import ContactKind
from cads.contacts.models import Attachment, Contact
from cads.contacts.services import contact_start
from cads.contacts.tests.test_attachments import EXE, png
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

OVERVIEW = "A year 3 pupil has come to school hungry most days this term and is often late."
ADVICE = "Speak to the parents about breakfast club; consider an Early Help assessment."


def fill_consultation(page: Page) -> None:
    risk = page.get_by_role("group", name="Is a child at immediate risk of significant harm now?")
    risk.get_by_label("No", exact=True).check()
    page.get_by_label("Role (optional)").fill("Designated safeguarding lead")
    page.get_by_label("Organisation", exact=True).fill("Wessex Primary School")
    page.get_by_label("Phone number (optional)").fill("01632 960 001")
    page.get_by_label("Type of organisation").select_option(label="Schools")
    page.get_by_label("Overview of the worry").fill(OVERVIEW)
    page.get_by_label("Child's age (optional)").fill("about 7")
    page.get_by_label("Advice given").fill(ADVICE)


def test_school_consultation_recorded_anonymously_then_converted(page: Page, make_user) -> None:
    sign_in(page, make_user(Role.CADS_SOCIAL_WORKER), check=True)
    page.goto("/contacts/consultations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultations")
    assert_accessible(page)

    page.get_by_role("link", name="Record a consultation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("When did the call come in?")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Record a consultation")
    assert_accessible(page)
    page.get_by_role("button", name="Record consultation").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the professional's organisation")
    assert_accessible(page)

    fill_consultation(page)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("main .govuk-notification-banner")).to_contain_text("Consultation saved")
    expect(page.get_by_label("Organisation", exact=True)).to_have_value("Wessex Primary School")
    assert_accessible(page)

    page.get_by_role("button", name="Record consultation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultation recorded")
    reference = page.locator(".govuk-panel__body strong").inner_text()
    assert re.fullmatch(r"C-\d{4}-\d{6}", reference)
    expect(page.locator("main")).to_contain_text("Consultation record to send")
    expect(page.locator("main")).to_contain_text("Did not give their name")
    assert_accessible(page)

    page.goto("/contacts/consultations/")
    expect(page.locator("tbody")).to_contain_text(reference)
    assert_accessible(page)
    page.get_by_role("link", name=reference).click()

    page.get_by_label("Why is this now a concern?").fill(
        "The pupil has since told the teacher she was hit at home."
    )
    page.get_by_role("button", name="This is a concern: make it a named contact").click()
    contact = Contact.objects.get(reference=reference)
    # The intake task list asks the immediate-risk question first on every contact.
    expect(page.get_by_role("heading", level=1)).to_have_text("Immediate risk")
    expect(page.locator("main .govuk-notification-banner")).to_contain_text("named contact")
    assert_accessible(page)
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Record a contact")
    assert page.url.endswith(f"/contacts/{contact.pk}/task-list/")
    assert_accessible(page)
    contact.refresh_from_db()
    assert contact.kind == ContactKind.CONTACT
    assert contact.referrer_organisation == "Wessex Primary School"
    assert contact.concern == OVERVIEW
    assert contact.advice_given == ADVICE


def test_attachments_page_refuses_a_renamed_executable_and_takes_a_photo(
    page: Page, make_user, settings, tmp_path
) -> None:
    settings.CADS_ATTACHMENT_ROOT = tmp_path
    settings.CADS_CLAMD = ""
    user = make_user(Role.CALL_HANDLER)
    contact = contact_start(actor=user, received_at=timezone.now())
    sign_in(page, user)
    page.goto(f"/contacts/{contact.pk}/attachments/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Attachments")
    assert_accessible(page)

    upload = page.get_by_label("Upload a file")
    upload.set_input_files({"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": EXE})
    page.get_by_label("What is this file?").fill("Photograph of bruising")
    page.get_by_role("button", name="Upload file").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The selected file must be a PDF, JPG, PNG, Word or Excel document"
    )
    expect(page.get_by_label("What is this file?")).to_have_value("Photograph of bruising")
    assert_accessible(page)

    upload.set_input_files({"name": "bruise.png", "mimeType": "image/png", "buffer": png()})
    page.get_by_role("button", name="Upload file").click()
    expect(page.locator("main .govuk-notification-banner")).to_contain_text("bruise.png added")
    expect(page.locator("tbody")).to_contain_text("Photograph of bruising")
    assert_accessible(page)
    assert Attachment.objects.get(contact=contact).content_type == "image/png"
