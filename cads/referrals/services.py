"""Every write to referrals: created from a decision, allocated by a team manager (what the
social worker records after that is in services_episode.py). Each is atomic and writes one
audit event."""

from __future__ import annotations

import datetime
import uuid

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

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


class EpisodeOpenError(Refusal):
    """The child's CIN episode is still open: a new referral would overlap it (DfE rules
    8816 and 8820), so what the contact brings is recorded on the open episode (ADR 0028)."""

    def __init__(self, open_referral: Referral) -> None:
        self.open_referral = open_referral
        url = reverse("referrals:referral-detail", args=[open_referral.pk])
        super().__init__(
            format_html(
                "A child on this contact already has an open episode, referred on {}: "
                '<a class="govuk-link" href="{}">open that referral</a> and record what '
                "this contact adds there, or close that episode first",
                f"{open_referral.referral_date:%-d %B %Y}",
                url,
            )
        )


def open_episode(child_id: uuid.UUID) -> Referral | None:
    """The child's open CIN episode, if any (a referral not yet closed)."""
    return (
        Referral.objects.filter(child_id=child_id, closed_on__isnull=True)
        .order_by("-referral_date")
        .first()
    )


def refuse_when_episode_open(child_ids: list[uuid.UUID]) -> None:
    for child_id in child_ids:
        if (found := open_episode(child_id)) is not None:
            raise EpisodeOpenError(found)


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
    refuse_when_episode_open([s.person_id for s in children])
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
