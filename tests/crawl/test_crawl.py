"""The crawl: every URL pattern, requested with GET by every role (and anonymously, and
with a password but no code yet) with real ids from one world that holds a restricted
child, her mother and brother on shared contacts, two partner organisations' checks and a
third organisation's. Each response has the status the view's declared access and the
viewer's permissions call for (with the few object-level refusals listed in
`expectations`), and no page shown to a viewer without access to her carries her name,
date of birth or address."""

from __future__ import annotations

import os

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from conftest import signed_in_client
from tests.architecture import Route, iter_routes
from tests.crawl.expectations import expected_status
from tests.crawl.targets import targets
from tests.crawl.world import NEEDLES, VIEWERS, WITH_ACCESS, World

pytestmark = pytest.mark.django_db
CRAWLERS = ("anonymous", "password-only", *VIEWERS)
# Signing out last, so it cannot end the session of the requests after it.
LAST = "accounts:sign-out"


def routes() -> list[Route]:
    found = sorted(iter_routes(get_resolver().url_patterns), key=lambda r: r.name == LAST)
    return [r for r in found if r.name != "(unnamed)"]


def client_for(world: World, crawler: str) -> Client:
    if crawler == "anonymous":
        return Client()
    if crawler == "password-only":
        client = Client()
        client.force_login(world.users["call-handler"])
        return client
    return signed_in_client(world.users[crawler])


def leaks(body: bytes) -> list[str]:
    text = body.decode("utf-8", errors="ignore")
    return [needle for needle in NEEDLES if needle in text]


def test_every_route_has_ids(world: World) -> None:
    table = targets(world)
    names = {r.name for r in routes()}
    assert sorted(names - set(table)) == [], "routes the crawl does not know how to request"
    assert sorted(set(table) - names) == [], "crawl targets that are no longer routes"


@pytest.mark.parametrize("crawler", CRAWLERS)
def test_crawl(world: World, crawler: str) -> None:
    table = targets(world)
    client = client_for(world, crawler)
    user = world.users.get(crawler)
    wrong, leaked, seen = [], [], []
    for route in routes():
        for label, kwargs in table[route.name].items():
            args = {k: v for k, v in kwargs.items() if k != "?"}
            url = reverse(route.name, kwargs=args) + (f"?{kwargs['?']}" if "?" in kwargs else "")
            response = client.get(url)
            want = expected_status(route, label, crawler, user)
            seen.append(f"{route.name} [{label}] {response.status_code}")
            if response.status_code != want:
                wrong.append(
                    f"{route.name} [{label}] {url}: {response.status_code}, expected {want}"
                )
            if crawler not in WITH_ACCESS and (found := leaks(response.content)):
                leaked.append(f"{route.name} [{label}] {url}: shows {found}")
    if os.environ.get("CRAWL_REPORT"):
        print(f"\n== {crawler}\n" + "\n".join(seen))  # noqa: T201 - a table to review
    assert leaked == [], f"{crawler} sees the restricted child:\n" + "\n".join(leaked)
    assert wrong == [], f"{crawler} got unexpected statuses:\n" + "\n".join(wrong)


def test_the_crawl_can_see_her_when_allowed(world: World) -> None:
    """The needles are right: her own key worker sees her name, birth date and address."""
    client = client_for(world, "key-worker")
    page = client.get(reverse("people:person-detail", args=[world.restricted.pk]))
    assert page.status_code == 200
    assert {"Ottoline", "14 June 2017", "7 Larkspur Close", "WX9 7QT"} <= set(leaks(page.content))
