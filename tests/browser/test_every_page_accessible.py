"""Every page CADS serves, checked with axe at 1280 px and at 320 px wide with nothing
scrolling sideways (WCAG 2.2 AA, 1.4.10 reflow), not only the pages a journey passes through.
The crawl's world and its URL for every route (tests/crawl) say what to open; the Django test
client first finds which viewer gets each page as HTML with 200, and Chromium then opens it
signed in as that viewer, one sign-in per viewer, the public pages signed out."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from conftest import signed_in_client
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in
from tests.crawl.conftest import quiet_refusals  # noqa: F401 - autouse: the refusals found
from tests.crawl.targets import targets
from tests.crawl.test_crawl import routes
from tests.crawl.world import World, world_build

pytestmark = pytest.mark.django_db(transaction=True)

# Who opens the pages, in order: the first viewer who gets a page as HTML opens it. Signed
# out first, so the public pages (the online form, sign-in) are checked as the public sees
# them; then the viewers who between them open everything, widest first so few sign in.
VIEWERS = (
    "anonymous",
    "team-manager",
    "key-worker",
    "call-handler",
    "police-partner",
    "school-partner",
    "social-worker",
    "early-help",
    "assessment-worker",
    "out-of-hours",
    "head-of-service",
    "referrer",
)
# Signing out would end the viewer's session for the pages after it; sign-in is checked
# signed out, and the two-factor page on the way in (sign_in with check=True).
NOT_OPENED = frozenset({"accounts:sign-out"})
# Pages that still fail, by route and variant, each with the axe rule (or "scrolls sideways")
# it fails: none is listed without a reason, and one listed here that passes fails the test,
# so it is taken off once fixed.
EXPECTED_FAILURES: dict[tuple[str, str], str] = {}
Page_ = tuple[tuple[str, str], str]


def _url(name: str, kwargs: dict[str, object]) -> str:
    args = {k: v for k, v in kwargs.items() if k != "?"}
    return reverse(name, kwargs=args) + (f"?{kwargs['?']}" if "?" in kwargs else "")


def _client(world: World, viewer: str) -> Client:
    return Client() if viewer == "anonymous" else signed_in_client(world.users[viewer])


def pages_by_viewer(world: World) -> dict[str, list[Page_]]:
    """Each page (route and variant) once, under the first viewer who gets it as HTML."""
    table = targets(world)
    left = {
        (route.name, label): _url(route.name, kwargs)
        for route in routes()
        if route.name not in NOT_OPENED
        for label, kwargs in table[route.name].items()
    }
    plan: dict[str, list[Page_]] = {}
    for viewer in VIEWERS:
        client = _client(world, viewer)
        for key, url in list(left.items()):
            response = client.get(url)
            html = response.get("Content-Type", "").startswith("text/html")
            if response.status_code == 200 and html:
                plan.setdefault(viewer, []).append((key, url))
                del left[key]
    return plan


def _check(page: Page, pages: list[Page_], failures: dict[tuple[str, str], str]) -> None:
    for key, url in pages:
        page.goto(url)
        try:
            assert_accessible(page)
        except AssertionError as failure:
            failures[key] = str(failure).splitlines()[0]


def test_every_page_is_accessible_at_1280_and_320_px(
    page: Page, browser: Browser, live_server, settings, tmp_path: Path
) -> None:
    settings.CADS_ATTACHMENT_ROOT = tmp_path
    settings.CADS_CLAMD = ""
    world = world_build()
    plan = pages_by_viewer(world)
    assert len(plan.get("anonymous", [])) > 5, "the public pages were not found"
    failures: dict[tuple[str, str], str] = {}
    _check(page, plan.pop("anonymous"), failures)
    for viewer, pages in plan.items():
        context = browser.new_context(base_url=live_server.url)
        signed_in = context.new_page()
        signed_in.set_default_timeout(10_000)
        sign_in(signed_in, world.users[viewer], check=viewer == "team-manager")
        expect(signed_in.get_by_role("heading", level=1)).not_to_have_text(
            "Enter your security code"
        )
        _check(signed_in, pages, failures)
        context.close()
    checked = sum(len(pages) for pages in plan.values())
    assert checked > 100, f"only {checked} signed-in pages were opened"
    unexpected = {
        key: why
        for key, why in failures.items()
        if key not in EXPECTED_FAILURES or EXPECTED_FAILURES[key] not in why
    }
    fixed = sorted(set(EXPECTED_FAILURES) - set(failures))
    assert unexpected == {}, "\n".join(f"{k[0]} [{k[1]}]: {why}" for k, why in unexpected.items())
    assert fixed == [], f"listed as failing but now pass (take them off): {fixed}"
