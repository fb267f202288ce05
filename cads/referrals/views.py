"""Referral pages: the assessment social worker's own tray, the team manager's
unallocated list, a referral and allocation (the social worker's records of the episode are
in views_episode.py)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from cads.accounts.roles import ALLOCATE_REFERRAL, VIEW_REFERRAL
from cads.accounts.selectors import signed_in_user
from cads.core.access import requires
from cads.referrals.forms import AllocationForm
from cads.referrals.selectors import (
    referral_get_for_view,
    referrals_allocated_to,
    referrals_unallocated,
    with_child_shown,
)
from cads.referrals.services import referral_allocate
from cads.referrals.views_episode import episode_actions
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
        and referral.status not in (ReferralStatus.ASSESSMENT_COMPLETE, ReferralStatus.CLOSED),
        **episode_actions(user, referral),
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
