"""A journey step's own console errors, for a test that asserts them at a point of its own
(every browser test is also failed at teardown by any console error: see ConsoleWatch in
conftest.py)."""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage, Page


def console_errors(page: Page) -> list[str]:
    """Start collecting the page's console errors and uncaught exceptions; the list fills
    as the journey goes."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    return errors
