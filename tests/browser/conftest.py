"""Playwright for Python driving Debian's Chromium (Playwright cannot download its own
browser here), against pytest-django's live server, with axe checks on every page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

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


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    letter_templates_reseed()
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def assert_accessible(page: Page, *, scripts_off: bool = False) -> None:
    """Run axe on the current page and fail with the rule ids and targets it reports.

    axe is JavaScript and never finishes in a context with scripts switched off, so for
    those pages the served HTML as the browser holds it is replayed, at the same address,
    into a scripted page whose own script files are blocked: axe checks the markup a
    visitor without JavaScript gets."""
    if scripts_off:
        _assert_accessible_copy(page)
        return
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = results.response["violations"]
    summary = [f"{v['id']}: {[node['target'] for node in v['nodes']][:3]}" for v in violations]
    assert summary == [], f"axe found problems on {page.url}: {summary}"


def _assert_accessible_copy(page: Page) -> None:
    html, url = page.content(), page.url
    browser = page.context.browser
    assert browser is not None
    context = browser.new_context()
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
