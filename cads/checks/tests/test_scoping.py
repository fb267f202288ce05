"""A partner sees only checks addressed to their organisation, and only the question
and the information shared for it; never another agency's check, never the contact."""

from __future__ import annotations

import pytest

from cads.audit.models import AccessLog
from cads.checks.tests.conftest import ask

pytestmark = pytest.mark.django_db


def test_police_see_only_their_own_request_in_the_tray(orgs, screener, contact, partner_client):
    ask(contact, screener, orgs["police"], orgs["health"])
    page = partner_client("police").get("/checks/partner/").content.decode()
    assert "for Wessex Police" in page
    assert "for Wessex Community Health NHS Trust" not in page


def test_police_opening_a_health_request_get_not_found(orgs, screener, contact, partner_client):
    _, health = ask(contact, screener, orgs["police"], orgs["health"])
    police = partner_client("police")
    assert police.get(f"/checks/partner/{health.pk}/").status_code == 404
    assert police.post(f"/checks/partner/{health.pk}/", {"response": "x"}).status_code == 404
    assert police.post(f"/checks/partner/{health.pk}/complete/").status_code == 404
    health.refresh_from_db()
    assert health.response == ""


def test_a_partner_sees_the_question_and_shared_information_only(
    orgs, screener, contact, partner_client
):
    (check,) = ask(contact, screener, orgs["police"])
    page = partner_client("police").get(f"/checks/partner/{check.pk}/").content.decode()
    assert "What do Wessex Police know about the household?" in page
    assert "Maisie Pryce, born 27 March 2019" in page
    # The concern itself and the contact reference are not shared with the partner.
    assert "Children left alone overnight" not in page
    assert contact.reference not in page


def test_opening_a_request_is_access_logged(orgs, screener, contact, partner, partner_client):
    (check,) = ask(contact, screener, orgs["police"])
    partner_client("police").get(f"/checks/partner/{check.pk}/")
    log = AccessLog.objects.get(subject_id=str(check.pk))
    assert log.actor.username == "police-partner"
    assert log.screen == "checks:partner-check"


def test_a_partner_opening_a_contact_directly_is_denied(orgs, screener, contact, partner_client):
    ask(contact, screener, orgs["police"])
    police = partner_client("police")
    assert police.get(f"/contacts/{contact.pk}/").status_code == 403
    assert police.get(f"/checks/contact/{contact.pk}/").status_code == 403
    assert police.get(f"/contacts/{contact.pk}/attachments/").status_code == 403
