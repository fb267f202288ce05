"""Early Help sends a step-down back (declined or returned, with a reason), and a
front-door screener, who finds it at the head of the work tray, records what happens now.
An advisor records when the Early Help assessment of an accepted step-down completed."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.accounts.roles import (
    ACCEPT_EARLY_HELP_REQUEST,
    ADD_DECISION,
    VIEW_DECISION,
    VIEW_EARLY_HELP_REQUEST,
)
from cads.accounts.selectors import signed_in_user
from cads.core.access import requires
from cads.decisions.forms import (
    EarlyHelpAssessmentForm,
    EarlyHelpFollowUpForm,
    EarlyHelpReturnForm,
)
from cads.decisions.selectors import early_help_request_get_for_view, early_help_return_get_for_view
from cads.decisions.services_early_help import (
    AssessmentDateError,
    early_help_assessment_complete,
    early_help_request_return,
    early_help_return_follow_up,
)
from cads.decisions.services_referrer import ReferrerFeedbackError
from cads.decisions.views import posted


@requires(VIEW_EARLY_HELP_REQUEST, ACCEPT_EARLY_HELP_REQUEST)
def early_help_return(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """An advisor declines the step-down or returns it to the front door, with a reason."""
    user = signed_in_user(request)
    item = early_help_request_get_for_view(request=request, user=user, pk=pk)
    form = EarlyHelpReturnForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            early_help_request_return(actor=user, item=item, **form.cleaned_data)
        except ReferrerFeedbackError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{item.contact.reference} sent back to the front door")
            return redirect("decisions:early-help-list")
    return render(request, "decisions/early_help_return.html", {"item": item, "form": form})


@requires(VIEW_DECISION, ADD_DECISION)
def early_help_returned(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A step-down Early Help sent back: the reason, and the screener's "what happens now"."""
    user = signed_in_user(request)
    item = early_help_return_get_for_view(request=request, user=user, pk=pk)
    form = EarlyHelpFollowUpForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            early_help_return_follow_up(actor=user, item=item, note=form.cleaned_data["note"])
        except ReferrerFeedbackError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"What happens now recorded for {item.contact.reference}")
            return redirect("screening:tray")
    context = {"item": item, "contact": item.contact, "decision": item.decision, "form": form}
    return render(request, "decisions/early_help_returned.html", context)


@requires(VIEW_EARLY_HELP_REQUEST, ACCEPT_EARLY_HELP_REQUEST)
def early_help_assessment(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """An advisor records the day the Early Help assessment of an accepted step-down
    completed; what they typed stays in the boxes if it is refused."""
    user = signed_in_user(request)
    item = early_help_request_get_for_view(request=request, user=user, pk=pk)
    initial = {"completed_on": item.assessment_completed_on}
    form = EarlyHelpAssessmentForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            early_help_assessment_complete(actor=user, item=item, **form.cleaned_data)
        except AssessmentDateError as exc:
            form.add_error("completed_on", str(exc))
        except ReferrerFeedbackError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"Assessment completion recorded for {item.contact.reference}"
            )
            return redirect("decisions:early-help-detail", pk=item.pk)
    context = {"item": item, "contact": item.contact, "form": form}
    return render(request, "decisions/early_help_assessment.html", context)
