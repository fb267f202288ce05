"""Decision and referral screens: who may open each (every role), and what a worker sees
when a decision is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cads.accounts.models import User
from cads.accounts.roles import ROLE_PERMISSIONS, Role
from cads.audit.models import CaseEvent
from cads.contacts.tests.intake_helpers import error_summary, page
from cads.decisions.codes import Outcome
from cads.decisions.models import Decision, EarlyHelpRequest
from cads.decisions.selectors import early_help_waiting
from cads.decisions.services import decision_record
from cads.decisions.tests.helpers import open_check, submitted_contact
from cads.decisions.workflow import DecisionStatus
from cads.referrals.models import AssessmentTeam, Referral
from cads.referrals.services import referral_allocate
from conftest import signed_in_client

pytestmark = pytest.mark.django_db

SW, TM, EH, AS = (
    Role.CADS_SOCIAL_WORKER,
    Role.TEAM_MANAGER,
    Role.EARLY_HELP_ADVISOR,
    Role.ASSESSMENT_SOCIAL_WORKER,
)
# View name, the fixture object its id comes from, and the roles allowed in.
MATRIX = [
    ("decisions:decision-record", "contact", {SW, TM}),
    ("decisions:decision-detail", "decision", {SW, TM}),
    ("decisions:sign-off-list", None, {TM}),
    ("decisions:sign-off", "decision", {TM}),
    ("decisions:action-add", "decision", {SW, TM}),
    ("decisions:acknowledgement", "decision", {SW, TM}),
    ("decisions:early-help-list", None, {EH, TM}),
    ("decisions:early-help-detail", "early_help", {EH, TM}),
    ("decisions:early-help-accept", "early_help", {EH}),
    ("referrals:yours", None, {SW, TM, AS}),
    ("referrals:unallocated", None, {TM}),
    ("referrals:referral-detail", "referral", {SW, TM, AS}),
    ("referrals:allocate", "referral", {TM}),
    ("referrals:assessment-complete", "referral", {TM, AS}),
]


@pytest.fixture
def records(make_user):
    """An NFA decision awaiting sign-off, an Early Help step-down, and a referral allocated
    to the assessment social worker the matrix signs in as."""
    worker = make_user(SW, username="deciding-worker")
    manager = make_user(TM, username="allocating-manager")
    assessor = make_user(AS)  # the matrix's own assessment social worker
    nfa = submitted_contact(worker)
    decision = decision_record(
        actor=worker, contact=nfa, outcomes=[Outcome.NO_FURTHER_ACTION], reasons="No concern"
    )
    step_down = decision_record(
        actor=worker,
        contact=submitted_contact(worker, family_name="Okafor"),
        outcomes=[Outcome.EARLY_HELP],
        reasons="Family would welcome support",
    )
    assessed = decision_record(
        actor=worker,
        contact=submitted_contact(worker, family_name="Hughes"),
        outcomes=[Outcome.ASSESSMENT],
        reasons="Needs assessment",
    )
    referral = Referral.objects.get(decision=assessed)
    team = AssessmentTeam.objects.get(name="Assessment team North")
    referral_allocate(actor=manager, referral=referral, team=team, social_worker=assessor)
    return {
        "contact": nfa.pk,
        "decision": decision.pk,
        "early_help": step_down.early_help_request.pk,
        "referral": referral.pk,
        "worker": worker,
        "manager": manager,
    }


def user_for(role: str, make_user) -> User:
    username = role.lower().replace(" ", "-")
    return User.objects.filter(username=username).first() or make_user(role)


@pytest.mark.parametrize("role", list(ROLE_PERMISSIONS))
def test_permission_matrix(role, records, make_user):
    client = signed_in_client(user_for(role, make_user))
    for name, key, allowed in MATRIX:
        url = reverse(name, args=[records[key]] if key else [])
        status = client.get(url).status_code
        expected = 200 if role in allowed else 403
        assert status == expected, f"{role} on {name}: {status}, expected {expected}"


def test_another_assessment_social_worker_cannot_open_the_referral(records, make_user):
    other = signed_in_client(make_user(AS, username="other-assessor"))
    url = reverse("referrals:referral-detail", args=[records["referral"]])
    assert other.get(url).status_code == 404


def test_missing_reasons_are_shown_in_the_error_summary(records):
    client = signed_in_client(records["worker"])
    contact = submitted_contact(records["worker"], family_name="Novak")
    url = reverse("decisions:decision-record", args=[contact.pk])
    response = client.post(url, {"outcomes": [Outcome.ADVICE], "reasons": ""})
    assert error_summary(response) == ["Enter the reasons for your decision"]


def test_outstanding_checks_message_is_shown_and_nothing_is_recorded(records):
    client = signed_in_client(records["worker"])
    contact = submitted_contact(records["worker"], family_name="Novak")
    open_check(contact, records["worker"])
    url = reverse("decisions:decision-record", args=[contact.pk])
    response = client.post(url, {"outcomes": [Outcome.ADVICE], "reasons": "Advice"})
    assert error_summary(response) == [
        "1 partner check is still open: a team manager must cancel outstanding checks, "
        "with a reason, before the contact can close"
    ]
    assert not Decision.objects.filter(contact=contact).exists()


def test_manager_returns_a_decision_with_comments(records):
    client = signed_in_client(records["manager"])
    url = reverse("decisions:sign-off", args=[records["decision"]])
    response = client.post(url, {"agree": "no", "comments": ""})
    assert error_summary(response) == ["Enter your comments for the worker"]
    response = client.post(url, {"agree": "no", "comments": "Speak to the school again"})
    assert response.status_code == 302
    decision = Decision.objects.get(pk=records["decision"])
    assert decision.status == DecisionStatus.RETURNED
    detail = client.get(reverse("decisions:decision-detail", args=[decision.pk]))
    assert "Speak to the school again" in page(detail).get_text()


def test_referrer_actions_are_recorded_with_who_and_when(records):
    client = signed_in_client(records["worker"])
    url = reverse("decisions:action-add", args=[records["decision"]])
    data = {
        "action": "Speak to Maisie's parents about the concern",
        "who": "School designated safeguarding lead",
        "by_when_day": "4",
        "by_when_month": "12",
        "by_when_year": "2026",
    }
    assert client.post(url, data).status_code == 302
    detail = client.get(reverse("decisions:decision-detail", args=[records["decision"]]))
    cells = [td.get_text(strip=True) for td in page(detail).select(".govuk-table__cell")]
    assert cells == [data["action"], data["who"], "4 December 2026"]


def test_an_early_help_advisor_accepts_a_step_down_once(records, make_user) -> None:
    advisor = make_user(EH)
    client = signed_in_client(advisor)
    item = EarlyHelpRequest.objects.get(pk=records["early_help"])
    detail = client.get(reverse("decisions:early-help-detail", args=[item.pk])).content.decode()
    assert "Accept for Early Help" in detail
    assert early_help_waiting(advisor).count() == 1

    url = reverse("decisions:early-help-accept", args=[item.pk])
    response = client.post(url, {"note": "Taken on by the Eastside family hub"})

    assert response["Location"] == reverse("decisions:early-help-list")
    item.refresh_from_db()
    assert item.accepted_by == advisor
    assert early_help_waiting(advisor).count() == 0  # it has left the waiting count
    assert CaseEvent.objects.filter(subject_id=str(item.contact_id), kind="early_help.accepted")
    again = client.post(url, {"note": ""})
    assert "already been accepted" in again.content.decode()
    manager_view = signed_in_client(records["manager"]).get(
        reverse("decisions:early-help-detail", args=[item.pk])
    )
    assert "Accepted" in manager_view.content.decode()
    assert "Accept for Early Help" not in manager_view.content.decode()


def test_the_referrers_acknowledgement_is_recorded_and_a_future_date_refused(records):
    client = signed_in_client(records["worker"])
    url = reverse("decisions:acknowledgement", args=[records["decision"]])
    future = {
        "acknowledged_on_day": "1",
        "acknowledged_on_month": "1",
        "acknowledged_on_year": "2099",
    }
    refused = client.post(url, {**future, "note": "By phone"})
    assert refused.status_code == 200
    assert error_summary(refused)
    assert "By phone" in refused.content.decode()  # nothing typed is lost
    today = {
        "acknowledged_on_day": "2",
        "acknowledged_on_month": "11",
        "acknowledged_on_year": "2026",
    }
    assert client.post(url, {**today, "note": "By phone"}).status_code == 302
    assert Decision.objects.get(pk=records["decision"]).referrer_acknowledged_on is not None
