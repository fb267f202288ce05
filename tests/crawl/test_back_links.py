"""Every page that is not a start page has a way back: a GOV.UK back link, or breadcrumbs
where the page sits under a record (GOV.UK Design System: back link, breadcrumbs). Walked
over every route, as each role that may open it, with the crawl's world."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.crawl.targets import targets
from tests.crawl.test_crawl import client_for, routes
from tests.crawl.world import World

pytestmark = pytest.mark.django_db

# Start pages: where a journey begins, reached from the service navigation or the header.
START_PAGES = frozenset(
    {
        "accounts:home",
        "accounts:sign-in",
        "accounts:two-factor",
        "accounts:two-factor-set-up",
        "people:person-search",
        "people:duplicate-queue",
        "people:break-glass-list",
        "contacts:contact-start",
        "contacts:drafts",
        "contacts:queue",
        "contacts:consultation-list",
        "screening:tray",
        "screening:team",
        "decisions:sign-off-list",
        "decisions:early-help-list",
        "referrals:yours",
        "referrals:unallocated",
        "checks:partner-tray",
        "checks:authorisations",
        "letters:owed",
        "alerts:list",
        "reporting:dashboard",
        "returns:index",
        "oversight:access-log",
        "authority:configuration",
        "referrers:contacts",
        "online:start",
        # Pages that end a journey: the panel says what happens next, nothing to go back to.
        "online:confirmation",
        "contacts:confirmation",
        "letters:acknowledge",
    }
)
ROLES = ("team-manager", "social-worker", "early-help", "police-partner", "referrer", "anonymous")


def has_way_back(html: bytes) -> bool:
    page = BeautifulSoup(html, "html.parser")
    return bool(page.select(".govuk-back-link, .govuk-breadcrumbs"))


def url_of(name: str, kwargs: dict[str, Any]) -> str:
    args = {k: v for k, v in kwargs.items() if k != "?"}
    return reverse(name, kwargs=args) + (f"?{kwargs['?']}" if "?" in kwargs else "")


def test_every_page_but_a_start_page_has_a_way_back(world: World) -> None:
    table = targets(world)
    missing, checked = set(), set()
    for crawler in ROLES:
        client = client_for(world, crawler)
        for route in routes():
            if route.name in START_PAGES or route.name in checked or route.name.endswith("out"):
                continue
            for kwargs in table[route.name].values():
                response = client.get(url_of(route.name, kwargs))
                html = response.get("Content-Type", "").startswith("text/html")
                if response.status_code != 200 or not html:
                    continue
                checked.add(route.name)
                if not has_way_back(response.content):
                    missing.add(route.name)
                break
    assert sorted(missing) == [], "\n".join(sorted(missing))
