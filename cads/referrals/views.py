"""Referral pages: the assessment social worker's own tray, the team manager's
unallocated list, a referral, allocation and the completed assessment."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from cads.accounts.roles import ALLOCATE_REFERRAL, CHANGE_REFERRAL, VIEW_REFERRAL
from cads.accounts.selectors import signed_in_user
from cads.core.access import requires
from cads.referrals.forms import AllocationForm, AssessmentCompleteForm
from cads.referrals.selectors import (
    referral_get_for_view,
    referrals_allocated_to,
    referrals_unallocated,
    with_child_shown,
)
from cads.referrals.services import referral_allocate, referral_assessment_complete
from cads.referrals.workflow import ReferralStatus, ReferralTransitionError


def posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


@requires(VIEW_REFERRAL)
def yours(request: HttpRequest) -> HttpResponse:
    """Referrals allocated to you, the assessment due soonest first."""
    user = signed_in_user(request)
    referrals = with_child_shown(
        request=request, viewer=user, referrals=referrals_allocated_to(user)
    )
    return render(request, "referrals/yours.html", {"referrals": referrals})


@requires(ALLOCATE_REFERRAL)
def unallocated(request: HttpRequest) -> HttpResponse:
    """Referrals waiting for a social worker, oldest referral first."""
    user = signed_in_user(request)
    referrals = with_child_shown(
        request=request, viewer=user, referrals=referrals_unallocated(user)
    )
    return render(request, "referrals/unallocated.html", {"referrals": referrals})


@requires(VIEW_REFERRAL)
def referral_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    referral = referral_get_for_view(request=request, user=user, pk=pk)
    with_child_shown(request=request, viewer=user, referrals=[referral])
    context = {
        "referral": referral,
        "can_allocate": user.has_perm(ALLOCATE_REFERRAL)
        and referral.status != ReferralStatus.ASSESSMENT_COMPLETE,
        "can_complete": user.has_perm(CHANGE_REFERRAL)
        and referral.status == ReferralStatus.ALLOCATED,
    }
    return render(request, "referrals/referral_detail.html", context)


@requires(ALLOCATE_REFERRAL)
def allocate(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A team manager allocates the referral to a team and a social worker (audited)."""
    user = signed_in_user(request)
    referral = referral_get_for_view(request=request, user=user, pk=pk)
    with_child_shown(request=request, viewer=user, referrals=[referral])
    initial = {"team": referral.team_id, "social_worker": referral.social_worker_id}
    form = AllocationForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            referral_allocate(actor=user, referral=referral, **form.cleaned_data)
        except (ValueError, ReferralTransitionError) as exc:
            form.add_error(None, str(exc))
        else:
            worker = form.cleaned_data.get("social_worker")
            who = (worker.get_full_name() or worker.username) if worker else "the team"
            messages.success(request, f"Referral allocated to {who}")
            return redirect("referrals:referral-detail", referral.pk)
    return render(request, "referrals/allocate.html", {"form": form, "referral": referral})


@requires(CHANGE_REFERRAL)
def assessment_complete(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Record the completed Child and Family Assessment with the CIN primary need."""
    user = signed_in_user(request)
    referral = referral_get_for_view(request=request, user=user, pk=pk)
    with_child_shown(request=request, viewer=user, referrals=[referral])
    form = AssessmentCompleteForm(posted(request), due=referral.assessment_due)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral_assessment_complete(
                actor=user,
                referral=referral,
                completed_on=data["completed_on"],
                primary_need=data["primary_need"],
                nfa=data["nfa"] == "yes",
                overrun_reason=data["overrun_reason"],
            )
        except (ValueError, ReferralTransitionError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Assessment recorded as complete")
            return redirect("referrals:referral-detail", referral.pk)
    context = {"form": form, "referral": referral}
    return render(request, "referrals/assessment_complete.html", context)
