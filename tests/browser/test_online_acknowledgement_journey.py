"""Acceptance journey (issue "One way in"): a school's designated safeguarding lead reports a
concern through the public online form with their work email, confirms it with the emailed
code and gets a reference; the worker sends the acknowledgement owed to them (run here the
way the demo runs it, `letter_deliver` for each queued letter), and it is in the demo mail
folder with the reference; a CADS social worker then finds the report in the work tray and
sees on the screening page that the referrer was acknowledged by letter. axe runs on every
page; screenshots go to /tmp/journey-*.png.

Email goes through Django's file backend into a mail folder under tmp_path (the demo's is
.cads/mail), for the code as well as the letter: the live server runs in this process and
CADS_SEND_CODES_INLINE sends the code at once, as in test_online_form.py."""

from __future__ import annotations

import email
import re
import tempfile
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cads.accounts.roles import Role
from cads.contacts.models import Contact
from cads.letters.models import LetterKind
from cads.letters.tests.helpers import deliver_queued
from cads.letters.workflow import LetterStatus
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in
from tests.browser.test_online_form import add_child, answer, arrive, fill

pytestmark = pytest.mark.django_db(transaction=True)

DSL = "Jo Whitfield"
DSL_EMAIL = "jo.whitfield@mill-lane.example"
SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # Django's file backend writes this after each message


def mail_in(folder: Path) -> list[EmailMessage]:
    """Every message the file backend wrote to `folder`, oldest file first."""
    messages = []
    for path in sorted(folder.glob("*.log")):
        for raw in path.read_bytes().split(SEPARATOR):
            if raw.strip():
                message = email.message_from_bytes(raw, policy=default)
                assert isinstance(message, EmailMessage)
                messages.append(message)
    return messages


def shot(page: Page, name: str) -> None:
    """For a person to look at the page afterwards (journey-*.png in the temporary folder)."""
    page.screenshot(path=Path(tempfile.gettempdir()) / f"journey-{name}.png", full_page=True)


def report_online(page: Page, mail: Path) -> str:
    """The DSL's report, from the start page to the confirmation; returns the reference."""
    page.goto("/report-a-concern/")
    arrive(page, "Tell us you are worried about a child")
    page.get_by_role("button", name="Start now").click()
    answer(page, "Is a child in immediate danger now?", "No")
    answer(
        page,
        "Are you a member of the public or a professional?",
        "A professional, for example a teacher, health worker or police",
    )
    arrive(page, "About the child")
    fill(page, {"First name": "Ruby", "Last name (optional)": "Ashdown"})
    fill(page, {"Day": "14", "Month": "9", "Year": "2016"})
    page.get_by_role("button", name="Continue").click()
    answer(page, "You have added 1 child", "Yes")
    add_child(
        page,
        "About the child (2)",
        {"First name": "Finn", "Last name (optional)": "Ashdown"},
        dob_unknown=True,
    )
    answer(page, "You have added 2 children", "No")
    answer(page, "Parents and carers", "No")
    arrive(page, "What is worrying you about the child or children?")
    page.get_by_label("What is worrying you about the child or children?").fill(
        "Ruby has come to school without a coat or lunch most days this half term and "
        "says Finn is often left with her after school until late."
    )
    page.get_by_role("button", name="Continue").click()
    arrive(page, "Has something happened today that made you get in touch? (optional)")
    page.get_by_role("button", name="Continue").click()
    answer(page, "Does the child's family know you are contacting us?", "Yes")
    answer(page, "Have the parents or carers agreed to you contacting us?", "Yes, they agreed")

    arrive(page, "About you")
    fill(
        page,
        {
            "Your name": DSL,
            "Job title": "Designated safeguarding lead",
            "Name of your organisation": "Mill Lane Primary School",
            "Work phone number": "01632 960044",
            "Work email address": DSL_EMAIL,
        },
    )
    page.get_by_label("Type of organisation").select_option("2A")
    page.get_by_role("button", name="Continue").click()

    arrive(page, "Confirm your email address")
    page.get_by_role("button", name="Send a code").click()
    arrive(page, "Enter the code")
    (code_email,) = mail_in(mail)
    assert code_email["To"] == DSL_EMAIL
    code = re.search(r"is (\d{6})", code_email.get_body().get_content())
    assert code is not None
    page.get_by_label("Enter the code").fill(code.group(1))
    page.get_by_role("button", name="Confirm").click()

    arrive(page, "Check your answers before sending your report")
    expect(page.locator("main")).to_contain_text("Confirmed with a code")
    expect(page.locator("main")).to_contain_text(DSL_EMAIL)
    shot(page, "1-online-check-answers")
    page.get_by_role("button", name="Send report").click()

    arrive(page, "Report sent")
    shot(page, "2-online-report-sent")
    panel = page.locator(".govuk-panel--confirmation")
    reference = re.search(r"C-\d{4}-\d{6}", panel.inner_text())
    assert reference is not None
    return reference.group(0)


def test_a_school_reports_online_is_acknowledged_by_email_and_the_tray_shows_it(
    page: Page, make_user, settings, tmp_path: Path
) -> None:
    mail = tmp_path / "mail"
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(mail)
    settings.CADS_SEND_CODES_INLINE = True

    reference = report_online(page, mail)
    contact = Contact.objects.get(reference=reference)
    assert (contact.channel, contact.referrer_email) == ("online", DSL_EMAIL)

    # The worker's delivery, as the demo runs it: every queued letter made and sent once.
    (letter,) = deliver_queued()
    assert (letter.kind, letter.status, letter.contact_id) == (
        LetterKind.ACKNOWLEDGEMENT,
        LetterStatus.SENT,
        contact.pk,
    )
    acknowledgement = mail_in(mail)[-1]
    assert acknowledgement["To"] == DSL_EMAIL
    assert acknowledgement["Subject"] == f"Acknowledgement: {reference}"
    assert reference in acknowledgement.get_body().get_content()
    assert [a.get_filename() for a in acknowledgement.iter_attachments()] == [
        f"{reference}-acknowledgement.pdf"
    ]
    assert deliver_queued() == []  # nothing left to send, nothing sent twice
    assert len(mail_in(mail)) == 2  # the code, then the acknowledgement

    sign_in(page, make_user(Role.CADS_SOCIAL_WORKER))
    page.get_by_role("link", name="Work tray").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Work tray")
    assert_accessible(page)
    row = page.locator(f"tr[data-reference='{reference}']")
    expect(row).to_contain_text("Online")
    expect(row).to_contain_text("Ruby Ashdown, Finn Ashdown")  # as the DSL described them
    shot(page, "3-work-tray")
    row.get_by_role("link", name=reference).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("What we already know")
    assert_accessible(page)
    page.get_by_role("link", name="Continue to screening").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening")
    assert_accessible(page)
    acknowledged = page.locator(".govuk-summary-list__row").filter(has_text="Referrer acknowledged")
    expect(acknowledged).to_contain_text("By letter, sent")
    # The concern in full lists the children as the DSL described them.
    children = page.locator("[data-reported-person]")
    expect(children.filter(has_text="Ruby Ashdown")).to_contain_text("Born 14 September 2016")
    expect(children.filter(has_text="Finn Ashdown")).to_contain_text("Child the concern is about")
    sent = page.locator("table tr").filter(has_text="Acknowledgement")
    expect(sent).to_contain_text(DSL_EMAIL)
    expect(sent.locator(".govuk-tag")).to_have_text("Sent")
    shot(page, "4-screening")
    assert page.url.endswith(reverse("screening:screen", args=[contact.pk]))
