"""Reads of referrals, scoped to the user: assessment social workers see the referrals
allocated to them; the front door and team managers see all. Opening one is logged."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from cads.accounts.models import User
from cads.accounts.roles import ALLOCATE_REFERRAL, VIEW_REFERRAL, Role
from cads.audit.services import access_log_record
from cads.people.restriction import people_shown
from cads.referrals.models import AssessmentTeam, Referral
from cads.referrals.workflow import ReferralStatus

UNALLOCATED = (ReferralStatus.AWAITING_ALLOCATION, ReferralStatus.ALLOCATED_TO_TEAM)


def referrals_for_user(user: User) -> QuerySet[Referral]:
    if not user.has_perm(VIEW_REFERRAL):
        return Referral.objects.none()
    referrals = Referral.objects.select_related("child", "contact", "team", "social_worker")
    in_assessment_team = user.groups.filter(name=Role.ASSESSMENT_SOCIAL_WORKER).exists()
    if in_assessment_team and not user.has_perm(ALLOCATE_REFERRAL):
        return referrals.filter(social_worker=user)
    return referrals


def referral_get_for_view(*, request: HttpRequest, user: User, pk: uuid.UUID) -> Referral:
    referral = get_object_or_404(referrals_for_user(user), pk=pk)
    access_log_record(request=request, subject=referral)
    return referral


def referrals_allocated_to(user: User) -> QuerySet[Referral]:
    """The social worker's own tray: every episode still open (an assessment completed with
    further action stays until the episode is closed), by assessment due date."""
    return (
        referrals_for_user(user)
        .filter(social_worker=user)
        .exclude(status=ReferralStatus.CLOSED)
        .order_by("assessment_due")
    )


def referrals_unallocated(user: User) -> QuerySet[Referral]:
    """Referrals waiting for a team manager to allocate a social worker, oldest first."""
    if not user.has_perm(ALLOCATE_REFERRAL):
        return Referral.objects.none()
    return referrals_for_user(user).filter(status__in=UNALLOCATED).order_by("referral_date")


def assessment_teams() -> QuerySet[AssessmentTeam]:
    return AssessmentTeam.objects.all()


def assessment_social_workers() -> QuerySet[User]:
    return User.objects.filter(groups__name=Role.ASSESSMENT_SOCIAL_WORKER, is_active=True).order_by(
        "first_name", "last_name"
    )


def open_referrals_by_person(person_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """For the history-first screen (screening.history): each child's open CIN episodes, in
    words (an episode stays open after its assessment until it is closed, and a new referral
    waits for it: ADR 0028). The screen that calls it has already checked the screener may
    see them."""
    found: dict[uuid.UUID, list[str]] = {}
    open_referrals = (
        Referral.objects.filter(child_id__in=person_ids, closed_on__isnull=True)
        .select_related("social_worker", "team")
        .order_by("-referral_date")
    )
    for referral in open_referrals:
        worker = referral.social_worker
        who = (
            f"allocated to {worker.get_full_name() or worker.username}"
            if worker
            else f"team {referral.team}"
            if referral.team
            else "not yet allocated"
        )
        completed = referral.assessment_completed_on
        assessment = (
            f"assessment completed {completed:%-d %b %Y}, episode open"
            if completed
            else f"assessment due {referral.assessment_due:%-d %b %Y}"
        )
        found.setdefault(referral.child_id, []).append(
            f"Referral of {referral.referral_date:%-d %b %Y}, {who}; {assessment}"
        )
    return found


def with_child_shown(
    *, request: HttpRequest | None, viewer: User, referrals: Iterable[Referral]
) -> list[Referral]:
    """Give each referral `child_shown`: its child as `viewer` may see them (a restricted
    child is "A restricted record", cads.people.restriction); with `request`, logged."""
    referrals = list(referrals)
    shown = people_shown(request=request, viewer=viewer, people=[r.child for r in referrals])
    for referral in referrals:
        referral.child_shown = shown[referral.child_id]  # type: ignore[attr-defined]
    return referrals
