"""Who may use each screening page: every role against every view. Partners never open a
contact's screening directly; only managers oversee the tray and reassign."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cads.accounts.roles import ROLE_PERMISSIONS, Role
from cads.audit.models import CaseEvent
from cads.screening.models import Screening
from cads.screening.tests.helpers import errors, soup, submitted
from conftest import signed_in_client

pytestmark = pytest.mark.django_db

# The out-of-hours service screens what arrives at night (ADR 0030).
SCREENERS = {Role.CADS_SOCIAL_WORKER, Role.TEAM_MANAGER, Role.OUT_OF_HOURS_WORKER}
MANAGERS = {Role.TEAM_MANAGER}
NIGHT = {Role.OUT_OF_HOURS_WORKER}
VIEWS = {
    "screening:tray": (False, SCREENERS),
    "screening:out-of-hours": (False, NIGHT),
    "screening:out-of-hours-actions": (True, NIGHT),
    "screening:team": (False, MANAGERS),
    "screening:history": (True, SCREENERS),
    "screening:screen": (True, SCREENERS),
    "screening:rerate": (True, SCREENERS),
    "screening:consent": (True, SCREENERS),
    "screening:threshold": (True, SCREENERS),
    "screening:reassign": (True, MANAGERS),
}


@pytest.mark.parametrize("role", list(ROLE_PERMISSIONS))
def test_permission_matrix(make_user, role: str) -> None:
    contact = submitted(make_user(Role.CALL_HANDLER, "matrix-handler"))
    client = signed_in_client(make_user(role))
    for name, (per_contact, allowed) in VIEWS.items():
        url = reverse(name, args=[contact.pk]) if per_contact else reverse(name)
        status = client.get(url).status_code
        expected = {200, 302} if role in allowed else {403}
        assert status in expected, f"{role} on {name}: {status}"


def test_a_mash_partner_cannot_open_a_contacts_screening(make_user) -> None:
    contact = submitted(make_user(Role.CALL_HANDLER))
    partner = signed_in_client(make_user(Role.MASH_PARTNER))
    assert partner.get(reverse("screening:history", args=[contact.pk])).status_code == 403
    assert partner.get(reverse("screening:screen", args=[contact.pk])).status_code == 403
    assert not Screening.objects.exists()


def test_manager_sees_age_overdue_and_workload_and_reassigns_with_a_reason(make_user) -> None:
    contact = submitted(make_user(Role.CALL_HANDLER))
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    other = make_user(Role.CADS_SOCIAL_WORKER, "second-screener")
    signed_in_client(screener).get(reverse("screening:history", args=[contact.pk]))
    manager = signed_in_client(make_user(Role.TEAM_MANAGER))
    team = soup(manager.get(reverse("screening:team"))).get_text(" ", strip=True)
    assert "Workload" in team
    assert str(contact.reference) in team
    url = reverse("screening:reassign", args=[contact.pk])
    response = manager.post(url, {"worker": other.pk, "reason": ""})
    assert errors(response) == ["Enter why you are reassigning this contact"]
    response = manager.post(url, {"worker": other.pk, "reason": "Balancing the duty load"})
    assert response.status_code == 302
    assert Screening.objects.get().worker == other
    event = CaseEvent.objects.get(kind="screening.reassigned")
    assert event.reason == "Balancing the duty load"
