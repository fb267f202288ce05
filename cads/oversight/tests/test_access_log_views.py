"""Every view of a person is logged; managers can see who viewed a record."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from cads.accounts.roles import Role
from cads.audit.models import AccessLog
from cads.people.models import Person, Sex
from cads.people.services import person_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def child() -> Person:
    return person_create(
        actor=None, given_name="Ellie", family_name="Marsh", date_of_birth=None, sex=Sex.FEMALE
    )


def test_opening_a_person_record_writes_the_access_log(client_for, child: Person) -> None:
    client = client_for(Role.CADS_SOCIAL_WORKER)
    response = client.get(f"/children-and-families/{child.pk}/", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    entry = AccessLog.objects.get()
    assert entry.subject_id == str(child.pk)
    assert entry.actor.username == "cads-social-worker"
    assert entry.screen == "people:person-detail"
    assert entry.ip_address == "10.1.2.3"


def test_manager_sees_who_viewed_a_record(client_for, child: Person) -> None:
    client_for(Role.CALL_HANDLER).get(f"/children-and-families/{child.pk}/")
    manager = client_for(Role.TEAM_MANAGER)
    response = manager.get(f"/audit/records/person/{child.pk}/who-viewed/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Who viewed Ellie Marsh"
    rows = page.select("tbody .govuk-table__row")
    assert len(rows) == 1
    assert "Test Call handler" in rows[0].get_text()
    assert "people:person-detail" in rows[0].get_text()


def test_recent_access_log_links_to_the_record_log(client_for, child: Person) -> None:
    client_for(Role.CALL_HANDLER).get(f"/children-and-families/{child.pk}/")
    page = BeautifulSoup(
        client_for(Role.TEAM_MANAGER).get("/audit/access-log/").content, "html.parser"
    )
    link = page.select_one("tbody a")
    assert link is not None
    assert link["href"] == f"/audit/records/person/{child.pk}/who-viewed/"


@pytest.mark.parametrize("role", [Role.CALL_HANDLER, Role.CADS_SOCIAL_WORKER, Role.MASH_PARTNER])
def test_only_managers_and_administrators_read_the_access_log(client_for, child, role) -> None:
    response = client_for(role).get(f"/audit/records/person/{child.pk}/who-viewed/")
    assert response.status_code == 403
    assert b"You do not have permission to see this page" in response.content


def test_partner_cannot_open_a_person_record_and_nothing_is_logged(client_for, child) -> None:
    response = client_for(Role.MASH_PARTNER).get(f"/children-and-families/{child.pk}/")
    assert response.status_code == 403
    assert AccessLog.objects.count() == 0


def test_unknown_record_type_is_not_found(client_for, child) -> None:
    response = client_for(Role.TEAM_MANAGER).get(f"/audit/records/spaceship/{child.pk}/who-viewed/")
    assert response.status_code == 404


@pytest.mark.parametrize("record_id", ["not-a-uuid", "1", "99999999999999999999999", "%00"])
@pytest.mark.parametrize("record_type", ["person", "contact", "check", "referral"])
def test_a_malformed_record_id_is_not_found(client_for, record_type: str, record_id: str) -> None:
    manager = client_for(Role.TEAM_MANAGER)
    manager.raise_request_exception = False
    response = manager.get(f"/audit/records/{record_type}/{record_id}/who-viewed/")
    assert response.status_code == 404
