"""The permission matrix: every role against every checks page (issue 5, "Rules and
tests"). Staff pages are for screeners and managers; partner pages for MASH partners,
and then only for checks addressed to their own organisation."""

from __future__ import annotations

import uuid

import pytest

from cads.accounts.roles import Role
from cads.checks.tests.conftest import ask
from conftest import signed_in_client

pytestmark = pytest.mark.django_db

ALL_ROLES = [value for name, value in vars(Role).items() if name.isupper()]
SCREENERS = {Role.CADS_SOCIAL_WORKER, Role.TEAM_MANAGER}
MANAGERS = {Role.TEAM_MANAGER}
PARTNERS = {Role.MASH_PARTNER}
MISSING = uuid.UUID(int=1)

# (url template, roles allowed, status when allowed: 404 where the file does not exist)
PAGES = [
    ("/checks/contact/{contact}/", SCREENERS, 200),
    ("/checks/contact/{contact}/request/", SCREENERS, 200),
    ("/checks/contact/{contact}/not-shared/", SCREENERS, 200),
    ("/checks/contact/{contact}/without-consent/", MANAGERS, 200),
    ("/checks/{check}/cancel/", MANAGERS, 200),
    ("/checks/{check}/on-behalf/", SCREENERS, 200),
    ("/checks/{check}/files/{missing}/", SCREENERS, 404),
    ("/checks/partner/", PARTNERS, 200),
    ("/checks/partner/{check}/", PARTNERS, 200),
    ("/checks/partner/{check}/files/", PARTNERS, 200),
    ("/checks/partner/{check}/files/{missing}/", PARTNERS, 404),
    ("/checks/partner/{check}/complete/", PARTNERS, 200),
]


@pytest.fixture
def check(orgs, screener, contact):
    (made,) = ask(contact, screener, orgs["police"])  # addressed to Wessex Police
    return made


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("case", PAGES, ids=[p[0] for p in PAGES])
def test_permission_matrix(make_user, check, role, case):
    template, allowed, status = case
    client = signed_in_client(make_user(role, username="matrix-user"))
    url = template.format(contact=check.contact_id, check=check.pk, missing=MISSING)
    expected = status if role in allowed else 403
    assert client.get(url).status_code == expected


def test_the_matrix_covers_every_role() -> None:
    assert len(ALL_ROLES) == 10
