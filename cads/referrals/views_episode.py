"""The assessment social worker's records of a CIN episode, from their own tray: the
assessment started and completed, the section 47 path, no further action on the referral,
the closure with its reason, and why the child has no UPN (ADR 0028). Thin: each page
reads through the selectors (logged) and writes through services_episode."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.accounts.models import User
from cads.accounts.roles import CHANGE_REFERRAL
from cads.accounts.selectors import signed_in_user
from cads.core.access import requires
from cads.core.moments import Refusal
from cads.referrals import forms_episode as episode_forms
from cads.referrals import services_episode as episode
from cads.referrals.codes import ClosureReason
from cads.referrals.models import Referral
from cads.referrals.selectors import referral_get_for_view, with_child_shown
from cads.referrals.workflow import ReferralStatus, ReferralTransitionError

Save = Callable[[User, Referral, dict[str, Any]], object]


def episode_actions(user: User, referral: Referral) -> dict[str, bool]:
    """Which of the social worker's records the referral page offers now."""
    can = user.has_perm(CHANGE_REFERRAL)
    allocated = can and referral.status == ReferralStatus.ALLOCATED
    still_open = can and referral.status != ReferralStatus.CLOSED
    return {
        "can_start": allocated and referral.assessment_started_on is None,
        "can_complete": allocated and referral.assessment_started_on is not None,
        "can_nfa": allocated and referral.assessment_started_on is None
        and not referral.has_section_47,
        "can_section_47": still_open and referral.status != ReferralStatus.AWAITING_ALLOCATION,
        "can_close": (still_open and referral.status == ReferralStatus.ASSESSMENT_COMPLETE)
        or (allocated and referral.assessment_started_on is None),
        "can_upn": can and not referral.child.upn,
    }  # fmt: skip


def _page(
    request: HttpRequest, pk: uuid.UUID, *, form_class: type[forms.Form], title: str,
    save: Save, form_kwargs: Callable[[Referral], dict[str, Any]] | None = None,
    done: str = "Saved",
) -> HttpResponse:  # fmt: skip
    """One form about one referral: shown, checked, saved through the service; whatever the
    service refuses is shown at the top with everything entered kept."""
    user = signed_in_user(request)
    referral = referral_get_for_view(request=request, user=user, pk=pk)
    with_child_shown(request=request, viewer=user, referrals=[referral])
    extra = form_kwargs(referral) if form_kwargs else {}
    form = form_class(request.POST if request.method == "POST" else None, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            save(user, referral, form.cleaned_data)
        except (Refusal, ReferralTransitionError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("referrals:referral-detail", referral.pk)
    context = {"form": form, "referral": referral, "title": title}
    return render(request, "referrals/episode_form.html", context)


@requires(CHANGE_REFERRAL)
def assessment_start(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    def save(user: User, referral: Referral, data: dict[str, Any]) -> object:
        return episode.referral_assessment_start(
            actor=user, referral=referral, started_on=data["started_on"]
        )

    return _page(request, pk, form_class=episode_forms.AssessmentStartForm,
                 title="Record the start of the assessment",
                 done="Assessment start recorded", save=save)  # fmt: skip


@requires(CHANGE_REFERRAL)
def assessment_complete(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The completed Child and Family Assessment: factors, primary need, outcome."""

    def save(user: User, referral: Referral, data: dict[str, Any]) -> object:
        return episode.referral_assessment_complete(
            actor=user,
            referral=referral,
            completed_on=data["completed_on"],
            factors=data["factors"],
            outcome=episode.AssessmentOutcome(data["primary_need"], data["outcome"]),
            overrun_reason=data["overrun_reason"],
        )

    return _page(request, pk, form_class=episode_forms.AssessmentCompleteForm,
                 title="Record the completed assessment",
                 done="Assessment recorded as complete", save=save,
                 form_kwargs=lambda r: {"due": r.assessment_due})  # fmt: skip


@requires(CHANGE_REFERRAL)
def section_47(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The strategy discussion, the enquiry and the initial conference (or not required)."""

    def save(user: User, referral: Referral, data: dict[str, Any]) -> object:
        held = data["conference"] == "held"
        s47 = episode.Section47(
            strategy_discussion_on=data["strategy_discussion_on"],
            started_on=data["started_on"],
            outcome=data["outcome"],
            icpc_on=data["icpc_on"] if held else None,
            icpc_not_required=data["conference"] == "not_required",
        )
        return episode.referral_section_47_record(actor=user, referral=referral, s47=s47)

    return _page(request, pk, form_class=episode_forms.Section47Form,
                 title="Record the section 47 enquiry",
                 done="Section 47 enquiry recorded", save=save)  # fmt: skip


@requires(CHANGE_REFERRAL)
def no_further_action(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    def save(user: User, referral: Referral, data: dict[str, Any]) -> object:
        return episode.referral_no_further_action(
            actor=user, referral=referral, reason=data["reason"]
        )

    return _page(request, pk, form_class=episode_forms.NoFurtherActionForm,
                 title="No further action on the referral",
                 done="No further action on the referral recorded", save=save)  # fmt: skip


@requires(CHANGE_REFERRAL)
def close(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    def save(user: User, referral: Referral, data: dict[str, Any]) -> object:
        return episode.referral_close(
            actor=user, referral=referral, closed_on=data["closed_on"],
            reason=ClosureReason(data["reason"]),
        )  # fmt: skip

    return _page(request, pk, form_class=episode_forms.CloseEpisodeForm,
                 title="Close the episode",
                 done="Episode closed", save=save)  # fmt: skip


@requires(CHANGE_REFERRAL)
def upn_unknown(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    def save(user: User, referral: Referral, data: dict[str, Any]) -> object:
        return episode.referral_upn_unknown_record(
            actor=user, referral=referral, reason=data["upn_unknown"]
        )

    return _page(request, pk, form_class=episode_forms.UpnUnknownForm,
                 title="Record why the child has no UPN",
                 done="Reason for no UPN recorded", save=save)  # fmt: skip
