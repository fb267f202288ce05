"""Feedback to the referrer (structured actions, acknowledgement) and the Early Help
pathway advisors' tray."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.accounts.roles import ACCEPT_EARLY_HELP_REQUEST, ADD_DECISION, VIEW_EARLY_HELP_REQUEST
from cads.accounts.selectors import signed_in_user
from cads.contacts.selectors import children_named
from cads.core.access import requires
from cads.decisions.forms import AcknowledgementForm, EarlyHelpAcceptForm, ReferrerActionForm
from cads.decisions.selectors import (
    decision_get_for_view,
    early_help_request_get_for_view,
    early_help_requests_for_user,
)
from cads.decisions.services_referrer import (
    ReferrerFeedbackError,
    early_help_request_accept,
    referrer_acknowledgement_record,
    referrer_action_add,
)
from cads.decisions.views import posted


def _feedback_form(
    request: HttpRequest,
    pk: uuid.UUID,
    form_class: type[forms.Form],
    save: Callable[..., object],
    template: str,
    *,
    done: str,
) -> HttpResponse:
    """One feedback form on a decision: saved through `save`, or shown again with the
    service's refusal in the error summary and everything typed kept."""
    user = signed_in_user(request)
    decision = decision_get_for_view(request=request, user=user, pk=pk)
    form = form_class(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            save(actor=user, decision=decision, **form.cleaned_data)
        except ReferrerFeedbackError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("decisions:decision-detail", decision.pk)
    return render(request, template, {"form": form, "decision": decision})


@requires(ADD_DECISION)
def action_add(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Add an action for the referrer: what, who, by when."""
    return _feedback_form(
        request,
        pk,
        ReferrerActionForm,
        referrer_action_add,
        "decisions/action_add.html",
        done="Action for the referrer added",
    )


@requires(ADD_DECISION)
def acknowledgement(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Record that the referrer acknowledged the advice and actions."""
    return _feedback_form(
        request,
        pk,
        AcknowledgementForm,
        referrer_acknowledgement_record,
        "decisions/acknowledgement.html",
        done="Referrer's acknowledgement recorded",
    )


@requires(VIEW_EARLY_HELP_REQUEST)
def early_help_list(request: HttpRequest) -> HttpResponse:
    """Contacts stepped down to Early Help, oldest first."""
    user = signed_in_user(request)
    items = list(early_help_requests_for_user(user))
    children_named(request=request, viewer=user, contacts=[item.contact for item in items])
    return render(request, "decisions/early_help_list.html", {"items": items})


@requires(VIEW_EARLY_HELP_REQUEST)
def early_help_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The contact's own information, as recorded at the front door: nothing re-typed."""
    user = signed_in_user(request)
    item = early_help_request_get_for_view(request=request, user=user, pk=pk)
    children_named(request=request, viewer=user, contacts=[item.contact])
    context = {
        "item": item,
        "contact": item.contact,
        "decision": item.decision,
        "form": EarlyHelpAcceptForm(),
    }
    return render(request, "decisions/early_help_detail.html", context)


@requires(VIEW_EARLY_HELP_REQUEST, ACCEPT_EARLY_HELP_REQUEST)
def early_help_accept(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """An advisor takes the request on for the Early Help pathway (POST only)."""
    user = signed_in_user(request)
    item = early_help_request_get_for_view(request=request, user=user, pk=pk)
    form = EarlyHelpAcceptForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            early_help_request_accept(actor=user, item=item, note=form.cleaned_data["note"])
        except ReferrerFeedbackError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{item.contact.reference} accepted for Early Help")
            return redirect("decisions:early-help-list")
    children_named(request=request, viewer=user, contacts=[item.contact])
    context = {"item": item, "contact": item.contact, "decision": item.decision, "form": form}
    return render(request, "decisions/early_help_detail.html", context)
