"""Administrators who cannot become someone else (ADR 0019): nobody reads another user's
authenticator secret or QR code; a reset makes the user enrol again; role, superuser and
password changes for another user are audited; privileged roles and superuser are granted
only with `manage.py grant_role` on the server, never in the admin site."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from conftest import PASSWORD, signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(make_user) -> User:
    return make_user(Role.ADMINISTRATOR)


@pytest.fixture
def admin_client(administrator) -> Client:
    return signed_in_client(administrator)


@pytest.fixture
def worker(make_user) -> User:
    return make_user(Role.CALL_HANDLER, username="jo")


def _events(kind: str, user: User) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(kind=kind, subject_id=str(user.pk)))


def change_form(client: Client, user: User) -> dict[str, Any]:
    """The admin change form's current values, as the browser would send them back."""
    url = reverse("admin:accounts_user_change", args=[user.pk])
    form = BeautifulSoup(client.get(url).content, "html.parser").select_one("#user_form")
    data: dict[str, Any] = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "select":
            chosen = [o["value"] for o in field.select("option[selected]")]
            data[name] = chosen if field.has_attr("multiple") else (chosen or [""])[0]
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = "on"
        elif field.get("type") not in ("submit", "button"):
            data[name] = field.get("value", "")
    return data


def _group(role: str) -> str:
    return str(Group.objects.get(name=role).pk)


# --- Nobody reads another user's authenticator --------------------------------------------


def test_the_admin_site_shows_no_authenticator_key_or_qr_code(admin_client, worker) -> None:
    assert admin_client.get("/admin/otp_totp/totpdevice/").status_code == 404
    for name in ("admin:otp_totp_totpdevice_config", "admin:otp_totp_totpdevice_qrcode"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[1])
    page = admin_client.get(reverse("admin:accounts_user_change", args=[worker.pk]))
    device = TOTPDevice.objects.get(user=worker)
    assert device.key not in page.content.decode()
    assert "otpauth://" not in page.content.decode()


def _routes(patterns: list[Any], prefix: str = "") -> list[tuple[str, str]]:
    found = []
    for pattern in patterns:
        path = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += _routes(pattern.url_patterns, path)
        else:
            found.append((path, pattern.name or ""))
    return found


def test_no_url_carries_a_device_id() -> None:
    # Admin included: a sequential device id in a URL would tell anyone how many exist.
    routes = _routes(get_resolver().url_patterns)
    assert [r for r in routes if "totp" in r[0] + r[1] or "device" in r[0] + r[1]] == []


def test_a_reset_makes_the_user_enrol_again_and_is_audited(
    admin_client, administrator, worker
) -> None:
    already_signed_in = signed_in_client(worker)
    assert already_signed_in.get(reverse("contacts:drafts")).status_code == 200
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "two_factor_reset", "_selected_action": [worker.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=worker).exists()
    (event,) = _events("user.two_factor_reset", worker)
    assert event.actor == administrator
    assert already_signed_in.get(reverse("contacts:drafts")).status_code == 302
    client = Client()
    signed_in = client.post(reverse("accounts:sign-in"), {"username": "jo", "password": PASSWORD})
    assert signed_in["Location"] == reverse("accounts:two-factor-set-up")


# --- Roles, superuser and passwords ------------------------------------------------------


def test_granting_an_ordinary_role_in_the_admin_is_audited(
    admin_client, administrator, worker
) -> None:
    data = change_form(admin_client, worker)
    data["groups"] = [*data.get("groups", []), _group(Role.OUT_OF_HOURS_WORKER)]
    url = reverse("admin:accounts_user_change", args=[worker.pk])
    assert admin_client.post(url, data).status_code == 302
    assert Role.OUT_OF_HOURS_WORKER in worker.role_names
    (event,) = _events("user.role_granted", worker)
    assert event.actor == administrator
    assert event.data["new"] == {"role": Role.OUT_OF_HOURS_WORKER}


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.ADMINISTRATOR])
def test_a_privileged_role_is_refused_in_the_admin(admin_client, worker, role) -> None:
    data = change_form(admin_client, worker)
    data["groups"] = [*data.get("groups", []), _group(role)]
    data["job_title"] = "Duty worker"
    url = reverse("admin:accounts_user_change", args=[worker.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert f"{role} is a privileged role" in text
    assert "manage.py grant_role" in text
    worker.refresh_from_db()
    assert role not in worker.role_names
    assert worker.job_title == ""  # nothing saved; what was typed is still on the form
    assert 'value="Duty worker"' in text


def test_superuser_and_staff_are_refused_in_the_admin(admin_client, worker) -> None:
    data = change_form(admin_client, worker) | {"is_superuser": "on", "is_staff": "on"}
    response = admin_client.post(reverse("admin:accounts_user_change", args=[worker.pk]), data)
    assert response.status_code == 200
    assert "manage.py grant_role" in response.content.decode()
    worker.refresh_from_db()
    assert not worker.is_superuser
    assert not worker.is_staff


def test_the_rest_of_the_form_still_works_for_a_manager(admin_client, make_user) -> None:
    manager = make_user(Role.TEAM_MANAGER)
    data = change_form(admin_client, manager) | {"job_title": "Team manager, North"}
    response = admin_client.post(reverse("admin:accounts_user_change", args=[manager.pk]), data)
    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.job_title == "Team manager, North"
    assert Role.TEAM_MANAGER in manager.role_names  # a role already held is not a new grant


def test_removing_a_role_in_the_admin_is_audited(admin_client, make_user) -> None:
    manager = make_user(Role.TEAM_MANAGER)
    data = change_form(admin_client, manager) | {"groups": [_group(Role.CALL_HANDLER)]}
    response = admin_client.post(reverse("admin:accounts_user_change", args=[manager.pk]), data)
    assert response.status_code == 302
    removed = _events("user.role_removed", manager)
    assert [e.data["old"] for e in removed] == [{"role": Role.TEAM_MANAGER}]


def test_individual_permissions_cannot_be_given_in_the_admin(admin_client, worker) -> None:
    data = change_form(admin_client, worker)
    assert "user_permissions" not in data  # roles are groups only (cads.accounts.roles)


def test_setting_another_users_password_is_audited(admin_client, administrator, worker) -> None:
    url = reverse("admin:auth_user_password_change", args=[worker.pk])
    new = "another-correct-horse-battery"
    response = admin_client.post(
        url, {"password1": new, "password2": new, "usable_password": "true"}
    )
    assert response.status_code == 302
    (event,) = _events("user.password_set_by_administrator", worker)
    assert event.actor == administrator
    assert new not in str(event.data)


# --- manage.py grant_role ----------------------------------------------------------------


def test_grant_role_on_the_server_is_audited_with_its_reason(worker) -> None:
    out = StringIO()
    call_command("grant_role", "jo", Role.TEAM_MANAGER, reason="Acting up for Sam", stdout=out)
    assert Role.TEAM_MANAGER in worker.role_names
    (event,) = _events("user.role_granted", worker)
    assert event.actor is None
    assert event.reason == "Acting up for Sam"
    assert event.data["new"] == {"role": Role.TEAM_MANAGER, "by": "manage.py grant_role"}
    assert "Team manager" in out.getvalue()


def test_grant_role_makes_an_administrator_staff_and_can_make_a_superuser(worker) -> None:
    call_command("grant_role", "jo", Role.ADMINISTRATOR, reason="New systems officer")
    call_command("grant_role", "jo", "superuser", reason="Break-glass for the upgrade")
    worker.refresh_from_db()
    assert worker.is_staff
    assert worker.is_superuser
    assert len(_events("user.superuser_granted", worker)) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["jo", Role.TEAM_MANAGER], "--reason"),
        (["nobody", Role.TEAM_MANAGER, "--reason", "x"], "No user nobody"),
        (["jo", "Chief", "--reason", "x"], "Unknown role"),
        (["jo", Role.MASH_PARTNER, "--reason", "x"], "partner organisation"),
    ],
)
def test_grant_role_refuses_what_it_cannot_do(worker, args, message) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("grant_role", *args)


def test_an_administrator_cannot_give_themselves_a_role(admin_client, administrator) -> None:
    data = change_form(admin_client, administrator)
    data["groups"] = [*data.get("groups", []), _group(Role.CALL_HANDLER)]
    url = reverse("admin:accounts_user_change", args=[administrator.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "You cannot give yourself a role" in response.content.decode()
    assert Role.CALL_HANDLER not in administrator.role_names


def test_adding_a_user_still_works(admin_client) -> None:
    assert admin_client.get(reverse("admin:accounts_user_add")).status_code == 200
    new = "a-long-enough-password-42"
    data = {"username": "sam", "password1": new, "password2": new, "usable_password": "true"}
    response = admin_client.post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 302
    assert User.objects.filter(username="sam").exists()
