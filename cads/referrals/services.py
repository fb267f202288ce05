"""Every write to referrals: created from a decision, allocated by a team manager, the
assessment completed. Each is atomic and writes one audit event."""

from __future__ import annotations

import datetime
import uuid

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.audit.services import case_event_record
from cads.checks.selectors import consent_authorised
from cads.contacts.codes import SubjectRole
from cads.core.clocks import add_working_days_to_date
from cads.core.moments import Refusal
from cads.decisions.models import Decision
from cads.referrals.models import AssessmentTeam, Referral
from cads.referrals.workflow import ReferralStatus, check_transition

# Working Together 2023: a Child and Family Assessment within 45 working days of referral.
ASSESSMENT_WORKING_DAYS = 45
# DfE re-referral measure: a referral within 12 months of a previous referral.
RE_REFERRAL_WINDOW = relativedelta(months=12)


class ConsentNotAuthorisedError(Refusal):
    """Consent was refused or not sought and no team manager has authorised going ahead."""

    def __init__(self) -> None:
        super().__init__(
            "Consent was refused or not sought: a team manager must authorise going ahead "
            "without consent, with reasons, before this contact can become a referral"
        )


def previous_referral(child_id: uuid.UUID, referral_date: datetime.date) -> Referral | None:
    """The child's latest referral in the 12 months before `referral_date`, if any."""
    return (
        Referral.objects.filter(
            child_id=child_id,
            referral_date__gte=referral_date - RE_REFERRAL_WINDOW,
            referral_date__lte=referral_date,
        )
        .order_by("-referral_date")
        .first()
    )


@transaction.atomic
def referrals_create(*, actor: User, decision: Decision) -> list[Referral]:
    """One referral per child on the contact. Refused when consent was refused or not
    sought unless a team manager authorised going ahead (issue 5, consent)."""
    contact = decision.contact
    if not consent_authorised(contact):
        raise ConsentNotAuthorisedError
    referral_date = timezone.localdate(contact.received_at)
    due = add_working_days_to_date(referral_date, ASSESSMENT_WORKING_DAYS)
    children = contact.subjects.filter(role=SubjectRole.CHILD).select_related("person")
    created = []
    for subject in children:
        created.append(
            Referral.objects.create(
                contact=contact,
                decision=decision,
                child=subject.person,
                referral_date=referral_date,
                referral_source=contact.referral_source,
                assessment_due=due,
                previous_referral=previous_referral(subject.person_id, referral_date),
            )
        )
    case_event_record(
        subject=contact,
        actor=actor,
        kind="referral.created",
        new={
            "referrals": [str(r.pk) for r in created],
            "referral_date": referral_date.isoformat(),
            "assessment_due": due.isoformat(),
            "re_referrals": [str(r.child_id) for r in created if r.is_re_referral],
        },
    )
    return created


def is_assessment_social_worker(user: User) -> bool:
    return user.groups.filter(name=Role.ASSESSMENT_SOCIAL_WORKER).exists()


@transaction.atomic
def referral_allocate(
    *, actor: User, referral: Referral, team: AssessmentTeam, social_worker: User | None
) -> Referral:
    """A team manager allocates the referral to a team, and then (or at once) to one of
    the team's assessment social workers."""
    if social_worker is not None and not is_assessment_social_worker(social_worker):
        raise ValueError("A referral can only be allocated to an assessment team social worker")
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    target = ReferralStatus.ALLOCATED if social_worker else ReferralStatus.ALLOCATED_TO_TEAM
    check_transition(locked.status, target)
    old = {"team": str(locked.team_id or ""), "social_worker": str(locked.social_worker_id or "")}
    locked.status = target
    locked.team = team
    locked.social_worker = social_worker
    locked.allocated_at = timezone.now()
    locked.save(update_fields=["status", "team", "social_worker", "allocated_at"])
    case_event_record(
        subject=locked,
        actor=actor,
        kind="referral.allocated",
        old=old,
        new={"team": str(team.pk), "social_worker": str(social_worker.pk if social_worker else "")},
    )
    return locked


@transaction.atomic
def referral_assessment_complete(
    *,
    actor: User,
    referral: Referral,
    completed_on: datetime.date,
    primary_need: str,
    nfa: bool,
    overrun_reason: str = "",
) -> Referral:
    """Record the assessment as complete with the CIN primary need. Working Together 2023:
    if it took longer than 45 working days the social worker records why."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    check_transition(locked.status, ReferralStatus.ASSESSMENT_COMPLETE)
    if completed_on > locked.assessment_due and not overrun_reason.strip():
        raise ValueError("Enter the reason the assessment took longer than 45 working days")
    locked.status = ReferralStatus.ASSESSMENT_COMPLETE
    locked.assessment_completed_on = completed_on
    locked.primary_need = primary_need
    locked.nfa = nfa
    locked.overrun_reason = overrun_reason.strip()
    locked.save(
        update_fields=[
            "status", "assessment_completed_on", "primary_need", "nfa", "overrun_reason"
        ]
    )  # fmt: skip
    case_event_record(
        subject=locked,
        actor=actor,
        kind="referral.assessment_completed",
        new={"completed_on": completed_on.isoformat(), "primary_need": primary_need, "nfa": nfa},
        reason=locked.overrun_reason,
    )
    return locked
