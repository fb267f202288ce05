"""Authorisation of checks without consent as work: the worker asks a team manager (the
request joins the managers' list and raises an alert), the manager answers from the list,
and the worker sees the answer on the contact's checks and screening pages."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.accounts.roles import AUTHORISE_WITHOUT_CONSENT, REQUEST_CHECKS, VIEW_CONTACT
from cads.accounts.selectors import signed_in_user
from cads.checks import selectors
from cads.checks.forms import AuthorisationAnswerForm, AuthorisationRequestForm
from cads.checks.services import CheckRefusedError
from cads.checks.services_authorisation import authorisation_answer, authorisation_request
from cads.contacts.selectors import contact_get
from cads.core.access import requires


@requires(VIEW_CONTACT, REQUEST_CHECKS)
def ask_a_manager(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The worker asks a team manager to authorise checks without consent, with reasons."""
    user = signed_in_user(request)
    contact = contact_get(user=user, pk=pk)
    form = AuthorisationRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            authorisation_request(actor=user, contact=contact, reasons=form.cleaned_data["reasons"])
        except CheckRefusedError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Request sent to the team managers")
            return redirect("checks:contact-checks", contact.pk)
    context = {"contact": contact, "form": form, "latest": selectors.authorisation_latest(contact)}
    return render(request, "checks/ask_a_manager.html", context)


@requires(AUTHORISE_WITHOUT_CONSENT)
def authorisations_list(request: HttpRequest) -> HttpResponse:
    """The managers' list: requests to authorise checks without consent, oldest first."""
    items = selectors.authorisations_waiting(signed_in_user(request))
    return render(request, "checks/authorisations.html", {"items": items})


@requires(VIEW_CONTACT, AUTHORISE_WITHOUT_CONSENT)
def authorisation_answer_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A team manager authorises checks without consent, or declines, with reasons."""
    user = signed_in_user(request)
    item = selectors.authorisation_get_for_view(request=request, user=user, pk=pk)
    form = AuthorisationAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        authorise = form.cleaned_data["authorise"] == "yes"
        try:
            authorisation_answer(
                actor=user, request=item, authorise=authorise, answer=form.cleaned_data["answer"]
            )
        except CheckRefusedError as exc:
            form.add_error(None, str(exc))
        else:
            verdict = "authorised" if authorise else "not authorised"
            messages.success(request, f"Checks without consent {verdict}: the worker has been told")
            return redirect("checks:authorisations")
    return render(request, "checks/authorisation_answer.html", {"item": item, "form": form})
