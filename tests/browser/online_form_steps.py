"""Steps through the public online form shared by the journeys that report a concern online."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible

EMERGENCY = "In an emergency call 999. Out of hours call 03069 990099."
WORRY = "What is worrying you about the child or children?"


def arrive(page: Page, heading: str) -> None:
    """On a new page: its heading, the emergency numbers first in main, and axe."""
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("main .govuk-warning-text").first).to_contain_text(EMERGENCY)
    # GOV.UK Frontend's template marks the body js-enabled only when scripts run.
    assert_accessible(page, scripts_off=page.locator("body.js-enabled").count() == 0)


def answer(page: Page, heading: str, choice: str, button: str = "Continue") -> None:
    arrive(page, heading)
    page.get_by_label(choice, exact=True).check()
    page.get_by_role("button", name=button).click()


def tell_the_concern(page: Page, worry: str, *, anonymous: bool) -> None:
    """The concern, nothing for "today", a family that does not know, a neighbour or friend,
    and whether they stay anonymous."""
    arrive(page, WORRY)
    page.get_by_label(WORRY).fill(worry)
    page.get_by_role("button", name="Continue").click()
    arrive(page, "Has something happened today that made you get in touch? (optional)")
    page.get_by_role("button", name="Continue").click()
    answer(page, "Does the child's family know you are contacting us?", "No")
    answer(
        page,
        "How do you know the child?",
        "I know the family, for example as a neighbour, friend or childminder",
    )
    answer(page, "Do you want to stay anonymous?", "Yes" if anonymous else "No")
