"""Acceptance journey (manager authorisation as work, ADR 0023): a CADS social worker who
cannot request checks without consent asks a team manager; the manager sees the request in
"Authorisations" and in their alerts, and authorises it with reasons; the worker gets an
alert and sees the answer on the contact's partner checks. axe runs on every page;
screenshots in /tmp/authorisation-*.png."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from cads.accounts.roles import Role
from cads.decisions.tests.helpers import submitted_contact
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(tempfile.gettempdir())
WHY = "Asking the parents would alert the father, who is under police investigation."


def test_a_worker_asks_a_manager_who_authorises_and_the_worker_is_told(
    page: Page, browser: Browser, live_server, make_user
) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    manager = make_user(Role.TEAM_MANAGER)
    contact = submitted_contact(worker, consent="not_sought")
    sign_in(page, worker)
    page.goto(f"/checks/contact/{contact.pk}/request/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "A team manager must authorise checks without consent"
    )
    page.get_by_role("link", name="Ask a team manager").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter why checks should go ahead without consent"
    )
    page.get_by_label("Why should checks go ahead without consent?").fill(WHY)
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("main")).to_contain_text("Waiting for a team manager")
    assert_accessible(page)

    context = browser.new_context(base_url=live_server.url)
    manager_page = context.new_page()
    manager_page.set_default_timeout(10_000)
    sign_in(manager_page, manager)
    manager_page.get_by_role("link", name="Your alerts").click()
    expect(manager_page.locator("main")).to_contain_text(
        f"asks you to authorise partner checks without consent on {contact.reference}"
    )
    assert_accessible(manager_page)
    manager_page.get_by_role("link", name="Authorisations").click()
    expect(manager_page.get_by_role("heading", level=1)).to_have_text("Authorisations to give")
    assert_accessible(manager_page)
    manager_page.screenshot(path=SHOTS / "authorisation-1-list.png", full_page=True)
    manager_page.get_by_role("link", name=str(contact.reference)).click()
    expect(manager_page.locator("main")).to_contain_text(WHY)
    assert_accessible(manager_page)
    manager_page.get_by_label("Yes, authorise checks without consent").check()
    manager_page.get_by_label("Your reasons").fill("Risk of harm if the father is told.")
    manager_page.get_by_role("button", name="Save your answer").click()
    expect(manager_page.locator("main")).to_contain_text("No requests are waiting.")
    context.close()

    page.goto("/alerts/")
    expect(page.locator("main")).to_contain_text(
        f"Partner checks without consent on {contact.reference} were authorised"
    )
    page.goto(f"/checks/contact/{contact.pk}/")
    expect(page.locator("#authorisation")).to_contain_text("Risk of harm if the father is told.")
    expect(page.get_by_role("link", name="Request checks")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=SHOTS / "authorisation-2-answered.png", full_page=True)
