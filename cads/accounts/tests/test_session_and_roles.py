"""Idle timeout, navigation by role, and the production settings' safety checks."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys

import pytest
import time_machine
from bs4 import BeautifulSoup

from cads.accounts.roles import Role

CASEWORK = ["Record a contact", "Your drafts", "Consultations"]
pytestmark = pytest.mark.django_db


def nav_labels(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [
        a.get_text(" ", strip=True)
        for a in page.select(".govuk-service-navigation__list .govuk-service-navigation__link")
    ]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.CALL_HANDLER, ["Home", "Front door queue", *CASEWORK, "Children and families"]),
        (
            Role.CADS_SOCIAL_WORKER,
            [
                "Home",
                *CASEWORK,
                "Work tray",
                "Your alerts",
                "Children and families",
                "Possible duplicates",
            ],
        ),
        (
            Role.TEAM_MANAGER,
            [
                "Home",
                *CASEWORK,
                "Work tray",
                "Your alerts",
                "Team overview",
                "Awaiting sign-off",
                "Authorisations",
                "Referrals to allocate",
                "Early Help requests",
                "Children and families",
                "Possible duplicates",
                "Management information",
                "Access log",
            ],
        ),
        (
            Role.ASSESSMENT_SOCIAL_WORKER,
            ["Home", "Front door queue", *CASEWORK, "Your referrals", "Children and families"],
        ),
        (
            Role.EARLY_HELP_ADVISOR,
            ["Home", "Front door queue", *CASEWORK, "Early Help requests", "Children and families"],
        ),
        (Role.MASH_PARTNER, ["Home", "Partner checks"]),
        (
            Role.ADMINISTRATOR,
            ["Home", "Your alerts", "Access log", "Authority settings", "Users and organisations"],
        ),
    ],
)
def test_each_role_sees_its_own_navigation(client_for, role: str, expected: list[str]) -> None:
    labels = nav_labels(client_for(role).get("/"))
    assert labels[:-1] == expected
    assert labels[-1].startswith("Sign out")


def test_partner_home_names_their_organisation(client_for) -> None:
    page = BeautifulSoup(client_for(Role.MASH_PARTNER).get("/").content, "html.parser")
    assert page.select_one(".govuk-caption-l").get_text(strip=True) == "Wessex Police"
    assert "Answer information requests shared with your organisation." in page.main.get_text()


def test_idle_session_is_signed_out_after_30_minutes(client_for) -> None:
    start = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client = client_for(Role.CALL_HANDLER)
        assert client.get("/").status_code == 200
        clock.shift(datetime.timedelta(minutes=29))
        assert client.get("/").status_code == 200  # activity resets the clock
        clock.shift(datetime.timedelta(minutes=29))
        assert client.get("/session/remaining/").json() == {"seconds": 60}
        clock.shift(datetime.timedelta(minutes=2))
        response = client.get("/")
        assert response["Location"] == "/sign-in/?timed-out=1"
        page = client.get(response["Location"])
        assert b"You were signed out because you were inactive" in page.content
        assert client.get("/").status_code == 302


def test_activity_is_recorded_to_the_nearest_30_seconds(client_for) -> None:
    """Pages seconds apart do not write the session each time; the time-out may come up to
    30 seconds early, never late."""
    start = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client = client_for(Role.CALL_HANDLER)
        client.get("/")
        clock.shift(datetime.timedelta(seconds=20))
        client.get("/")
        assert client.get("/session/remaining/").json() == {"seconds": 1780}
        clock.shift(datetime.timedelta(seconds=15))
        client.get("/")
        assert client.get("/session/remaining/").json() == {"seconds": 1800}


def test_stay_signed_in_resets_the_idle_clock(client_for) -> None:
    start = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client = client_for(Role.CALL_HANDLER)
        client.get("/")
        clock.shift(datetime.timedelta(minutes=28))
        assert client.post("/session/keep-alive/").json() == {"seconds": 1800}


def test_pages_carry_security_headers(client_for) -> None:
    response = client_for(Role.CALL_HANDLER).get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


# 64 random characters, as `python -c "import secrets; print(secrets.token_urlsafe(48))"` gives.
STRONG_SECRET = "Qm3v9tK1xWc7pZ2rLd8sHf5yBn0gJ4uEa6oRi3TqVw1XkY7zCb2NdM5hPl8sFj0G"


def _production_settings(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", **env}
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )


def test_production_refuses_the_demo_two_factor_bypass() -> None:
    result = _production_settings(SECRET_KEY=STRONG_SECRET, CADS_DEMO_SKIP_TWO_FACTOR="true")
    assert result.returncode != 0
    assert "CADS_DEMO_SKIP_TWO_FACTOR cannot be used in production" in result.stderr


def test_production_refuses_the_placeholder_secret_key() -> None:
    result = _production_settings(SECRET_KEY="insecure-local-only-key-change-me")
    assert "Set SECRET_KEY" in result.stderr


def test_production_turns_on_hsts_and_secure_cookies() -> None:
    result = _production_settings(SECRET_KEY=STRONG_SECRET)
    assert result.stdout.split() == ["31536000", "True"]


@pytest.mark.parametrize(
    "secret",
    [
        "x",
        "a-real-long-random-secret-for-this-test",  # 39 characters: too short
        "a" * 60,  # long but one character
        "ababababab" * 6,  # long but two characters
        "django-insecure-" + "k" * 10 + "0123456789abcdefghijklmnopqrstuvwxyz",  # startproject
        "insecure-local-only-key-change-me" + "-" * 20,
        "change-me-change-me-change-me-change-me-change-me-change-me",
    ],
)
def test_production_refuses_a_weak_or_demo_secret_key(secret: str) -> None:
    result = _production_settings(SECRET_KEY=secret)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr
