"""Shared fixtures: one signed-in client per role, with the two-factor step passed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from cads.accounts.models import Organisation, OrganisationKind, User
from cads.accounts.roles import Role
from cads.accounts.services import two_factor_device_create, user_create
from cads.core import database_roles

PASSWORD = "correct-horse-battery-staple"

ROLE_ORGANISATION = {Role.MASH_PARTNER: ("Wessex Police", OrganisationKind.POLICE)}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: object) -> Iterator[None]:
    """Migrated as the owner role, the suite runs as the application role (ADR 0018);
    the owner drops the database afterwards."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        owner = database_roles.credentials()
        database_roles.connect_as(database_roles.application_role_for_tests())
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        database_roles.connect_as(owner)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest) -> Any:
    """Tests marked db_owner (schema changes, benchmark loads in replica mode) run as the
    owner: the switch has to happen before pytest-django opens the test's transaction."""
    if fixturedef.argname == "_django_db_helper" and request.node.get_closest_marker("db_owner"):
        app = database_roles.credentials()
        database_roles.connect_as(settings.CADS_DATABASE_OWNER)
        fixturedef.addfinalizer(lambda: database_roles.connect_as(app))
    return (yield)


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    """Create a user with a role and a confirmed authenticator."""

    def make(role: str, username: str | None = None) -> User:
        name, kind = ROLE_ORGANISATION.get(
            role, ("Wessex County Council", OrganisationKind.LOCAL_AUTHORITY)
        )
        org, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
        user = user_create(
            actor=None,
            username=username or role.lower().replace(" ", "-").replace("'", ""),
            password=PASSWORD,
            first_name="Test",
            last_name=role,
            role=role,
            organisation=org,
        )
        two_factor_device_create(user=user, confirmed=True)
        return user

    return make


def signed_in_client(user: User) -> Client:
    """A test client signed in as `user` with the two-factor step already passed."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


@pytest.fixture
def client_for(make_user: Callable[..., User]) -> Callable[[str], Client]:
    """`client_for(Role.TEAM_MANAGER)` gives a signed-in, two-factor-verified client."""

    def make(role: str) -> Client:
        return signed_in_client(make_user(role))

    return make
