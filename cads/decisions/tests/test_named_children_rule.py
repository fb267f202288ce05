"""A decision about a child waits until every child the contact named is identified or
recorded as one who cannot be identified, and a referral needs an identified child (ADR
0021): refused with the child's name, whether the decision is final at once, waits for
sign-off, or is agreed at sign-off."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cads.accounts.roles import Role
from cads.contacts.codes import SubjectRole
from cads.contacts.models_named import NamedPerson
from cads.contacts.named import named_person_cannot_identify, named_person_link
from cads.contacts.tests.named_helpers import siblings_report
from cads.decisions.codes import Outcome
from cads.decisions.models import SignOffRule
from cads.decisions.services import DecisionError, decision_record, decision_sign_off
from cads.decisions.tests.helpers import authorise_without_consent
from cads.decisions.workflow import DecisionStatus
from cads.people.services import person_create
from cads.screening.tests.helpers import errors
from conftest import signed_in_client

pytestmark = pytest.mark.django_db
OUTSTANDING = "Identify Ruby Ashdown and Finn Ashdown, or record why they cannot be identified"


@pytest.fixture
def worker(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


@pytest.fixture
def manager(make_user):
    return make_user(Role.TEAM_MANAGER)


def final_at_once() -> None:
    SignOffRule.objects.all().delete()
    SignOffRule.objects.create(trigger=Outcome.NO_FURTHER_ACTION, needs_sign_off=False)


def link(worker, named: NamedPerson) -> None:
    person = person_create(actor=worker, given_name=named.given_name, family_name="Ashdown")
    named_person_link(
        actor=worker, named=named, person=person, role=SubjectRole.CHILD, whereabouts="Home"
    )


@pytest.mark.parametrize(
    "outcome",
    [Outcome.STRATEGY_DISCUSSION, Outcome.ASSESSMENT, Outcome.MASH_CHECKS, Outcome.EARLY_HELP],
)
def test_a_decision_about_a_child_is_refused_naming_each_child_outstanding(worker, outcome) -> None:
    final_at_once()
    contact = siblings_report()
    with pytest.raises(DecisionError, match=OUTSTANDING):
        decision_record(actor=worker, contact=contact, outcomes=[outcome], reasons="Risk")


def test_the_message_names_only_the_child_still_outstanding(worker, manager) -> None:
    final_at_once()
    contact = siblings_report()
    link(worker, contact.named_people.get(given_name="Ruby"))
    authorise_without_consent(contact, manager)
    with pytest.raises(DecisionError) as refused:
        decision_record(
            actor=worker, contact=contact, outcomes=[Outcome.STRATEGY_DISCUSSION], reasons="Risk"
        )
    assert str(refused.value) == (
        "Identify Finn Ashdown, or record why they cannot be identified, before deciding"
    )


def test_advice_or_no_further_action_need_no_child_identified(worker) -> None:
    final_at_once()
    contact = siblings_report()
    decision = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.ADVICE], reasons="Advice given"
    )
    assert decision.status == DecisionStatus.AGREED


def test_a_referral_needs_at_least_one_identified_child(worker) -> None:
    final_at_once()
    contact = siblings_report()
    for named in contact.named_people.filter(role="child"):
        named_person_cannot_identify(actor=worker, named=named, reason="Not known anywhere")
    with pytest.raises(DecisionError, match="no child on this contact is identified"):
        decision_record(
            actor=worker, contact=contact, outcomes=[Outcome.ASSESSMENT], reasons="Neglect"
        )
    early_help = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.EARLY_HELP], reasons="Family support"
    )
    assert early_help.status == DecisionStatus.AGREED


def test_the_rule_applies_to_a_decision_waiting_for_sign_off(worker) -> None:
    SignOffRule.objects.update_or_create(
        trigger=Outcome.STRATEGY_DISCUSSION, defaults={"needs_sign_off": True}
    )
    contact = siblings_report()
    with pytest.raises(DecisionError, match=OUTSTANDING):
        decision_record(
            actor=worker, contact=contact, outcomes=[Outcome.STRATEGY_DISCUSSION], reasons="Risk"
        )


def test_and_again_when_the_manager_agrees_it(worker, manager) -> None:
    SignOffRule.objects.update_or_create(
        trigger=Outcome.STRATEGY_DISCUSSION, defaults={"needs_sign_off": True}
    )
    contact = siblings_report()
    for named in contact.named_people.filter(role="child"):
        link(worker, named)
    authorise_without_consent(contact, manager)
    decision = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.STRATEGY_DISCUSSION], reasons="Risk"
    )
    assert decision.status == DecisionStatus.AWAITING_SIGN_OFF
    # A child named after the proposal (a correction to the record) must be found first.
    NamedPerson.objects.create(contact=contact, role="child", given_name="Ivy")
    with pytest.raises(DecisionError, match="Identify Ivy, or record why"):
        decision_sign_off(actor=manager, decision=decision, agree=True, comments="")
    returned = decision_sign_off(actor=manager, decision=decision, agree=False, comments="Ivy?")
    assert returned.status == DecisionStatus.RETURNED


def test_the_decision_page_shows_the_refusal_in_the_error_summary(worker) -> None:
    final_at_once()
    contact = siblings_report()
    response = signed_in_client(worker).post(
        reverse("decisions:decision-record", args=[contact.pk]),
        {"outcomes": [Outcome.STRATEGY_DISCUSSION], "reasons": "Risk of significant harm"},
    )
    assert errors(response) == [f"{OUTSTANDING}, before deciding"]
