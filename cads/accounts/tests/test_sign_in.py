"""Signing in takes a password and a code from an authenticator app; five wrong passwords
lock the account from that address until the cool-off passes, and an administrator can see
(and clear) the lock."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def current_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(client: Client, username: str, password: str = PASSWORD, next_url: str = ""):
    suffix = f"?next={next_url}" if next_url else ""
    return client.post(f"/sign-in/{suffix}", {"username": username, "password": password})


def error_summary(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in page.select(".govuk-error-summary__list a")]


def test_password_then_code_signs_in_and_lands_on_the_home_page(make_user) -> None:
    user = make_user(Role.CALL_HANDLER)
    client = Client()
    response = sign_in(client, user.username)
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/two-factor/"
    # A password alone does not open the service.
    assert client.get("/")["Location"] == "/sign-in/two-factor/"
    response = client.post("/sign-in/two-factor/", {"token": current_code(user)}, follow=True)
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Hello, Test"
    assert "Call handler" in page.select_one("main").get_text()
    assert CaseEvent.objects.filter(kind="user.signed_in", subject_id=str(user.pk)).exists()


def test_sign_in_returns_to_the_page_asked_for(make_user) -> None:
    user = make_user(Role.TEAM_MANAGER)
    client = Client()
    assert client.get("/audit/access-log/")["Location"] == "/sign-in/?next=%2Faudit%2Faccess-log%2F"
    sign_in(client, user.username, next_url="/audit/access-log/")
    response = client.post("/sign-in/two-factor/", {"token": current_code(user)})
    assert response["Location"] == "/audit/access-log/"


def test_sign_in_never_redirects_off_site(make_user) -> None:
    user = make_user(Role.TEAM_MANAGER)
    client = Client()
    sign_in(client, user.username, next_url="https://evil.example/")
    response = client.post("/sign-in/two-factor/", {"token": current_code(user)})
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("", "Enter the security code"),
        ("12ab", "Enter the security code as 6 digits, like 123456"),
        ("000000", "The security code is not correct or has expired"),
    ],
)
def test_wrong_codes_get_specific_errors(make_user, token: str, message: str) -> None:
    user = make_user(Role.CALL_HANDLER)
    client = Client()
    sign_in(client, user.username)
    response = client.post("/sign-in/two-factor/", {"token": token})
    assert response.status_code == 200
    assert error_summary(response) == [message]
    assert client.get("/").status_code == 302


def test_missing_fields_get_gov_uk_errors() -> None:
    response = Client().post("/sign-in/", {"username": "", "password": ""})
    assert error_summary(response) == ["Enter your username", "Enter your password"]


def test_the_session_id_changes_when_the_code_is_accepted(make_user) -> None:
    from django.conf import settings

    user = make_user(Role.CALL_HANDLER)
    client = Client()
    sign_in(client, user.username)
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post("/sign-in/two-factor/", {"token": current_code(user)})
    assert response["Location"] == "/"
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = before
    assert stolen.get("/").status_code == 302  # the id from before the code signs nobody in
    assert client.get("/").status_code == 200


def test_first_sign_in_sets_up_an_authenticator(db) -> None:
    from cads.accounts.services import user_create

    user_create(
        actor=None,
        username="newstarter",
        password=PASSWORD,
        first_name="New",
        last_name="Starter",
        role=Role.CALL_HANDLER,
        organisation=None,
    )
    client = Client()
    response = sign_in(client, "newstarter")
    assert response["Location"] == "/sign-in/two-factor/set-up/"
    page = BeautifulSoup(client.get("/sign-in/two-factor/set-up/").content, "html.parser")
    assert page.select_one("img")["src"].startswith("data:image/svg+xml;base64,")
    assert len(page.select_one("[data-testid=totp-secret]").get_text(strip=True)) == 32
    device = TOTPDevice.objects.get(user__username="newstarter")
    assert not device.confirmed
    code = f"{totp(device.bin_key):06d}"
    response = client.post("/sign-in/two-factor/set-up/", {"token": code})
    assert response["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed


def test_five_wrong_passwords_lock_the_account(make_user) -> None:
    user = make_user(Role.CALL_HANDLER)
    client = Client()
    for _ in range(4):
        response = sign_in(client, user.username, password="wrong-password")
        assert error_summary(response) == ["Enter a correct username and password"]
    response = sign_in(client, user.username, password="wrong-password")
    assert b"Your account is locked" in response.content
    # Even the right password no longer works.
    response = sign_in(client, user.username)
    assert b"Your account is locked" in response.content
    assert client.get("/").status_code == 302


def test_a_lock_lifts_by_itself_after_the_cool_off(make_user, settings) -> None:
    user = make_user(Role.CALL_HANDLER)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(5):
            sign_in(Client(), user.username, password="wrong-password")
        assert b"Your account is locked" in sign_in(Client(), user.username).content
        # (Each try while locked counts as a failure and restarts the cool-off.)
        clock.shift(settings.AXES_COOLOFF_TIME + datetime.timedelta(minutes=1))
        response = sign_in(Client(), user.username)
    assert datetime.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert response["Location"] == "/sign-in/two-factor/"


def test_a_lock_from_one_address_does_not_block_another(make_user) -> None:
    user = make_user(Role.CALL_HANDLER)
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        sign_in(elsewhere, user.username, password="wrong-password")
    assert b"Your account is locked" in sign_in(elsewhere, user.username).content
    at_the_office = Client(REMOTE_ADDR="198.51.100.20")
    assert sign_in(at_the_office, user.username)["Location"] == "/sign-in/two-factor/"


def test_administrator_sees_the_lockout_and_can_unlock(make_user, client_for) -> None:
    user = make_user(Role.CALL_HANDLER)
    for _ in range(5):
        sign_in(Client(), user.username, password="wrong-password")
    admin = client_for(Role.ADMINISTRATOR)
    page = BeautifulSoup(admin.get("/admin/accounts/user/").content, "html.parser")
    row = next(r for r in page.select("#result_list tbody tr") if user.username in r.get_text())
    assert row.select_one("td.field-locked img")["alt"] == "True"
    attempts = admin.get("/admin/axes/accessattempt/")
    assert user.username.encode() in attempts.content
    admin.post(
        "/admin/accounts/user/",
        {"action": "unlock", "_selected_action": [user.pk]},
    )
    response = sign_in(Client(), user.username)
    assert response["Location"] == "/sign-in/two-factor/"
    assert CaseEvent.objects.filter(kind="user.unlocked", subject_id=str(user.pk)).exists()


def test_admin_site_needs_the_two_factor_step(make_user) -> None:
    user = make_user(Role.ADMINISTRATOR)
    client = Client()
    sign_in(client, user.username)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert client.get("/admin/login/")["Location"] == "/sign-in/two-factor/"


def test_sign_out_ends_the_session(client_for) -> None:
    client = client_for(Role.CALL_HANDLER)
    response = client.post("/sign-out/")
    assert b"You have signed out" in response.content
    assert client.get("/").status_code == 302


def test_a_get_only_offers_the_sign_out_button(client_for) -> None:
    client = client_for(Role.CALL_HANDLER)
    page = BeautifulSoup(client.get("/sign-out/").content, "html.parser")
    form = page.select_one("main form[action='/sign-out/']")
    assert form["method"] == "post"
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    assert client.get("/").status_code == 200  # still signed in


def test_sign_out_without_the_csrf_token_is_refused(make_user) -> None:
    from conftest import signed_in_client

    client = signed_in_client(make_user(Role.CALL_HANDLER))
    client.handler.enforce_csrf_checks = True
    assert client.post("/sign-out/").status_code == 403
    assert client.get("/").status_code == 200


def test_the_header_signs_out_with_a_form(client_for) -> None:
    page = BeautifulSoup(client_for(Role.CALL_HANDLER).get("/").content, "html.parser")
    form = page.select_one(".govuk-service-navigation__list form")
    assert form["action"] == "/sign-out/"
    assert form["method"] == "post"
    assert form.select_one("button[data-sign-out]").get_text(strip=True).startswith("Sign out")


def test_partner_role_needs_a_partner_organisation(db) -> None:
    from django.core.exceptions import ValidationError

    from cads.accounts.services import user_create

    with pytest.raises(ValidationError, match="partner organisation"):
        user_create(
            actor=None,
            username="p",
            password=PASSWORD,
            first_name="P",
            last_name="Q",
            role=Role.MASH_PARTNER,
            organisation=None,
        )
    assert not User.objects.filter(username="p").exists()
