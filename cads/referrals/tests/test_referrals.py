"""Referrals as the front door and the assessment team meet them: a Child and Family
Assessment decision makes a referral due 45 working days later (bank holidays skipped),
re-referrals within 12 months are flagged, consent must be authorised, a team manager
allocates, and an overrun needs a reason."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from cads.accounts.roles import Role
from cads.contacts.codes import Consent, ReferralSource
from cads.contacts.workflow import Status
from cads.decisions.codes import Outcome
from cads.decisions.services import decision_record, decision_sign_off
from cads.decisions.tests.helpers import authorise_without_consent, submitted_contact
from cads.decisions.workflow import DecisionStatus
from cads.referrals.models import AssessmentTeam, Referral
from cads.referrals.services import ConsentNotAuthorisedError, referral_allocate
from cads.referrals.services_episode import (
    AssessmentOutcome,
    EpisodeError,
    referral_assessment_complete,
    referral_assessment_start,
    referral_no_further_action,
)
from cads.referrals.workflow import ReferralStatus, ReferralTransitionError

pytestmark = pytest.mark.django_db
D = datetime.date
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def worker(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


def assess(worker, contact) -> Referral:
    decision = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.ASSESSMENT], reasons="Needs assessment"
    )
    return Referral.objects.get(decision=decision)


def test_assessment_decision_makes_a_referral_due_45_working_days_later(worker):
    # Monday 2 March 2026; Good Friday (3 April), Easter Monday (6 April) and the early May
    # bank holiday (4 May) are not working days, so day 45 is Thursday 7 May, not 4 May.
    received = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)
    contact = submitted_contact(worker, received_at=received)
    referral = assess(worker, contact)
    assert referral.referral_date == datetime.date(2026, 3, 2)
    assert referral.assessment_due == datetime.date(2026, 5, 7)
    assert referral.referral_source == ReferralSource.ACQUAINTANCE
    assert referral.status == ReferralStatus.AWAITING_ALLOCATION
    assert referral.child.given_name == "Maisie"
    assert not referral.is_re_referral
    assert not referral.decision.on_time  # decided long after the one working day
    contact.refresh_from_db()
    assert contact.status == Status.CLOSED


def close_as_nfa(referral: Referral, make_user) -> None:
    manager = make_user(Role.TEAM_MANAGER)
    assessor = make_user(Role.ASSESSMENT_SOCIAL_WORKER)
    team = AssessmentTeam.objects.get(name="Assessment team North")
    referral_allocate(actor=manager, referral=referral, team=team, social_worker=assessor)
    referral_no_further_action(actor=assessor, referral=referral, reason="Needs met already")


def test_re_referral_within_12_months_is_flagged(worker, make_user):
    first = submitted_contact(worker, received_at=datetime.datetime(2026, 1, 5, 10, tzinfo=LONDON))
    earlier = assess(worker, first)
    close_as_nfa(earlier, make_user)
    second = submitted_contact(worker, received_at=datetime.datetime(2026, 6, 1, 10, tzinfo=LONDON))
    # Same child: the second contact is about the same person record.
    second.subjects.update(person=earlier.child)
    again = assess(worker, second)
    assert again.is_re_referral
    assert again.previous_referral == earlier


def test_referral_without_consent_needs_a_managers_authorisation(worker, make_user):
    manager = make_user(Role.TEAM_MANAGER)
    contact = submitted_contact(worker, consent=Consent.REFUSED)
    with pytest.raises(ConsentNotAuthorisedError, match="must authorise going ahead"):
        decision_record(
            actor=worker, contact=contact, outcomes=[Outcome.ASSESSMENT], reasons="Concerns"
        )
    authorise_without_consent(contact, manager)
    decision = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.ASSESSMENT], reasons="Concerns"
    )
    assert decision.status == DecisionStatus.AWAITING_SIGN_OFF  # without consent
    assert not Referral.objects.filter(contact=contact).exists()
    decision_sign_off(actor=manager, decision=decision, agree=True, comments="")
    assert Referral.objects.filter(contact=contact).count() == 1


def test_manager_allocates_to_a_team_then_a_social_worker(worker, make_user):
    manager = make_user(Role.TEAM_MANAGER)
    assessor = make_user(Role.ASSESSMENT_SOCIAL_WORKER)
    referral = assess(worker, submitted_contact(worker))
    team = AssessmentTeam.objects.get(name="Assessment team North")
    referral = referral_allocate(actor=manager, referral=referral, team=team, social_worker=None)
    assert referral.status == ReferralStatus.ALLOCATED_TO_TEAM
    with pytest.raises(ValueError, match="assessment team social worker"):
        referral_allocate(actor=manager, referral=referral, team=team, social_worker=worker)
    referral = referral_allocate(
        actor=manager, referral=referral, team=team, social_worker=assessor
    )
    assert referral.status == ReferralStatus.ALLOCATED
    assert referral.social_worker == assessor


def test_assessment_overrun_needs_a_reason(worker, make_user):
    manager = make_user(Role.TEAM_MANAGER)
    assessor = make_user(Role.ASSESSMENT_SOCIAL_WORKER)
    received = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)
    referral = assess(worker, submitted_contact(worker, received_at=received))
    further = AssessmentOutcome("N1")
    with pytest.raises(ReferralTransitionError, match="awaiting allocation cannot become"):
        referral_assessment_complete(
            actor=assessor, referral=referral, completed_on=datetime.date(2026, 4, 1),
            factors=["16A"], outcome=further,
        )  # fmt: skip
    team = AssessmentTeam.objects.get(name="Assessment team North")
    referral_allocate(actor=manager, referral=referral, team=team, social_worker=assessor)
    referral_assessment_start(actor=assessor, referral=referral, started_on=D(2026, 3, 4))
    late = datetime.date(2026, 5, 8)
    with pytest.raises(EpisodeError, match="longer than 45 working days"):
        referral_assessment_complete(
            actor=assessor, referral=referral, completed_on=late, factors=["16A"],
            outcome=further,
        )  # fmt: skip
    done = referral_assessment_complete(
        actor=assessor, referral=referral, completed_on=late, factors=["16A"], outcome=further,
        overrun_reason="Father unavailable for interview until May",
    )  # fmt: skip
    assert done.status == ReferralStatus.ASSESSMENT_COMPLETE
    assert done.assessment_overdue
