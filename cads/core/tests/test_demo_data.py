"""The demo data is fictional, complete (one user per role) and safe to load twice."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from cads.accounts.models import Organisation, OrganisationKind, User
from cads.accounts.roles import ROLE_PERMISSIONS
from cads.core.management.commands import load_demo_data
from cads.people.models import Person, PersonStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _credentials_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_demo_data, "CREDENTIALS_FILE", tmp_path / "demo-logins.txt")


def nhs_check_digit_ok(number: str) -> bool:
    total = sum(int(d) * (10 - i) for i, d in enumerate(number[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(number[9])


def test_demo_data_has_every_role_partners_and_fictional_families() -> None:
    call_command("load_demo_data", stdout=io.StringIO())
    roles = {group for user in User.objects.all() for group in user.role_names}
    assert roles == set(ROLE_PERMISSIONS)
    assert TOTPDevice.objects.filter(confirmed=True).count() == User.objects.count()
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == set(OrganisationKind.values)
    assert User.objects.get(username="police").organisation.kind == OrganisationKind.POLICE
    people = list(Person.objects.all())
    assert len(people) >= 8
    numbered = [p for p in people if p.nhs_number]
    # The planted duplicate has no NHS number, as a hurried call would record it.
    assert len(numbered) == len(people) - 1
    assert all(
        p.nhs_number.startswith("999") and nhs_check_digit_ok(p.nhs_number) for p in numbered
    )
    assert sum(p.restricted for p in people) == 1
    assert PersonStatus.objects.filter(kind="cp").count() == 1


def test_loading_twice_adds_nothing_and_keeps_the_password(tmp_path: Path) -> None:
    call_command("load_demo_data", stdout=io.StringIO())
    first = (tmp_path / "demo-logins.txt").read_text()
    counts = (User.objects.count(), Person.objects.count())
    call_command("load_demo_data", stdout=io.StringIO())
    assert (User.objects.count(), Person.objects.count()) == counts
    assert (tmp_path / "demo-logins.txt").read_text() == first
    assert "Password for every demo user: demo-" in first
