"""Staff pages for partner checks: a contact's checks (overdue in words), requesting
checks, recording a decision not to share, a manager's authorisation without consent,
cancelling a check. Thin: forms validate, cads.checks.services write and audit."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone

from cads.accounts.models import Organisation
from cads.accounts.roles import (
    AUTHORISE_WITHOUT_CONSENT,
    CANCEL_CHECKS,
    RECORD_SHARING_DECISION,
    REQUEST_CHECKS,
    VIEW_CHECKS,
    VIEW_CONTACT,
)
from cads.accounts.selectors import signed_in_user
from cads.checks import selectors
from cads.checks.forms import (
    CancelForm,
    CheckDetailsForm,
    ChoosePartnersForm,
    ConsentOverrideForm,
    NotSharedForm,
    OnBehalfForm,
)
from cads.checks.models import LawfulBasis
from cads.checks.services import CheckAsk, CheckRefusedError, check_cancel, checks_request
from cads.checks.services_on_behalf import check_answer_on_behalf
from cads.checks.services_sharing import consent_override_authorise, sharing_decline_record
from cads.contacts.models import Contact
from cads.contacts.selectors import contact_get, contact_get_for_view
from cads.core.access import requires


def _posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data, even when empty (an empty form must show its errors)."""
    return request.POST if request.method == "POST" else None


@requires(VIEW_CONTACT, VIEW_CHECKS)
def contact_checks(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A contact's checks with time left or overdue in words, and its sharing records."""
    user = signed_in_user(request)
    contact = contact_get_for_view(request=request, user=user, pk=pk)
    now = timezone.now()
    checks = [
        (check, selectors.time_left_in_words(check.due_at, now))
        for check in selectors.checks_for_contact(user=user, contact=contact)
    ]
    context = {
        "contact": contact,
        "checks": checks,
        "records": selectors.sharing_records_for_contact(user=user, contact=contact),
        "consent_authorised": selectors.consent_authorised(contact),
        "override": selectors.consent_override_latest(contact),
        "authorisation": selectors.authorisation_latest(contact),
        "now": now,
    }
    return render(request, "checks/contact_checks.html", context)


def _chosen(ids: str, partners: list[Organisation]) -> list[Organisation]:
    wanted = {part.strip() for part in ids.split(",")}
    return [org for org in partners if str(org.pk) in wanted]


def _details(request: HttpRequest, contact: Contact, form: CheckDetailsForm) -> HttpResponse:
    return render(request, "checks/request_details.html", {"contact": contact, "form": form})


def _request_details_post(
    request: HttpRequest, contact: Contact, partners: list[Organisation]
) -> HttpResponse:
    orgs = _chosen(request.POST.get("organisation_ids", ""), partners)
    if not orgs:
        return redirect("checks:request-new", contact.pk)
    form = CheckDetailsForm(request.POST, organisations=orgs, information="")
    if not form.is_valid():
        return _details(request, contact, form)
    asks = [CheckAsk(organisation=o, question=q, information=i) for o, q, i in form.asks()]
    try:
        checks_request(
            actor=signed_in_user(request),
            contact=contact,
            asks=asks,
            lawful_basis=LawfulBasis(form.cleaned_data["lawful_basis"]),
            reasons=form.cleaned_data["reasons"],
        )
    except CheckRefusedError as exc:
        form.add_error(None, str(exc))
        return _details(request, contact, form)
    names = ", ".join(o.name for o in orgs)
    messages.success(request, f"Checks requested from {names}")
    return redirect("checks:contact-checks", contact.pk)


@requires(VIEW_CONTACT, REQUEST_CHECKS)
def request_new(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Choose partner agencies, then write each one's question and the information it
    may see. Blocked, with the reason, until consent is given or a manager authorises."""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    if not selectors.consent_authorised(contact):
        context = {"contact": contact, "latest": selectors.authorisation_latest(contact)}
        return render(request, "checks/consent_needed.html", context)
    partners = list(selectors.partner_organisations())
    if request.method == "POST" and request.POST.get("step") == "details":
        return _request_details_post(request, contact, partners)
    queryset = selectors.partner_organisations()
    choose = ChoosePartnersForm(_posted(request), partners=queryset)
    if request.method == "POST" and choose.is_valid():
        form = CheckDetailsForm(
            organisations=list(choose.cleaned_data["organisations"]),
            information=selectors.information_to_share_default(contact, signed_in_user(request)),
        )
        return _details(request, contact, form)
    return render(request, "checks/request_choose.html", {"contact": contact, "form": choose})


@requires(VIEW_CONTACT, RECORD_SHARING_DECISION)
def not_shared(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Record a decision not to share, the same way as a disclosure (golden rule 7)."""
    user = signed_in_user(request)
    contact = contact_get(user=user, pk=pk)
    form = NotSharedForm(_posted(request), partners=selectors.partner_organisations())
    if request.method == "POST" and form.is_valid():
        sharing_decline_record(actor=user, contact=contact, **form.cleaned_data)
        messages.success(request, "Decision not to share recorded")
        return redirect("checks:contact-checks", contact.pk)
    return render(request, "checks/not_shared.html", {"contact": contact, "form": form})


@requires(VIEW_CONTACT, AUTHORISE_WITHOUT_CONSENT)
def consent_override(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A team manager authorises checks without consent, with reasons."""
    user = signed_in_user(request)
    contact = contact_get(user=user, pk=pk)
    form = ConsentOverrideForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            consent_override_authorise(
                actor=user, contact=contact, reasons=form.cleaned_data["reasons"]
            )
        except CheckRefusedError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Checks without consent authorised")
            return redirect("checks:contact-checks", contact.pk)
    context = {"contact": contact, "form": form}
    return render(request, "checks/consent_override.html", context)


@requires(VIEW_CHECKS, CANCEL_CHECKS)
def cancel(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A team manager cancels an outstanding check with a reason."""
    user = signed_in_user(request)
    check = selectors.check_get_for_staff(user=user, pk=pk)
    form = CancelForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            check_cancel(actor=user, check=check, reason=form.cleaned_data["reason"])
        except CheckRefusedError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Check with {check.organisation} cancelled")
            return redirect("checks:contact-checks", check.contact_id)
    return render(request, "checks/cancel.html", {"check": check, "form": form})


@requires(VIEW_CHECKS, REQUEST_CHECKS)
def on_behalf(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Record a partner's answer given by phone, email or at a meeting, on their behalf."""
    user = signed_in_user(request)
    check = selectors.check_get_for_staff_logged(request=request, user=user, pk=pk)
    form = OnBehalfForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check_answer_on_behalf(
                actor=user,
                check=check,
                response=data["response"],
                given_by=data["given_by"],
                given_how=data["given_how"],
                given_at=data["given_at"],
            )
        except CheckRefusedError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Answer from {check.organisation} recorded")
            return redirect("checks:contact-checks", check.contact_id)
    return render(request, "checks/on_behalf.html", {"check": check, "form": form})
