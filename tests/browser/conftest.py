"""Playwright for Python driving Debian's Chromium (Playwright cannot download its own
browser here), against pytest-django's live server, with axe checks on every page."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    ViewportSize,
    sync_playwright,
)

from cads.letters.tests.helpers import letter_templates_reseed

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# tests themselves (creating users) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# WCAG 2.2 AA, as the brief requires.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()
# Every page is checked at a desktop width and at 320 CSS px, the width WCAG 2.2 1.4.10
# (reflow) asks content to fit without scrolling in two directions.
WIDE = ViewportSize(width=1280, height=900)
NARROW = ViewportSize(width=320, height=700)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent.name == "browser":
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make chromium` (Debian package)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class ConsoleWatch:
    """The console errors and uncaught exceptions of every page of every browser context a
    journey opens: the issue's acceptance is "no console errors on any page of the
    journeys" (a Content Security Policy refusal is one)."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        # Messages a journey causes on purpose (it visits a refused page to show that it is
        # refused): each allowed fragment of "<page url>: <message>", and how many times.
        self.expected: dict[str, int] = {}

    def expect(self, fragment: str, times: int = 1) -> None:
        """Allow `times` console errors containing `fragment`, for a step that causes them on
        purpose; the caller says why in a comment."""
        self.expected[fragment] = self.expected.get(fragment, 0) + times

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.on("page", self._watch_page)
        for page in context.pages:
            self._watch_page(page)
        return context

    def _watch_page(self, page: Page) -> None:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                self.errors.append(f"{page.url}: {message.text}")

        def on_error(error: Error) -> None:
            self.errors.append(f"{page.url}: uncaught {error}")

        page.on("console", on_console)
        page.on("pageerror", on_error)

    def unexpected(self) -> list[str]:
        allowed = dict(self.expected)
        left = []
        for error in self.errors:
            fragment = next((f for f, n in allowed.items() if n and f in error), None)
            if fragment is None:
                left.append(error)
            else:
                allowed[fragment] -= 1
        return left


@pytest.fixture
def console_watch(browser: Browser, monkeypatch: pytest.MonkeyPatch) -> Iterator[ConsoleWatch]:
    """Every context the test opens (the `page` fixture's and any `browser.new_context()` of
    its own) is watched; the test fails at teardown listing any console error."""
    watch = ConsoleWatch()
    original = browser.new_context

    @functools.wraps(original)
    def new_context(*args: Any, **kwargs: Any) -> BrowserContext:
        return watch.watch(original(*args, **kwargs))

    monkeypatch.setattr(browser, "new_context", new_context)
    yield watch
    monkeypatch.undo()
    errors = watch.unexpected()
    if errors:
        pytest.fail(
            f"{len(errors)} console error(s) during the journey:\n" + "\n".join(errors),
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _no_console_errors(request: pytest.FixtureRequest) -> None:
    """Browser journeys all watch the console (see ConsoleWatch)."""
    if request.node.get_closest_marker("browser"):
        request.getfixturevalue("console_watch")


@pytest.fixture
def page(browser: Browser, live_server, console_watch: ConsoleWatch) -> Iterator[Page]:
    letter_templates_reseed()
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def assert_accessible(page: Page, *, scripts_off: bool = False) -> None:
    """axe at 1280 px and at 320 px wide, and nothing but a table's own box scrolling
    sideways at 320 px (WCAG 2.2 1.4.10); the viewport is then put back as it was."""
    if scripts_off:
        _assert_accessible_copy(page)
        return
    before = page.viewport_size or WIDE
    try:
        page.set_viewport_size(WIDE)
        _assert_axe_clean(page)
        page.set_viewport_size(NARROW)
        # The page's resize handlers run at the next frames, as a user would see them.
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        _assert_axe_clean(page)
        _assert_no_sideways_scroll(page)
    finally:
        page.set_viewport_size(before)


def _assert_no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        wide = page.evaluate(
            """[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect()
            .right > document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName
            + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 40))"""
        )
        raise AssertionError(f"{page.url} scrolls sideways by {overflow}px at 320px: {wide}")


def _assert_axe_clean(page: Page) -> None:
    """Run axe on the current page and fail with the rule ids and targets it reports."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response["violations"]
    summary = [f"{v['id']}: {[node['target'] for node in v['nodes']][:3]}" for v in violations]
    assert summary == [], f"axe found problems on {page.url}: {summary}"


def _assert_accessible_copy(page: Page) -> None:
    """axe is JavaScript and never finishes in a context with scripts switched off, so for
    those pages the served HTML as the browser holds it is replayed, at the same address,
    into a scripted page whose own script files are blocked: axe checks the markup a
    visitor without JavaScript gets."""
    html, url = page.content(), page.url
    browser = page.context.browser
    assert browser is not None
    # The copy's blocked scripts log "Failed to load resource" by design: it is not a page of
    # the journey, so it is opened outside the console watch.
    new_context = getattr(browser.new_context, "__wrapped__", browser.new_context)
    context = new_context()
    try:
        copy = context.new_page()
        copy.route("**/*.js", lambda route: route.abort())
        copy.route(
            lambda address: address == url,
            lambda route: route.fulfill(body=html, content_type="text/html"),
        )
        copy.goto(url)
        assert_accessible(copy)
    finally:
        context.close()
