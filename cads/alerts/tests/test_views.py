"""Your alerts: each user sees only their own, each links to its contact, marking one as
read takes it out of the unread count in the navigation; partners have no alerts page.
Also the permission matrix: every role against every alerts page."""

from __future__ import annotations

import uuid

import pytest
from bs4 import BeautifulSoup

from cads.accounts.roles import Role
from cads.alerts.models import Alert
from cads.alerts.rules import red_contact_raise
from cads.alerts.tests.helpers import CHILD_WORDS, red_contact
from cads.audit.models import CaseEvent
from cads.contacts.models import Contact
from cads.decisions.tests.helpers import submitted_contact
from cads.screening.services import screening_open
from conftest import signed_in_client

pytestmark = pytest.mark.django_db

ALL_ROLES = [value for name, value in vars(Role).items() if name.isupper()]
# Administrators have a list for alerts about the service itself (a stopped worker).
STAFF_WITH_ALERTS = {Role.CADS_SOCIAL_WORKER, Role.TEAM_MANAGER, Role.ADMINISTRATOR}


def _page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _nav_count(page: BeautifulSoup) -> str | None:
    for link in page.select(".govuk-service-navigation__link"):
        if "Your alerts" in link.get_text():
            count = link.select_one(".cads-nav-count")
            return count.get_text(" ", strip=True).removesuffix(" open") if count else ""
    return None


def test_the_list_shows_only_your_own_alerts_with_a_link_to_each_contact(screener, manager):
    mine = red_contact(screener)
    screening_open(actor=screener, contact=mine)
    other = submitted_contact(screener, family_name="Okafor")
    # The sweep's catch-up (a fresh read): now the screener's too, as its worker.
    red_contact_raise(contact=Contact.objects.get(pk=mine.pk))
    Alert.objects.filter(recipient=manager).update(message="Manager only")
    page = _page(signed_in_client(screener).get("/alerts/"))
    rows = page.select("#unread-alerts tbody tr")
    assert [r.select_one("th").get_text(strip=True) for r in rows] == [mine.reference]
    link = rows[0].select_one("a")
    assert link is not None
    assert link["href"] == f"/screening/{mine.pk}/history/"
    assert "Manager only" not in page.get_text()
    assert str(other.reference) not in page.get_text()
    for words in CHILD_WORDS:
        assert words not in page.get_text()
    assert _nav_count(page) == "1"


def test_marking_an_alert_as_read_moves_it_and_clears_the_count(manager, screener):
    contact = red_contact(screener)
    alert = Alert.objects.get(recipient=manager)
    client = signed_in_client(manager)
    assert _nav_count(_page(client.get("/"))) == "1"

    response = client.post(f"/alerts/{alert.pk}/read/", follow=True)
    page = _page(response)
    assert f"Alert about {contact.reference} marked as read" in page.get_text()
    assert page.select_one("#no-unread") is not None
    assert [th.get_text(strip=True) for th in page.select("#read-alerts tbody th")] == [
        contact.reference
    ]
    assert _nav_count(page) == ""  # no count shown once everything is read
    alert.refresh_from_db()
    assert alert.read_at is not None
    assert CaseEvent.objects.filter(subject_id=str(alert.pk), kind="alert.read").count() == 1


def test_nobody_can_mark_someone_elses_alert_as_read(manager, screener):
    red_contact(screener)
    alert = Alert.objects.get(recipient=manager)
    response = signed_in_client(screener).post(f"/alerts/{alert.pk}/read/")
    assert response.status_code == 404
    alert.refresh_from_db()
    assert alert.read_at is None


def test_marking_as_read_is_a_post(manager, screener):
    red_contact(screener)
    alert = Alert.objects.get(recipient=manager)
    assert signed_in_client(manager).get(f"/alerts/{alert.pk}/read/").status_code == 405


def test_a_partner_has_no_alerts_page_and_no_alerts_in_the_navigation(make_user, screener):
    red_contact(screener)
    client = signed_in_client(make_user(Role.MASH_PARTNER))
    assert client.get("/alerts/").status_code == 403
    assert _nav_count(_page(client.get("/"))) is None


@pytest.fixture
def alert(manager, screener) -> Alert:
    red_contact(screener)
    return Alert.objects.get(recipient=manager)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_permission_matrix(make_user, alert, role):
    client = signed_in_client(make_user(role, username="matrix-user"))
    allowed = role in STAFF_WITH_ALERTS
    assert client.get("/alerts/").status_code == (200 if allowed else 403)
    # Someone else's alert is not found even by staff who have a list of their own.
    response = client.post(f"/alerts/{alert.pk}/read/")
    assert response.status_code == (404 if allowed else 403)
    missing = client.post(f"/alerts/{uuid.UUID(int=1)}/read/")
    assert missing.status_code == (404 if allowed else 403)
