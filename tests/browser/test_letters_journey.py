"""Acceptance journey (issue 6, letters): a CADS social worker sees the letters owed on a
school's contact, previews instructions to the school, is told to replace the placeholder
(nothing typed is lost), edits and sends them, and opens the PDF, which carries the
letterhead and the edited text; the school confirms receipt through the link in the letter.
axe runs on every page."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from cads.accounts.roles import Role
from cads.contacts.codes import ReferralSource
from cads.letters.models import Letter, LetterKind
from cads.letters.tests.helpers import named_contact, submit
from cads.letters.tokens import acknowledge_token
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

INSTRUCTION = "Keep Maisie in school until her social worker arrives at 2pm."


def test_preview_edit_send_and_open_the_pdf(
    page: Page, browser: Browser, live_server, make_user
) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    contact = submit(
        worker,
        named_contact(
            worker,
            referral_source=ReferralSource.SCHOOLS,
            referrer_name="Sam Patel",
            referrer_organisation="Wessex Primary School",
            referrer_email="sam.patel@example.org",
        ),
    )
    sign_in(page, worker)
    page.goto(reverse("screening:history", args=[contact.pk]))
    page.goto(reverse("screening:screen", args=[contact.pk]))
    letters = page.locator("main")
    expect(letters).to_contain_text("Feedback to the school: due by")
    expect(letters).to_contain_text("Acknowledgement: due by")
    assert_accessible(page)

    page.get_by_role(
        "link", name="Preview and send: instructions to a school or professional"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What you need to do next")
    assert_accessible(page)
    expect(page.get_by_label("Name", exact=True)).to_have_value("Sam Patel")
    text = page.get_by_label("Text of the letter")
    expect(text).to_contain_text("[Write here what they must do next, and by when]")
    page.get_by_role("button", name="Send the letter").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Replace the text in square brackets"
    )
    assert_accessible(page)
    edited = text.input_value().replace(
        "[Write here what they must do next, and by when]", INSTRUCTION
    )
    text.fill(edited)
    page.get_by_role("button", name="Send the letter").click()
    expect(
        page.get_by_role("alert").filter(
            has_text="Instructions to a school or professional queued to send"
        )
    ).to_be_visible()
    assert_accessible(page)

    letter = Letter.objects.get(kind=LetterKind.INSTRUCTIONS)
    link = page.get_by_role("link", name="Instructions to a school or professional (PDF)")
    expect(link).to_be_visible()
    expect(page.locator("main")).to_contain_text("Receipt not yet confirmed")
    pdf = page.request.get(link.get_attribute("href") or "")
    assert pdf.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.body()))
    pdf_text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Wessex County Council" in pdf_text
    assert INSTRUCTION in pdf_text
    assert f"Our reference: {contact.reference}" in pdf_text

    # The school opens the link in the letter: no sign-in, nothing about the child shown.
    school = browser.new_context(base_url=live_server.url)
    school_page = school.new_page()
    school_page.goto(reverse("letters:acknowledge", args=[acknowledge_token(letter.pk)]))
    expect(school_page.get_by_role("heading", level=1)).to_have_text(
        "Confirm you received the instructions"
    )
    expect(school_page.locator("main")).not_to_contain_text("Maisie")
    assert_accessible(school_page)
    school_page.get_by_role("button", name="I have received the instructions").click()
    expect(school_page.get_by_role("heading", level=1)).to_have_text("Receipt confirmed")
    assert_accessible(school_page)
    school.close()

    page.reload()
    expect(page.locator("main")).to_contain_text("Receipt confirmed")
    page.goto(reverse("letters:owed"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Letters to send")
    assert_accessible(page)
