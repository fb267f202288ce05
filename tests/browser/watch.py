"""Journey checks the issue asks of every page: no console errors (a Content Security
Policy refusal is one), and axe clean at 1280 px and at 320 px wide (WCAG 2.2 reflow)."""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage, Page, ViewportSize

from tests.browser.conftest import assert_accessible

WIDE = ViewportSize(width=1280, height=900)
NARROW = ViewportSize(width=320, height=700)


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


def assert_accessible_both_widths(page: Page) -> None:
    """axe at 1280 px, then at 320 px (nothing may need scrolling sideways but tables,
    which GOV.UK lets scroll in their own box), then back to 1280 px."""
    page.set_viewport_size(WIDE)
    assert_accessible(page)
    page.set_viewport_size(NARROW)
    # The page's resize handlers run at the next frames, as a user would see them.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert_accessible(page)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    wide = page.evaluate(
        """[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right
        > document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + '.'
        + e.className + ' ' + (e.textContent || '').trim().slice(0, 40))"""
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 320px: {wide}"
    page.set_viewport_size(WIDE)
