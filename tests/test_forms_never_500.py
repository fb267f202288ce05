"""No form answers odd input with a 500 (property-based, Hypothesis).

The demo front door is built (its families, contacts at every stage, letters, checks,
decisions); each role's pages are walked from its home page as a browser would, keeping one
concrete address for every route and the fields of every POST form found on it. Routes the
walk does not reach are posted to with made-up ids. Hypothesis then posts generated bodies
(the form's own values, empty, missing fields, huge numbers, very long text, unicode, NUL
characters, files) as the role that reached the page, and no answer may be a 500 or an
unhandled exception. The number of examples is bounded (CADS_FUZZ_EXAMPLES, default below)
and derandomised, so the suite stays well under a minute and every run posts the same."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cads.accounts.models import Organisation, User
from cads.accounts.roles import Role
from cads.accounts.services import two_factor_device_create
from cads.demo.families import create_demo_families
from cads.demo.front_door import load_demo_front_door
from cads.demo.management.commands.load_demo_data import ORGANISATIONS
from conftest import signed_in_client

EXAMPLES = int(os.environ.get("CADS_FUZZ_EXAMPLES", "80"))
PAGES_PER_ROLE = 60
# Routes a generated post must not take: the way out of the session the test signs in with,
# and Django's own admin (its forms are Django's, not ours).
SKIPPED = re.compile(r"^/(admin|django-admin)/|/sign-out/$|^/static/")
ROLES = {
    "manager": Role.TEAM_MANAGER,
    "socialworker": Role.CADS_SOCIAL_WORKER,
    "callhandler": Role.CALL_HANDLER,
    "police": Role.MASH_PARTNER,
    "outofhours": Role.OUT_OF_HOURS_WORKER,
    "admin": Role.ADMINISTRATOR,
    "assessment": Role.ASSESSMENT_SOCIAL_WORKER,
    "earlyhelp": Role.EARLY_HELP_ADVISOR,
}
PUBLIC = ""  # the public online form and sign-in, without an account


@dataclass
class Target:
    url: str
    username: str  # who posts ("" for nobody signed in)
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> values seen
    files: list[str] = field(default_factory=list)


def _route(url: str) -> str | None:
    try:
        return str(resolve(urlsplit(url).path).route)
    except Resolver404:
        return None


def _forms(page: BeautifulSoup, base: str) -> Iterator[tuple[str, dict[str, list[str]], list[str]]]:
    for form in page.select("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        fields: dict[str, list[str]] = {}
        files: list[str] = []
        for box in form.select("input[name], select[name], textarea[name]"):
            name = str(box["name"])
            if name == "csrfmiddlewaretoken":
                continue
            if box.get("type") == "file":
                files.append(name)
                continue
            values = [str(o.get("value", "")) for o in box.select("option")] or [
                str(box.get("value") or box.get_text() or "")
            ]
            fields.setdefault(name, []).extend(values)
        yield urljoin(base, str(form.get("action") or base)), fields, files


def _walk(client: Client, username: str, start: str, targets: dict[str, Target]) -> None:
    """Breadth first from `start`: GET each route once, note its POST forms."""
    queue, seen = [start], set(targets)
    for _ in range(PAGES_PER_ROLE):
        if not queue:
            return
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = BeautifulSoup(response.content, "html.parser")
        for action, fields, files in _forms(page, url):
            route = _route(action)
            known = targets.get(route) if route is not None else None
            if route is not None and not SKIPPED.search(action) and not (known and known.fields):
                targets[route] = Target(urlsplit(action).path, username, fields, files)
        for link in page.select("a[href]"):
            href = urljoin(url, str(link["href"]))
            route = _route(href)
            if href.startswith("/") and route is not None and route not in seen:
                seen.add(route)
                if not SKIPPED.search(href):
                    queue.append(href.split("#")[0])
                    targets.setdefault(route, Target(urlsplit(href).path, username))


def _every_route(resolver: URLResolver | None = None, prefix: str = "") -> Iterator[str]:
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _every_route(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _made_up(route: str) -> str:
    """A concrete address for a route the walk did not reach: made-up ids and words."""
    filled = re.sub(r"<uuid:\w+>", str(uuid.uuid4()), route)
    filled = re.sub(r"<int:\w+>", "1", filled)
    filled = re.sub(r"<(?:str|slug|path):\w+>", "x", filled)
    return "/" + filled.lstrip("^").rstrip("$")


ODD = st.one_of(
    st.text(max_size=40),
    st.integers().map(str),
    st.sampled_from([
        "", " ", "9" * 20, "-1", "0", "1e309", "NaN", "²", "٣", "\x00", "a" * 5000,
        "x" * 255 + "@example.org", "2026-13-45", "31", "25:99", "<script>x</script>",
        "' OR 1=1 --", "%(name)s", "{{ x }}", "\u202e", "🙂" * 100, str(uuid.uuid4()),
    ]),
)  # fmt: skip


@st.composite
def body(draw: st.DrawFn, target: Target) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, seen in target.fields.items():
        if draw(st.booleans()) and draw(st.booleans()):
            continue  # a missing field
        own = [v for v in seen if v] or [""]
        data[name] = draw(st.one_of(st.sampled_from(own), ODD))
    for name in target.files:
        if draw(st.booleans()):
            content = draw(st.binary(max_size=300))
            data[name] = SimpleUploadedFile(draw(st.text(max_size=30)) or "f", content)
    return data


@pytest.fixture
def front_door(make_user: Callable[..., User]) -> dict[str, User]:
    for name, kind in ORGANISATIONS:
        Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
    users = {name: make_user(role, name) for name, role in ROLES.items()}
    create_demo_families(count=4, seed=2026)
    load_demo_front_door()
    return users


def _client(users: dict[str, User], username: str) -> Client:
    if not username:
        return Client()
    user = users[username]
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        two_factor_device_create(user=user, confirmed=True)  # a post reset it
    return signed_in_client(user)


@pytest.mark.django_db
def test_no_form_answers_odd_input_with_a_500(front_door: dict[str, User], settings: Any) -> None:
    # The public form's rate limits would answer most posts with a 429 instead of the form.
    settings.CADS_ONLINE_POSTS_PER_MINUTE = settings.CADS_ONLINE_REPORTS_PER_HOUR = 100_000
    targets: dict[str, Target] = {}
    _walk(Client(), PUBLIC, "/report-a-concern/", targets)
    for username in ROLES:
        _walk(_client(front_door, username), username, "/", targets)
    for route in _every_route():
        if route not in targets and not SKIPPED.search("/" + route):
            targets[route] = Target(_made_up(route), "manager")
    forms = [t for t in targets.values() if t.fields or t.files]
    print(f"{len(targets)} routes, {len(forms)} with a form")  # noqa: T201 - seen with -s

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def posts(data: st.DataObject) -> None:
        # Every form first, in turn, then any route: each example is one post.
        target = data.draw(st.sampled_from(forms or list(targets.values())), label="target")
        sent = data.draw(body(target), label="body")
        response = _client(front_door, target.username).post(target.url, sent)
        assert response.status_code != 500, (target.url, sent)

    for target in sorted(targets.values(), key=lambda t: t.url):
        # Each route once with nothing and once with one odd field: POST-only views too.
        for sent in ({}, {"x": "9" * 20}):
            response = _client(front_door, target.username).post(target.url, sent)
            assert response.status_code != 500, (target.url, sent)
    posts()
