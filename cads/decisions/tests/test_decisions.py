"""Decisions as a worker and a manager meet them: outcomes with mandatory reasons, sign-off
for no further action and for decisions without consent, agree or return with comments,
refused moves, and a contact that cannot close with checks open or be reopened."""

from __future__ import annotations

import pytest

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.checks.handlers import OutstandingChecksError
from cads.contacts.codes import Consent
from cads.contacts.workflow import Status
from cads.decisions.codes import Outcome
from cads.decisions.models import EarlyHelpRequest, SignOffRule
from cads.decisions.services import DecisionError, decision_record, decision_sign_off
from cads.decisions.tests.helpers import open_check, submitted_contact
from cads.decisions.workflow import DecisionStatus, DecisionTransitionError, check_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


@pytest.fixture
def manager(make_user):
    return make_user(Role.TEAM_MANAGER)


def decision_events(contact) -> list[str]:
    kinds = CaseEvent.objects.filter(subject_id=str(contact.pk), kind__startswith="decision.")
    return list(kinds.order_by("occurred_at").values_list("kind", flat=True))


def test_advice_and_signposting_are_final_at_once_and_close_the_contact(worker):
    contact = submitted_contact(worker)
    decision = decision_record(
        actor=worker,
        contact=contact,
        outcomes=[Outcome.ADVICE, Outcome.SIGNPOST],
        reasons="Needs are met by universal services",
    )
    assert decision.status == DecisionStatus.AGREED
    assert decision.on_time
    contact.refresh_from_db()
    assert contact.status == Status.CLOSED
    assert decision_events(contact) == ["decision.made"]


def test_reasons_and_an_outcome_are_mandatory(worker):
    contact = submitted_contact(worker)
    with pytest.raises(DecisionError, match="Enter the reasons for your decision"):
        decision_record(actor=worker, contact=contact, outcomes=[Outcome.ADVICE], reasons=" ")
    with pytest.raises(DecisionError, match="Select at least one outcome"):
        decision_record(actor=worker, contact=contact, outcomes=[], reasons="Because")


def test_no_further_action_waits_for_sign_off_and_the_manager_agrees(worker, manager):
    contact = submitted_contact(worker)
    decision = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.NO_FURTHER_ACTION], reasons="No concern"
    )
    assert decision.status == DecisionStatus.AWAITING_SIGN_OFF
    assert decision.sign_off_because == ["No further action needs sign-off"]
    contact.refresh_from_db()
    assert contact.status == Status.IN_SCREENING  # still open until the manager agrees

    agreed = decision_sign_off(actor=manager, decision=decision, agree=True, comments="")
    assert agreed.status == DecisionStatus.AGREED
    assert agreed.signed_off_by == manager
    contact.refresh_from_db()
    assert contact.status == Status.CLOSED
    assert decision_events(contact) == ["decision.proposed", "decision.agreed"]


def test_any_decision_without_consent_needs_sign_off(worker):
    contact = submitted_contact(worker, consent=Consent.NOT_SOUGHT)
    decision = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.ADVICE], reasons="Advice to school"
    )
    assert decision.status == DecisionStatus.AWAITING_SIGN_OFF
    assert decision.sign_off_because == ["The decision was made without consent"]


def test_sign_off_rules_are_configuration(worker):
    SignOffRule.objects.filter(trigger=Outcome.NO_FURTHER_ACTION).update(needs_sign_off=False)
    contact = submitted_contact(worker)
    decision = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.NO_FURTHER_ACTION], reasons="No concern"
    )
    assert decision.status == DecisionStatus.AGREED


def test_manager_returns_with_comments_and_the_worker_proposes_again(worker, manager):
    contact = submitted_contact(worker)
    first = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.NO_FURTHER_ACTION], reasons="No concern"
    )
    with pytest.raises(DecisionError, match="Enter your comments for the worker"):
        decision_sign_off(actor=manager, decision=first, agree=False, comments="")
    returned = decision_sign_off(
        actor=manager, decision=first, agree=False, comments="Consider Early Help for the family"
    )
    assert returned.status == DecisionStatus.RETURNED
    contact.refresh_from_db()
    assert contact.status == Status.IN_SCREENING

    second = decision_record(
        actor=worker,
        contact=contact,
        outcomes=[Outcome.EARLY_HELP],
        reasons="Family agree to Early Help",
        replaces=returned,
    )
    assert second.status == DecisionStatus.AGREED
    assert EarlyHelpRequest.objects.get(contact=contact).decision == second


def test_invalid_moves_are_refused_with_a_clear_message(worker, manager):
    contact = submitted_contact(worker)
    decision = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.NO_FURTHER_ACTION], reasons="No concern"
    )
    with pytest.raises(DecisionError, match="already waiting for sign-off"):
        decision_record(actor=worker, contact=contact, outcomes=[Outcome.ADVICE], reasons="x")
    with pytest.raises(DecisionError, match="cannot sign off your own decision"):
        decision_sign_off(actor=worker, decision=decision, agree=True, comments="")
    decision_sign_off(actor=manager, decision=decision, agree=True, comments="")
    with pytest.raises(DecisionTransitionError, match="A decision that is agreed cannot become"):
        decision_sign_off(actor=manager, decision=decision, agree=False, comments="Too late")
    with pytest.raises(DecisionTransitionError):
        check_transition(DecisionStatus.RETURNED, DecisionStatus.AGREED)


def test_contact_cannot_close_while_partner_checks_are_outstanding(worker):
    contact = submitted_contact(worker)
    open_check(contact, worker)
    with pytest.raises(OutstandingChecksError, match="1 partner check is still open"):
        decision_record(actor=worker, contact=contact, outcomes=[Outcome.ADVICE], reasons="x")
    # Asking partners is itself an outcome that keeps the contact open.
    decision = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.MASH_CHECKS], reasons="Need police view"
    )
    assert decision.status == DecisionStatus.AGREED
    contact.refresh_from_db()
    assert contact.status == Status.IN_SCREENING


def test_a_closed_contact_is_not_reopened(worker):
    contact = submitted_contact(worker)
    decision_record(actor=worker, contact=contact, outcomes=[Outcome.ADVICE], reasons="Advice")
    contact.refresh_from_db()
    with pytest.raises(DecisionError, match="closed and cannot be reopened"):
        decision_record(
            actor=worker, contact=contact, outcomes=[Outcome.ASSESSMENT], reasons="New worry"
        )
