"""Acceptance journey (issue 5, MASH checks): a CADS social worker asks the police and
the school about a contact; each partner signs in, sees only their own request, answers
it and completes it; the screener sees both answers. axe runs on every page visited."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Browser, Page, expect

from cads.accounts.models import Organisation, OrganisationKind, User
from cads.accounts.roles import Role
from cads.accounts.services import two_factor_device_create, user_create
from cads.contacts.codes import Consent
from cads.contacts.models import Contact
from cads.contacts.services import contact_submit
from cads.contacts.tests.intake_helpers import ready_contact
from conftest import PASSWORD
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

POLICE_QUESTION = "Any domestic incidents at 4 Elm Row in the last year?"
SCHOOL_QUESTION = "How is Maisie's attendance and presentation this term?"


def partner_user(name: str, kind: str, username: str) -> User:
    organisation, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
    user = user_create(
        actor=None,
        username=username,
        password=PASSWORD,
        first_name="Sam",
        last_name="Partner",
        role=Role.MASH_PARTNER,
        organisation=organisation,
    )
    two_factor_device_create(user=user, confirmed=True)
    return user


def request_checks(page: Page, contact: Contact) -> None:
    page.goto(f"/checks/contact/{contact.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner checks")
    assert_accessible(page)
    page.get_by_role("link", name="Request checks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Request checks from partner agencies"
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select at least one")
    assert_accessible(page)
    page.get_by_label("Wessex Police").check()
    page.get_by_label("Oakfield Primary School").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Questions for partner agencies")
    assert_accessible(page)
    page.get_by_label("Question for Wessex Police").fill(POLICE_QUESTION)
    page.get_by_label("Question for Oakfield Primary School").fill(SCHOOL_QUESTION)
    page.get_by_label("Public task", exact=False).check()
    page.get_by_label("Why is sharing this information necessary?").fill(
        "Report that the children were left alone overnight"
    )
    page.get_by_role("button", name="Send requests").click()
    banner = page.locator("main .govuk-notification-banner")
    expect(banner).to_contain_text("Checks requested from")
    assert_accessible(page)


def answer_as(browser: Browser, base_url: str, user: User, question: str, other: str) -> None:
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, user)
    page.get_by_role("link", name="Partner checks").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner checks")
    assert_accessible(page)
    links = page.locator("main table a")
    expect(links).to_have_count(1)  # only their own organisation's request
    links.first.click()
    expect(page.locator("main")).to_contain_text(question)
    expect(page.locator("main")).not_to_contain_text(other)
    assert_accessible(page)
    page.get_by_label("Your response").fill(f"{user.organisation} answer: nothing known.")
    page.get_by_role("button", name="Save response").click()
    expect(page.locator("main .govuk-notification-banner")).to_contain_text("Response saved")
    page.get_by_role("link", name="Complete the check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Complete the check")
    assert_accessible(page)
    page.get_by_role("button", name="Complete the check").click()
    expect(page.locator("main .govuk-notification-banner")).to_contain_text("Check completed")
    expect(page.locator("main")).to_contain_text("There are no checks waiting")
    context.close()


def test_screener_asks_police_and_school_who_answer(
    page: Page, browser: Browser, live_server, make_user
) -> None:
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    contact = contact_submit(
        actor=screener, contact=ready_contact(screener), submission_key=uuid.uuid4()
    )
    Contact.objects.filter(pk=contact.pk).update(consent=Consent.GIVEN, rag="amber")
    police = partner_user("Wessex Police", OrganisationKind.POLICE, "police")
    school = partner_user("Oakfield Primary School", OrganisationKind.EDUCATION, "school")

    sign_in(page, screener)
    request_checks(page, contact)

    answer_as(browser, live_server.url, police, POLICE_QUESTION, SCHOOL_QUESTION)
    answer_as(browser, live_server.url, school, SCHOOL_QUESTION, POLICE_QUESTION)

    page.reload()
    main = page.locator("main")
    expect(main).to_contain_text("Wessex Police answer: nothing known.")
    expect(main).to_contain_text("Oakfield Primary School answer: nothing known.")
    expect(main.get_by_text("Completed", exact=True)).to_have_count(2)
    assert_accessible(page)
