"""The public online form in Chromium, with axe on every page: a member of the public sends
a report with JavaScript switched off, and a professional confirms their email address
with the emailed code.

The code email: the live server runs in this process but no Procrastinate worker does, so
the test sets CADS_SEND_CODES_INLINE, which makes the view run the email task's function at
once; the locmem backend's `mail.outbox` then holds the email (same process)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from cads.contacts.models import Contact
from tests.browser.online_form_steps import answer, arrive, tell_the_concern

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def no_js_page(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def fill(page: Page, fields: dict[str, str]) -> None:
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)


def add_child(page: Page, heading: str, fields: dict[str, str], *, dob_unknown: bool) -> None:
    arrive(page, heading)
    fill(page, fields)
    if dob_unknown:
        page.get_by_label("I do not know their date of birth").check()
    page.get_by_role("button", name="Continue").click()


def test_a_member_of_the_public_reports_a_concern_without_javascript(no_js_page: Page) -> None:
    page = no_js_page
    page.goto("/report-a-concern/")
    arrive(page, "Tell us you are worried about a child")
    page.get_by_role("button", name="Start now").click()

    arrive(page, "Is a child in immediate danger now?")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select yes if a child is in immediate danger now"
    )
    answer(page, "Is a child in immediate danger now?", "No")
    answer(
        page,
        "Are you a member of the public or a professional?",
        "A member of the public, for example a relative, neighbour or friend",
    )

    child = {
        "First name": "Amelia",
        "Last name (optional)": "Hollis",
        "Postcode (optional)": "WX1 2AB",
    }
    arrive(page, "About the child")
    fill(page, child | {"Day": "7", "Month": "3"})
    page.get_by_role("button", name="Continue").click()
    # The error names what is wrong and nothing typed is lost.
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Child's date of birth must include a year"
    )
    arrive(page, "About the child")
    expect(page.get_by_label("First name", exact=True)).to_have_value("Amelia")
    page.get_by_label("Year").fill("2018")
    page.get_by_role("button", name="Continue").click()
    answer(page, "You have added 1 child", "Yes")
    add_child(
        page,
        "About the child (2)",
        {"First name": "Noah", "Last name (optional)": "Hollis"},
        dob_unknown=True,
    )
    answer(page, "You have added 2 children", "No")

    answer(page, "Parents and carers", "Yes")
    arrive(page, "About the parent or carer")
    fill(page, {"First name": "Sarah", "Their relationship to the child (optional)": "Mother"})
    page.get_by_role("button", name="Continue").click()
    answer(page, "You have added 1 parent or carer", "No")

    tell_the_concern(
        page, "Amelia and Noah are often left alone at night and look hungry.", anonymous=False
    )
    arrive(page, "About you")
    fill(page, {"Your name": "Pat Jones", "Phone number": "01632 960001"})
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Continue").click()

    arrive(page, "Check your answers before sending your report")
    page.get_by_role("link", name="Change what is worrying you").click()
    arrive(page, "What is worrying you about the child or children?")
    page.get_by_label("What is worrying you about the child or children?").fill(
        "Amelia and Noah are left alone at night most weeks and look hungry."
    )
    page.get_by_role("button", name="Continue").click()
    arrive(page, "Check your answers before sending your report")
    expect(page.locator("main")).to_contain_text("most weeks")
    page.get_by_role("button", name="Send report").click()

    arrive(page, "Report sent")
    contact = Contact.objects.get()
    expect(page.locator(".govuk-panel--confirmation")).to_contain_text(contact.reference or "")
    assert contact.channel == "online"
    assert [p["given_name"] for p in contact.reported_people] == ["Amelia", "Noah", "Sarah"]


def test_a_professional_confirms_their_email_with_a_code(page: Page, settings) -> None:
    settings.CADS_SEND_CODES_INLINE = True
    page.goto("/report-a-concern/immediate-danger/")
    answer(page, "Is a child in immediate danger now?", "Yes")
    arrive(page, "Call 999 now")
    page.get_by_role("button", name="Continue with the form").click()
    answer(
        page,
        "Are you a member of the public or a professional?",
        "A professional, for example a teacher, health worker or police",
    )
    add_child(page, "About the child", {"First name": "Alfie"}, dob_unknown=True)
    answer(page, "You have added 1 child", "No")
    answer(page, "Parents and carers", "No")
    arrive(page, "What is worrying you about the child or children?")
    page.get_by_label("What is worrying you about the child or children?").fill(
        "Alfie arrived with a burn on his hand and said his stepdad did it."
    )
    page.get_by_role("button", name="Continue").click()
    arrive(page, "Has something happened today that made you get in touch? (optional)")
    page.get_by_role("button", name="Continue").click()
    answer(page, "Does the child's family know you are contacting us?", "No")
    arrive(page, "Have the parents or carers agreed to you contacting us?")
    page.get_by_label("I have not asked them").check()
    page.get_by_label(re.compile("^Asking could put the child")).check()
    page.get_by_role("button", name="Continue").click()

    arrive(page, "About you")
    fill(
        page,
        {
            "Your name": "Dana Reid",
            "Job title": "Designated safeguarding lead",
            "Name of your organisation": "Mill Lane Primary",
            "Work phone number": "01632 960002",
            "Work email address": "dana.reid@example.org",
        },
    )
    page.get_by_label("Type of organisation").select_option("2A")
    page.get_by_role("button", name="Continue").click()

    arrive(page, "Confirm your email address")
    page.get_by_role("button", name="Send a code").click()
    arrive(page, "Enter the code")
    code = re.search(r"is (\d{6})", str(mail.outbox[-1].body))
    assert code is not None
    assert mail.outbox[-1].to == ["dana.reid@example.org"]
    page.get_by_label("Enter the code").fill(code.group(1))
    page.get_by_role("button", name="Confirm").click()

    arrive(page, "Check your answers before sending your report")
    expect(page.locator("main")).to_contain_text("Confirmed with a code")
    page.get_by_role("button", name="Send report").click()
    arrive(page, "Report sent")
    contact = Contact.objects.get()
    assert (contact.rag, contact.referral_source) == ("red", "2A")
    assert contact.online_verification.email == "dana.reid@example.org"
