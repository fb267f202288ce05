"""Acceptance journey (the whole record): every answer a call handler records in a staff
intake (all five sections of the professional guidance, immediate risk, consent not sought
with its reason, the referrer) is in front of the social worker on the screening and
decision pages and of the team manager on the sign-off page; a document added after
submission from the record page appears on the record; the child's page shows the contact
in its timeline, the reference linking to the record. axe runs on every page."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.contacts.models import Contact
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in
from tests.browser.test_intake_journeys import add_child, add_new_person, choose, heading, save

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
TEXT = {
    "What is the concern?": "A hand-shaped bruise on Maisie's left cheek at registration",
    "When did it happen, and how often?": "Seen Monday morning; the third bruise this term",
    "What is different today that prompted the contact?": "She begged not to be sent home",
    "What action has been taken, and what worked?": "Breakfast club since October helped",
    "The child's own words": "Lee gets cross when I spill my juice",
    "Strengths and protective factors": "Close to her nan, who collects her on Fridays",
    "Other professionals involved": "School nurse Joan Pike and GP Dr Amin",
}
RELATIONSHIP = "Her class teacher for two years; knows mum from the gate"
OUTCOME = "A social worker visits the home before the weekend"
CONSENT_REASON = "Mum's partner reads her messages and would find out"
REFERRER = {
    "Name": "Priya Shah",
    "Role or job title": "Designated safeguarding lead",
    "Organisation": "Wessex Primary School",
    "Phone number": "01632 960 001",
    "Email address": "p.shah@wessex-primary.example",
    "Discussed with (designated safeguarding lead or line manager)": "Head teacher Alan Moss",
}
EVERY_ANSWER = [
    *TEXT.values(),
    RELATIONSHIP,
    OUTCOME,
    CONSENT_REASON,
    *REFERRER.values(),
    "WX-2026-4471",  # police reference
    "12 March 2026",  # last direct contact
    "Level 4: specialist, child protection",
    "Other reason",  # why consent was not sought
    "At home with their mother",  # where the child is now
    "Donna Pryce",
]


def shot(page: Page, name: str) -> None:
    page.screenshot(path=Path(tempfile.gettempdir()) / f"record-{name}.png", full_page=True)


def see_every_answer(page: Page) -> None:
    main = page.locator("main")
    for answer in EVERY_ANSWER:
        expect(main).to_contain_text(answer)


def record_intake(page: Page) -> str:
    page.goto("/contacts/new/")
    heading(page, "Record a contact")
    page.get_by_role("button", name="Continue").click()
    heading(page, "Immediate risk")
    choose(page, "Is a child at immediate risk of significant harm now?", "Yes")
    save(page)
    heading(page, "A child is at immediate risk: act now")
    page.get_by_role("button", name="Continue recording the contact").click()
    heading(page, "Record a contact")

    page.get_by_role("link", name="Children and family").click()
    heading(page, "Children and family")
    add_child(page, "Maisie", "Pryce", first=True)
    add_new_person(page, "Donna", "Pryce")
    choose(page, "What is their role in this contact?", "Parent or carer")
    choose(page, "Do they have parental responsibility for the child?", "Yes")
    page.get_by_role("button", name="Add to this contact").click()
    heading(page, "Children and family")
    save(page)

    page.get_by_role("link", name="Referrer").click()
    heading(page, "Referrer")
    page.get_by_label("Who is the referrer?").select_option(label="Schools")
    for label, value in REFERRER.items():
        page.get_by_label(label, exact=True).fill(value)
    choose(page, "Does the referrer want to stay anonymous?", "No")
    save(page)
    heading(page, "Record a contact")

    page.get_by_role("link", name="Consent").click()
    heading(page, "Consent")
    choose(
        page,
        "Have the parents or carers been told you are contacting children's services?",
        "No",
    )
    choose(page, "Consent", "Consent not sought")
    choose(page, "Why was consent not sought?", "Other reason")
    page.get_by_label("Reason consent was not sought").fill(CONSENT_REASON)
    save(page)
    heading(page, "Record a contact")

    page.get_by_role("link", name="The concern").click()
    heading(page, "The concern")
    for label, value in TEXT.items():
        page.get_by_label(label, exact=True).fill(value)
    choose(page, "Has it happened before?", "Yes")
    choose(page, "Did the referrer see it happen?", "No")
    page.get_by_label("Police reference").fill("WX-2026-4471")
    save(page)
    heading(page, "Record a contact")

    page.get_by_role("link", name="Relationship").click()
    heading(page, "Relationship")
    page.get_by_label("How well does the referrer know the child and family?").fill(RELATIONSHIP)
    last = page.get_by_role("group", name="When did the referrer last have direct contact")
    last.get_by_label("Day").fill("12")
    last.get_by_label("Month").fill("3")
    last.get_by_label("Year").fill("2026")
    save(page)
    heading(page, "Record a contact")

    page.get_by_role("link", name="Outcome sought").click()
    heading(page, "Outcome sought")
    page.get_by_label("What would the referrer like to happen?").fill(OUTCOME)
    choose(
        page,
        "What level of need does the referrer think this is?",
        "Level 4: specialist, child protection",
    )
    save(page)
    heading(page, "Record a contact")

    page.get_by_role("button", name="Check your answers").click()
    heading(page, "Check your answers before submitting the contact")
    page.get_by_role("button", name="Submit contact").click()
    heading(page, "Contact submitted")
    return page.locator(".govuk-panel__body strong").inner_text()


def add_a_document(page: Page, tmp_path: Path, reference: str) -> None:
    """From the record page, after submission: the CAF the school emailed."""
    page.get_by_role("link", name="Add a document").click()
    heading(page, "Attachments")
    caf = tmp_path / "caf-maisie.pdf"
    caf.write_bytes(PDF)
    page.get_by_label("Upload a file").set_input_files(str(caf))
    page.get_by_label("What is this file?").fill("Early Help assessment (CAF) from the school")
    page.get_by_role("button", name="Upload file").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "caf-maisie.pdf added"
    )
    page.get_by_role("link", name="Back to the contact").click()
    heading(page, f"Contact {reference}")


def new_page(browser: Browser, live_server, user: User) -> Page:
    page = browser.new_context(base_url=live_server.url).new_page()
    page.set_default_timeout(10_000)
    sign_in(page, user)
    return page


def test_every_answer_reaches_the_decider_and_the_manager(
    page: Page, browser: Browser, live_server, make_user, tmp_path: Path
) -> None:
    sign_in(page, make_user(Role.CALL_HANDLER))
    reference = record_intake(page)
    contact = Contact.objects.get(reference=reference)

    # The social worker screens it: history first, then the screening page with every answer.
    worker = new_page(browser, live_server, make_user(Role.CADS_SOCIAL_WORKER))
    worker.goto("/screening/tray/")
    heading(worker, "Work tray")
    worker.locator(f"tr[data-reference='{reference}']").get_by_role(
        "link", name=reference, exact=True
    ).click()
    heading(worker, "What we already know")
    worker.get_by_role("link", name="Continue to screening").click()
    heading(worker, "Screening")
    see_every_answer(worker)

    # A document added after submission, from the contact record.
    worker.get_by_role("link", name="Contact record", exact=True).click()
    heading(worker, f"Contact {reference}")
    see_every_answer(worker)
    add_a_document(worker, tmp_path, reference)
    expect(worker.locator("#record-documents")).to_contain_text("caf-maisie.pdf")
    expect(worker.locator("#record-documents")).to_contain_text("Early Help assessment (CAF)")
    shot(worker, "page")

    worker.goto(f"/screening/{contact.pk}/")
    worker.get_by_role("link", name="Record the decision").click()
    heading(worker, "Record a decision")
    see_every_answer(worker)
    expect(worker.locator("main")).to_contain_text("caf-maisie.pdf")
    shot(worker, "decision")
    worker.get_by_label("No further action", exact=True).check()
    worker.get_by_label("Reasons for your decision").fill("The school's plan is enough")
    worker.get_by_role("button", name="Continue").click()
    heading(worker, "What the referrer will read")  # the summary for the referrer (ADR 0023)
    worker.get_by_role("button", name="Record decision").click()
    heading(worker, "Decision")
    expect(worker.locator("main")).to_contain_text("Awaiting sign-off")

    # The team manager signs it off with every answer beside the form.
    manager = new_page(browser, live_server, make_user(Role.TEAM_MANAGER))
    manager.goto("/decisions/awaiting-sign-off/")
    heading(manager, "Awaiting sign-off")
    manager.get_by_role("link", name=reference).click()
    manager.get_by_role("link", name="Sign off or return").click()
    heading(manager, "Sign off the decision")
    see_every_answer(manager)
    expect(manager.locator("main")).to_contain_text("caf-maisie.pdf")
    shot(manager, "sign-off")
    manager.get_by_label("Yes, agree the decision").check()
    manager.get_by_role("button", name="Save sign-off").click()
    expect(manager.locator("main")).to_contain_text("Closed")

    # The child's file: the contact in the timeline, its reference linking to the record.
    manager.goto(f"/contacts/{contact.pk}/")
    heading(manager, f"Contact {reference}")
    expect(manager.get_by_role("link", name="Add a document")).to_have_count(0)  # closed
    manager.get_by_role("link", name="Maisie Pryce").click()
    heading(manager, "Maisie Pryce")
    timeline = manager.locator("[data-timeline-entry][data-kind='Contact']")
    expect(timeline).to_contain_text("Outcome: No further action")
    expect(manager.locator("[data-network-member]")).to_contain_text("Donna Pryce")
    shot(manager, "person")
    timeline.get_by_role("link", name=reference).click()
    heading(manager, f"Contact {reference}")
    assert_accessible(manager)
