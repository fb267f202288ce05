"""The night and the handover, with time travel (time_machine: the live server runs in this
process, so its pages see the travelled time). A red contact recorded at 23:30 on a Friday by
the out-of-hours worker: the act-now card speaks to them, not to a daytime worker; it is in
their tray at once with the night's red clock; they record the immediate actions; at 09:05 on
Monday it heads the daytime work tray with their summary, and the tray, the backlog and the
dashboard agree about its clock (ADR 0030). axe on every page; no console errors."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from playwright.sync_api import ConsoleMessage, Page, expect

from cads.accounts.roles import Role
from cads.contacts.models import Contact
from cads.contacts.tests.intake_helpers import ready_contact
from cads.core.clocks import LONDON
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in
from tests.browser.test_intake_journeys import heading, start_contact, submit_contact

pytestmark = pytest.mark.django_db(transaction=True)
FRIDAY_2330 = datetime.datetime(2026, 11, 6, 23, 30, tzinfo=LONDON)
MONDAY_0905 = datetime.datetime(2026, 11, 9, 9, 5, tzinfo=LONDON)
SUMMARY = "Police attended at 23:50. Maisie and Tom are with their grandmother tonight."


def watch_console(page: Page) -> list[str]:
    errors: list[str] = []

    def seen(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{page.url}: {message.text}")

    page.on("console", seen)
    return errors


def record_the_red_contact_at_night(page: Page, night) -> str:
    sign_in(page, night)
    start_contact(page, at_risk=True)
    heading(page, "A child is at immediate risk: act now")
    card = page.locator(".govuk-panel--interruption")
    expect(card).to_contain_text("You are the out-of-hours service")
    expect(card).to_contain_text("not on until 09:00 on Monday 9 November")
    expect(card).not_to_contain_text("03069 990099")  # never told to ring themselves
    page.get_by_role("button", name="Continue recording the contact").click()
    heading(page, "Record a contact")
    # The rest of the record is as in the intake journeys; filled in through the services.
    ready_contact(night, contact=Contact.objects.get(), at_risk=True)
    page.reload()
    reference = submit_contact(page)
    expect(page.locator("main")).to_contain_text("at the top of the out-of-hours tray now")
    return reference


def record_immediate_actions(page: Page, reference: str) -> None:
    page.get_by_role("link", name="Go to the out-of-hours tray").click()
    heading(page, "Out-of-hours tray")
    row = page.locator(f'tr[data-reference="{reference}"]')
    expect(page.locator("#out-of-hours-tray tbody tr").first).to_have_attribute(
        "data-reference", reference
    )
    expect(row).to_contain_text("Red RAG due 7 Nov, 03:30")  # the night's clock, from receipt
    row.get_by_role("link", name="Record immediate actions").click()
    heading(page, "Record immediate actions")
    page.get_by_role("button", name="Record immediate actions").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select what has been done, or that advice was given"
    )
    assert_accessible(page)
    page.get_by_label("Police attended").check()
    page.get_by_label("Child seen and safe").check()
    page.get_by_label("Summary for the daytime team").fill(SUMMARY)
    page.get_by_role("button", name="Record immediate actions").click()
    heading(page, "Out-of-hours tray")
    expect(page.locator("main .govuk-notification-banner")).to_contain_text(
        f"Immediate actions recorded on {reference}"
    )
    expect(row).to_contain_text("Police attended")
    expect(row).to_contain_text("Immediate actions recorded")


def test_a_red_contact_at_night_hands_over_to_mondays_tray(page: Page, make_user) -> None:
    night = make_user(Role.OUT_OF_HOURS_WORKER)
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    manager = make_user(Role.TEAM_MANAGER)
    console = watch_console(page)

    with time_machine.travel(FRIDAY_2330, tick=True):
        reference = record_the_red_contact_at_night(page, night)
        record_immediate_actions(page, reference)

    with time_machine.travel(MONDAY_0905, tick=True):
        page.context.clear_cookies()
        sign_in(page, screener)
        page.get_by_role("link", name="Work tray").click()
        heading(page, "Work tray")
        handover = page.locator("#handover")
        expect(handover).to_contain_text(reference)
        expect(handover).to_contain_text(SUMMARY)
        expect(handover).to_contain_text("Police attended")
        expect(handover).to_contain_text("Red RAG due 9 Nov, 13:00")
        first = page.locator("#tray tr[data-reference]").first
        expect(first).to_have_attribute("data-reference", reference)
        expect(first).to_contain_text("Red RAG due 9 Nov, 13:00")  # four hours from 09:00
        expect(first).not_to_contain_text("Overdue")

        page.context.clear_cookies()
        sign_in(page, manager)
        page.get_by_role("link", name="Work tray").click()
        heading(page, "Work tray")
        expect(page.locator("#tray tr[data-reference]").first).to_contain_text("Red RAG")
        assert console == []
        page.get_by_role("link", name="Management information").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Management information")
        backlog = page.locator(f'#open-contacts tr[data-reference="{reference}"]')
        expect(backlog).to_contain_text("Red RAG 9 Nov 2026, 13:00")
        expect(backlog).not_to_contain_text("Overdue")
        # Not yet due: counted neither met nor missed (columns Contacts, Met, Missed).
        red = page.locator('[data-figure="rag-compliance"] tbody tr', has_text="Red")
        expect(red.locator("td")).to_have_text(["1", "0", "0", "\N{EN DASH}"])
        assert_accessible(page)
