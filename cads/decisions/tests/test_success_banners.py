"""GOV.UK success banners: after re-rating, sign-off, allocation and adding an action, the
next page says what was saved (GOV.UK Design System, notification banner: success)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cads.accounts.roles import Role
from cads.contacts.tests.intake_helpers import page
from cads.decisions.codes import Outcome
from cads.decisions.services import decision_record
from cads.decisions.tests.helpers import submitted_contact
from cads.referrals.models import AssessmentTeam, Referral
from cads.screening.services import screening_open
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


def banner(response) -> str:
    found = page(response).select_one(".govuk-notification-banner--success")
    assert found is not None, "no success banner"
    return found.get_text(" ", strip=True)


def test_rerating_says_so(make_user) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    contact = submitted_contact(worker)
    screening = screening_open(actor=worker, contact=contact)
    url = reverse("screening:rerate", args=[contact.pk])
    data = {"rag": "red", "reason": "Partner back home", "version": screening.version}
    assert "RAG rating changed" in banner(signed_in_client(worker).post(url, data, follow=True))


def test_sign_off_and_adding_an_action_say_so(make_user) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    manager = make_user(Role.TEAM_MANAGER)
    decision = decision_record(
        actor=worker,
        contact=submitted_contact(worker),
        outcomes=[Outcome.NO_FURTHER_ACTION],
        reasons="No concern",
    )
    action = {
        "action": "Speak to Maisie's parents",
        "who": "School designated safeguarding lead",
        "by_when_day": "4",
        "by_when_month": "12",
        "by_when_year": "2026",
    }
    added = signed_in_client(worker).post(
        reverse("decisions:action-add", args=[decision.pk]), action, follow=True
    )
    assert "Action for the referrer added" in banner(added)
    signed = signed_in_client(manager).post(
        reverse("decisions:sign-off", args=[decision.pk]), {"agree": "yes"}, follow=True
    )
    assert "Decision agreed" in banner(signed)


def test_allocation_says_to_whom(make_user) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    manager = make_user(Role.TEAM_MANAGER)
    assessor = make_user(Role.ASSESSMENT_SOCIAL_WORKER)
    decision = decision_record(
        actor=worker,
        contact=submitted_contact(worker),
        outcomes=[Outcome.ASSESSMENT],
        reasons="Needs assessment",
    )
    referral = Referral.objects.get(decision=decision)
    team = AssessmentTeam.objects.get(name="Assessment team North")
    allocated = signed_in_client(manager).post(
        reverse("referrals:allocate", args=[referral.pk]),
        {"team": team.pk, "social_worker": assessor.pk},
        follow=True,
    )
    assert f"Referral allocated to {assessor.get_full_name()}" in banner(allocated)
