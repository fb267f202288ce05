"""Acceptance journey (letters written for their reader, ADR 0023): a school's contact with a
police check answered; a CADS social worker decides no further action with advice, writes
the summary the school will read beside the internal reasons; a team manager sees on the
sign-off page the outcome letter that will go, agrees, checks it and sends it. The PDF the
school receives (text extracted with pypdf) has the written summary and the Early Help line
from the authority settings, and none of the reasons or the police's answer; it is tagged
PDF/UA-1 and fits one page. axe runs on every page; screenshots in /tmp/outcome-letter-*.png.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from cads.accounts.models import Organisation
from cads.accounts.roles import Role
from cads.checks.models import LawfulBasis
from cads.checks.services import CheckAsk, check_complete, check_respond, checks_request
from cads.contacts.codes import ReferralSource
from cads.letters.models import Letter, LetterKind
from cads.letters.tests.helpers import deliver_queued, named_contact, submit
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

REASONS = "Internal: PNC shows a caution for the father in 2019; health check outstanding."
POLICE_ANSWER = "Operation Kestrel: the father was arrested in March for supplying class A drugs."
ADVICE = "Please talk to Maisie's mother about who looks after the children in the evenings."
SHOTS = str(Path(tempfile.gettempdir()) / "outcome-letter")


def _school_contact_with_a_police_answer(worker, police_user):
    contact = submit(
        worker,
        named_contact(
            worker,
            referral_source=ReferralSource.SCHOOLS,
            referrer_name="Robin Teacher",
            referrer_organisation="Oakfield Primary School",
            referrer_email="robin.teacher@example.org",
        ),
    )
    (check,) = checks_request(
        actor=worker,
        contact=contact,
        asks=[
            CheckAsk(
                organisation=Organisation.objects.get(name="Wessex Police"),
                question="Any incidents at the address?",
                information="Maisie Pryce and her parents",
            )
        ],
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        reasons="Children left alone overnight",
    )
    check_respond(actor=police_user, check=check, response=POLICE_ANSWER)
    check_complete(actor=police_user, check=check)
    return contact


def _decide_with_a_summary(page: Page, contact) -> None:
    page.goto(f"/decisions/contact/{contact.pk}/new/")
    page.get_by_label("No further action", exact=True).check()
    page.get_by_label("Advice and information to the referrer", exact=True).check()
    page.get_by_label("Reasons for your decision").fill(REASONS)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What the referrer will read")
    expect(page.get_by_label("What you told us")).to_have_value("Children left alone overnight")
    expect(page.get_by_label("What we decided")).to_contain_text(
        "Children's social care will not take any further action."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Record decision").click()  # the advice is not written
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Replace the text in square brackets"
    )
    page.get_by_label("What we ask you to do (optional)").fill(ADVICE)
    page.screenshot(path=f"{SHOTS}-1-summary.png", full_page=True)
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decision")
    expect(page.locator("main")).to_contain_text("Awaiting sign-off")
    assert_accessible(page)


def _sign_off_check_and_send(manager_page: Page, contact) -> None:
    manager_page.goto("/decisions/awaiting-sign-off/")
    manager_page.get_by_role("link", name=str(contact.reference)).click()
    manager_page.get_by_role("link", name="Sign off or return").click()
    expect(manager_page.get_by_role("heading", level=1)).to_have_text("Sign off the decision")
    letter = manager_page.locator("#letter-that-will-go")
    expect(letter).to_contain_text("Dear Robin Teacher,")
    expect(letter).to_contain_text(ADVICE)
    expect(letter).to_contain_text("You can call the Early Help team on 03069 990002.")
    expect(letter).not_to_contain_text("PNC")
    expect(letter).not_to_contain_text("Kestrel")
    assert_accessible(manager_page)
    manager_page.screenshot(path=f"{SHOTS}-2-sign-off.png", full_page=True)
    manager_page.get_by_label("Yes, agree the decision").check()
    manager_page.get_by_role("button", name="Save sign-off").click()
    expect(manager_page.locator("#outcome-letter")).to_contain_text("To send")
    assert_accessible(manager_page)
    manager_page.get_by_role("link", name="Check and send the outcome letter").click()
    expect(manager_page.get_by_role("heading", level=1)).to_have_text("What we decided")
    expect(manager_page.get_by_label("Text of the letter")).to_contain_text(ADVICE)
    assert_accessible(manager_page)
    manager_page.screenshot(path=f"{SHOTS}-3-check.png", full_page=True)
    manager_page.get_by_role("button", name="Send the letter").click()
    expect(
        manager_page.get_by_role("alert").filter(has_text="Outcome letter queued to send")
    ).to_be_visible()


def test_an_outcome_letter_is_shown_at_sign_off_checked_sent_and_says_only_the_summary(
    page: Page, browser: Browser, live_server, make_user
) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    manager = make_user(Role.TEAM_MANAGER)
    contact = _school_contact_with_a_police_answer(worker, make_user(Role.MASH_PARTNER))
    sign_in(page, worker)
    _decide_with_a_summary(page, contact)

    context = browser.new_context(base_url=live_server.url)
    manager_page = context.new_page()
    manager_page.set_default_timeout(10_000)
    sign_in(manager_page, manager)
    _sign_off_check_and_send(manager_page, contact)

    deliver_queued()  # what the worker process does
    manager_page.reload()
    expect(manager_page.locator("#outcome-letter")).to_contain_text("Sent")
    assert_accessible(manager_page)
    link = manager_page.get_by_role("link", name="Outcome letter (PDF)")
    pdf = manager_page.request.get(link.get_attribute("href") or "")
    assert pdf.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.body()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert ADVICE in text
    assert "What we decided: Children's social care will not take any further action." in text
    assert "You can call the Early Help team on 03069 990002." in text
    assert f"Our reference: {contact.reference}" in text
    for internal in ("PNC", "health check", "Kestrel", "class A", "arrested"):
        assert internal not in text
    assert len(reader.pages) == 1
    assert "/StructTreeRoot" in reader.root_object
    assert 'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data().decode()
    (email,) = [m for m in mail.outbox if m.subject.startswith("Outcome letter")]
    assert ADVICE in email.body  # the letter as plain text, as well as the PDF
    assert Letter.objects.get(kind=LetterKind.OUTCOME).created_by == manager
    context.close()
