"""Decision pages: record a decision on a contact, see it, sign it off (team managers).
Thin: forms validate, services write, selectors read and log."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from cads.accounts.roles import ADD_DECISION, SIGN_OFF_DECISION, VIEW_DECISION
from cads.accounts.selectors import signed_in_user
from cads.contacts.models import Contact
from cads.contacts.selectors import children_named, contact_get_for_view, contact_record
from cads.contacts.workflow import Status, TransitionError
from cads.core.access import requires
from cads.core.moments import Refusal
from cads.deadlines.due import decision_due
from cads.decisions.codes import Outcome
from cads.decisions.forms import DecisionForm, SignOffForm, SummaryForm
from cads.decisions.models import Decision
from cads.decisions.selectors import (
    decision_get_for_view,
    decision_to_replace,
    decisions_awaiting_sign_off,
    decisions_on_contact,
)
from cads.decisions.services import (
    DecisionError,
    decision_precheck,
    decision_record,
    decision_sign_off,
    summary_prefilled,
)
from cads.decisions.summary import ReaderSummary
from cads.decisions.workflow import DecisionStatus, DecisionTransitionError
from cads.people.restriction import people_shown

# Refusals shown to the user at the top of the form, in the service's own words.
REFUSALS = (
    DecisionError,
    Refusal,
    TransitionError,
    DecisionTransitionError,
)


def posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def _summary_page(
    request: HttpRequest, contact: Contact, decision_form: DecisionForm, form: SummaryForm
) -> HttpResponse:
    """Step 2: what the referrer will read, with the outcomes and reasons carried along."""
    data = decision_form.cleaned_data
    context = {
        "contact": contact,
        "form": form,
        "outcomes": data["outcomes"],
        "outcome_labels": [Outcome(code).label for code in data["outcomes"]],
        "reasons": data["reasons"],
        "open_case_worker": data["open_case_worker"],
    }
    return render(request, "decisions/decision_summary.html", context)


def _record(
    request: HttpRequest, contact: Contact, decision_form: DecisionForm, returned: Decision | None
) -> HttpResponse:
    """Step 2 posted: record the decision with the summary as the worker edited it."""
    user = signed_in_user(request)
    form = SummaryForm(request.POST)
    if form.is_valid():
        data = decision_form.cleaned_data
        summary = ReaderSummary(**{k: v for k, v in form.cleaned_data.items() if k != "step"})
        try:
            decision = decision_record(
                actor=user,
                contact=contact,
                outcomes=data["outcomes"],
                reasons=data["reasons"],
                open_case_worker=data["open_case_worker"],
                replaces=returned,
                summary=summary,
            )
        except REFUSALS as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("decisions:decision-detail", decision.pk)
    return _summary_page(request, contact, decision_form, form)


@requires(ADD_DECISION)
def decision_record_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Record what happens next for a contact, with reasons, against its decision deadline
    (step 1), then the summary the referrer will read, pre-filled (step 2)."""
    user = signed_in_user(request)
    contact = contact_get_for_view(request=request, user=user, pk=pk)
    returned = decision_to_replace(contact)
    form = DecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if request.POST.get("step") == "summary":
            return _record(request, contact, form, returned)
        outcomes = form.cleaned_data["outcomes"]
        try:
            decision_precheck(
                actor=user, contact=contact, outcomes=outcomes, reasons=form.cleaned_data["reasons"]
            )
        except REFUSALS as exc:
            form.add_error(None, str(exc))
        else:
            summary = summary_prefilled(contact, outcomes, returned)
            initial = {"step": "summary", **vars(summary)}
            return _summary_page(request, contact, form, SummaryForm(initial=initial))
    context = {
        "form": form,
        "contact": contact,
        "due": decision_due(contact),
        "closed": contact.status == Status.CLOSED,
        "returned": returned,
        "earlier": decisions_on_contact(user=user, contact=contact),
        "record": contact_record(request=request, user=user, contact=contact),
    }
    return render(request, "decisions/decision_record.html", context)


@requires(VIEW_DECISION)
def decision_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The decision, its status, on time or late, and what it led to."""
    user = signed_in_user(request)
    decision = decision_get_for_view(request=request, user=user, pk=pk)
    referrals = list(decision.referrals.select_related("child"))
    shown = people_shown(request=request, viewer=user, people=[r.child for r in referrals])
    for referral in referrals:  # each child as the viewer may see them (restriction)
        referral.child_shown = shown[referral.child_id]  # type: ignore[attr-defined]
    context = {
        "decision": decision,
        "can_sign_off": user.has_perm(SIGN_OFF_DECISION)
        and decision.status == DecisionStatus.AWAITING_SIGN_OFF,
        "can_add": user.has_perm(ADD_DECISION) and decision.status != DecisionStatus.RETURNED,
        "referrals": referrals,
        "actions": decision.actions.all(),
    }
    return render(request, "decisions/decision_detail.html", context)


@requires(SIGN_OFF_DECISION)
def sign_off_list(request: HttpRequest) -> HttpResponse:
    """Decisions waiting for management oversight, oldest first."""
    user = signed_in_user(request)
    decisions = list(decisions_awaiting_sign_off(user))
    children_named(request=request, viewer=user, contacts=[d.contact for d in decisions])
    return render(request, "decisions/sign_off_list.html", {"decisions": decisions})


@requires(SIGN_OFF_DECISION)
def sign_off(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A team manager agrees the decision or returns it with comments."""
    user = signed_in_user(request)
    decision = decision_get_for_view(request=request, user=user, pk=pk)
    form = SignOffForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            decision_sign_off(
                actor=user,
                decision=decision,
                agree=form.cleaned_data["agree"] == "yes",
                comments=form.cleaned_data["comments"],
            )
        except REFUSALS as exc:
            form.add_error(None, str(exc))
        else:
            agreed = form.cleaned_data["agree"] == "yes"
            messages.success(
                request, "Decision agreed" if agreed else "Decision returned with your comments"
            )
            return redirect("decisions:decision-detail", decision.pk)
    context = {
        "form": form,
        "decision": decision,
        "record": contact_record(request=request, user=user, contact=decision.contact),
    }
    return render(request, "decisions/sign_off.html", context)
