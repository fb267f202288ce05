"""Every write to a CIN episode after allocation, by the assessment social worker from their
own tray: the assessment started and completed (with the DfE factors), the section 47 path,
no further action on the referral, and the closure with its reason (ADR 0028). Each is
atomic, refuses dates the DfE's census rules would reject, and writes one audit event."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.core.moments import Refusal
from cads.people.models import UpnUnknown
from cads.people.services import person_update
from cads.referrals.codes import (
    CLOSED_AFTER_ASSESSMENT,
    NO_FACTORS,
    AssessmentFactor,
    ClosureReason,
    Section47Outcome,
)
from cads.referrals.models import Referral
from cads.referrals.workflow import ReferralStatus, check_transition


class EpisodeError(Refusal):
    """A date or a combination the CIN census would reject, in the social worker's words."""


@dataclass(frozen=True)
class AssessmentOutcome:
    """How the assessment ended: further action (the episode stays open), or closed with
    no further action (RC8) or referred to early help (RC9) on the completion date."""

    primary_need: str
    closes_with: str = ""  # "", RC8 or RC9

    @property
    def nfa(self) -> bool:
        return bool(self.closes_with)


def _lock(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().get(pk=referral.pk)


def _not_before(day: datetime.date, earliest: datetime.date, what: str, than: str) -> None:
    if day < earliest:
        raise EpisodeError(f"The {what} must be the same as or after {than}")


def _not_future(day: datetime.date, what: str) -> None:
    if day > timezone.localdate():
        raise EpisodeError(f"The {what} must be today or in the past")


def _open(locked: Referral) -> None:
    if locked.status == ReferralStatus.CLOSED:
        raise EpisodeError("This episode is closed: nothing more can be recorded on it")


@transaction.atomic
def referral_assessment_start(
    *, actor: User, referral: Referral, started_on: datetime.date
) -> Referral:
    """The day the social worker started the Child and Family Assessment (CIN census
    AssessmentActualStartDate; rule 1103: not before the referral)."""
    locked = _lock(referral)
    if locked.status != ReferralStatus.ALLOCATED or locked.referral_nfa:
        raise EpisodeError("An assessment can only be started on a referral allocated to you")
    _not_future(started_on, "assessment start date")
    _not_before(started_on, locked.referral_date, "assessment start date", "the referral date")
    old = locked.assessment_started_on
    locked.assessment_started_on = started_on
    locked.save(update_fields=["assessment_started_on"])
    case_event_record(
        subject=locked,
        actor=actor,
        kind="referral.assessment_started",
        old={"started_on": old.isoformat() if old else ""},
        new={"started_on": started_on.isoformat()},
    )
    return locked


def _check_factors(factors: Sequence[str]) -> list[str]:
    chosen = list(dict.fromkeys(factors))  # rule 8898: no code twice
    if not chosen:
        raise EpisodeError("Select the factors identified at the assessment")
    unknown = set(chosen) - set(AssessmentFactor.values)
    if unknown:
        raise EpisodeError(f"Not a DfE assessment factor: {', '.join(sorted(unknown))}")
    if NO_FACTORS in chosen and len(chosen) > 1:  # rule 8869
        raise EpisodeError("'No factors identified' cannot be selected with other factors")
    return chosen


@transaction.atomic
def referral_assessment_complete(
    *,
    actor: User,
    referral: Referral,
    completed_on: datetime.date,
    factors: Sequence[str],
    outcome: AssessmentOutcome,
    overrun_reason: str = "",
) -> Referral:
    """Record the assessment as completed (authorised) with the factors identified and the
    CIN primary need. Working Together 2023: past 45 working days, the social worker
    records why. Refused when completion precedes the start or the referral (DfE 8608)."""
    locked = _lock(referral)
    check_transition(locked.status, ReferralStatus.ASSESSMENT_COMPLETE)
    started = locked.assessment_started_on
    if started is None:
        raise EpisodeError("Record the date the assessment started first")
    _not_future(completed_on, "date the assessment was completed")
    _not_before(completed_on, locked.referral_date, "completion date", "the referral date")
    _not_before(completed_on, started, "completion date", "the date the assessment started")
    chosen = _check_factors(factors)
    if completed_on > locked.assessment_due and not overrun_reason.strip():
        raise EpisodeError("Enter the reason the assessment took longer than 45 working days")
    if outcome.closes_with and locked.has_section_47:  # rule 2990
        raise EpisodeError("An episode with a section 47 enquiry cannot close as RC8 or RC9")
    locked.status = ReferralStatus.ASSESSMENT_COMPLETE
    locked.assessment_completed_on = completed_on
    locked.assessment_factors = chosen
    locked.primary_need = outcome.primary_need
    locked.nfa = outcome.nfa
    locked.overrun_reason = overrun_reason.strip()
    fields = ["status", "assessment_completed_on", "assessment_factors", "primary_need", "nfa"]
    if outcome.closes_with:
        locked.status, locked.closed_on = ReferralStatus.CLOSED, completed_on
        locked.closure_reason = outcome.closes_with
        fields += ["closed_on", "closure_reason"]
    locked.save(update_fields=[*fields, "overrun_reason"])
    case_event_record(
        subject=locked,
        actor=actor,
        kind="referral.assessment_completed",
        new={
            "completed_on": completed_on.isoformat(),
            "primary_need": outcome.primary_need,
            "factors": chosen,
            "nfa": outcome.nfa,
            "closure_reason": outcome.closes_with,
        },
        reason=locked.overrun_reason,
    )
    return locked


@dataclass(frozen=True)
class Section47:
    """The section 47 path as the social worker records it."""

    strategy_discussion_on: datetime.date
    started_on: datetime.date
    outcome: str = ""
    icpc_on: datetime.date | None = None
    icpc_not_required: bool = False


def _check_section_47(locked: Referral, s47: Section47) -> None:
    referred = locked.referral_date
    for day, what in (
        (s47.strategy_discussion_on, "strategy discussion date"),
        (s47.started_on, "section 47 start date"),
    ):
        _not_future(day, what)
        _not_before(day, referred, what, "the referral date")  # rule 2889
    _not_before(s47.started_on, s47.strategy_discussion_on, "section 47 start date",
                "the strategy discussion")  # fmt: skip
    if s47.icpc_on is not None:
        _not_future(s47.icpc_on, "conference date")
        _not_before(s47.icpc_on, s47.started_on, "conference date", "the section 47 start")
    if s47.icpc_on is not None and s47.icpc_not_required:
        raise EpisodeError("Give a conference date or say a conference is not required, not both")
    if s47.outcome == Section47Outcome.CONFERENCE and s47.icpc_not_required:
        raise EpisodeError("The outcome was a conference: it cannot also be not required")
    if locked.closure_reason in CLOSED_AFTER_ASSESSMENT:  # rule 2990
        raise EpisodeError("An episode closed after assessment cannot have a section 47")


@transaction.atomic
def referral_section_47_record(*, actor: User, referral: Referral, s47: Section47) -> Referral:
    """Record (or bring up to date) the section 47 enquiry: the strategy discussion, the
    enquiry's start and outcome, and the initial conference's date or "not required"."""
    locked = _lock(referral)
    _open(locked)
    if locked.status not in (ReferralStatus.ALLOCATED, ReferralStatus.ASSESSMENT_COMPLETE):
        raise EpisodeError("Allocate the referral before recording a section 47 enquiry")
    if locked.referral_nfa:
        raise EpisodeError("A referral with no further action cannot have a section 47")
    _check_section_47(locked, s47)
    locked.strategy_discussion_on = s47.strategy_discussion_on
    locked.s47_started_on = s47.started_on
    locked.s47_outcome = s47.outcome
    locked.icpc_on = s47.icpc_on
    locked.icpc_not_required = s47.icpc_not_required
    fields = ["strategy_discussion_on", "s47_started_on", "s47_outcome", "icpc_on"]
    locked.save(update_fields=[*fields, "icpc_not_required"])
    case_event_record(
        subject=locked,
        actor=actor,
        kind="referral.section_47_recorded",
        new={
            "strategy_discussion_on": s47.strategy_discussion_on.isoformat(),
            "started_on": s47.started_on.isoformat(),
            "outcome": s47.outcome,
            "icpc_on": s47.icpc_on.isoformat() if s47.icpc_on else "",
            "icpc_not_required": s47.icpc_not_required,
        },
    )
    return locked


@transaction.atomic
def referral_no_further_action(*, actor: User, referral: Referral, reason: str) -> Referral:
    """The referral needs no further action: no assessment, no section 47 (CIN census
    ReferralNFA true). The episode closes on the referral date (DfE rule 8831: no activity
    on it)."""
    locked = _lock(referral)
    check_transition(locked.status, ReferralStatus.CLOSED)
    if locked.assessment_started_on is not None or locked.has_section_47:
        raise EpisodeError(
            "An assessment or a section 47 has been recorded: close the episode with a reason"
        )
    if not reason.strip():
        raise EpisodeError("Enter why the referral needs no further action")
    locked.status, locked.referral_nfa = ReferralStatus.CLOSED, True
    locked.closed_on, locked.primary_need = locked.referral_date, ""
    locked.closure_reason = ClosureReason.RC7
    locked.save(update_fields=["status", "referral_nfa", "closed_on", "primary_need",
                               "closure_reason"])  # fmt: skip
    case_event_record(
        subject=locked,
        actor=actor,
        kind="referral.no_further_action",
        new={"closed_on": locked.referral_date.isoformat(), "closure_reason": "RC7"},
        reason=reason.strip(),
    )
    return locked


def _check_closure(locked: Referral, closed_on: datetime.date, reason: str) -> None:
    if reason not in ClosureReason.values:
        raise EpisodeError("Select the reason the episode closed")
    _not_future(closed_on, "closure date")
    _not_before(closed_on, locked.referral_date, "closure date", "the referral date")
    for day in (locked.assessment_started_on, locked.assessment_completed_on,
                locked.s47_started_on, locked.icpc_on):  # fmt: skip
        if day is not None and day > closed_on:  # rule 8565
            raise EpisodeError(f"The closure date must be on or after {day:%-d %B %Y}")
    if reason in CLOSED_AFTER_ASSESSMENT:
        if locked.assessment_completed_on is None:  # rule 8825Q
            raise EpisodeError("RC8 and RC9 are for an episode closed after an assessment")
        if locked.has_section_47:  # rule 2990
            raise EpisodeError("An episode with a section 47 cannot close as RC8 or RC9")
    if locked.assessment_started_on and locked.assessment_completed_on is None:
        raise EpisodeError("Record the completed assessment before closing the episode")


@transaction.atomic
def referral_close(
    *, actor: User, referral: Referral, closed_on: datetime.date, reason: str
) -> Referral:
    """Close the CIN episode with its reason (RC1-RC9) and date."""
    locked = _lock(referral)
    check_transition(locked.status, ReferralStatus.CLOSED)
    _check_closure(locked, closed_on, reason)
    locked.status, locked.closed_on, locked.closure_reason = (
        ReferralStatus.CLOSED, closed_on, reason
    )  # fmt: skip
    locked.save(update_fields=["status", "closed_on", "closure_reason"])
    case_event_record(
        subject=locked,
        actor=actor,
        kind="referral.closed",
        new={"closed_on": closed_on.isoformat(), "closure_reason": reason},
    )
    return locked


@transaction.atomic
def referral_upn_unknown_record(*, actor: User, referral: Referral, reason: str) -> Referral:
    """Why the child has no UPN (CIN census UPNunknown), recorded on the child's record by
    the social worker on the episode. UN7 is only for a child whose every referral needed no
    further action (DfE rule 8772)."""
    if reason not in UpnUnknown.values:
        raise EpisodeError("Select the reason there is no UPN")
    child = referral.child
    if child.upn:
        raise EpisodeError("The child has a UPN: no reason is needed")
    further_action = Referral.objects.filter(child=child, referral_nfa=False).exists()
    if reason == UpnUnknown.UN7 and further_action:
        raise EpisodeError("UN7 is only for a child whose referrals all needed no further action")
    person_update(
        actor=actor,
        person=child,
        expected_version=child.version,
        changes={"upn_unknown": reason},
        reason="Reason there is no UPN, recorded on the CIN episode",
    )
    return referral
