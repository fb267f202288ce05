"""Professional consultation pages: start (call time), the consultation form, the record
with its reference, the conversion to a named contact, and the list of consultations.
Thin: forms validate, services in cads.contacts.consultations write and audit."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.accounts.roles import ADD_CONTACT, VIEW_CONTACT
from cads.accounts.selectors import signed_in_user
from cads.contacts.codes import Channel, ContactKind
from cads.contacts.consultations import consultation_convert, consultation_record
from cads.contacts.drafts import may_change
from cads.contacts.forms_consultation import ConsultationForm, ConsultationStartForm, ConvertForm
from cads.contacts.models import Contact
from cads.contacts.selectors import (
    contact_get,
    contact_get_for_view,
    contact_viewed,
    contacts_for_user,
)
from cads.contacts.services import (
    IncompleteContactError,
    StaleContactError,
    contact_immediate_risk_record,
    contact_section_save,
    contact_start,
)
from cads.contacts.views_being_recorded import being_recorded_page
from cads.contacts.workflow import Status
from cads.core.access import requires
from cads.core.form_versions import posted_version

SECTION = "consultation"
STARTS = "contacts.consultation_starts"  # session key: start key -> consultation made
STALE = (
    "Someone else changed this consultation while you were editing it. "
    "Your changes are below: check them, then save again."
)
CONVERTED = "The consultation is now a named contact. Everything already recorded is kept."
PER_PAGE = 25


def _consultations(request: HttpRequest) -> QuerySet[Contact]:
    user = signed_in_user(request)
    return contacts_for_user(user).filter(kind=ContactKind.CONSULTATION)


@requires(VIEW_CONTACT)
def consultation_list(request: HttpRequest) -> HttpResponse:
    """Recorded consultations, newest call first, and the user's unfinished ones."""
    consultations = _consultations(request)
    recorded = consultations.filter(status=Status.CONSULTATION_RECORDED).order_by("-received_at")
    drafts = consultations.filter(status=Status.DRAFT, created_by=signed_in_user(request))
    page = Paginator(recorded, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "drafts": drafts.order_by("-updated_at")}
    return render(request, "contacts/consultation/consultation_list.html", context)


@requires(ADD_CONTACT)
def consultation_start(request: HttpRequest) -> HttpResponse:
    """Ask when the call came in, then open the consultation. A double click makes one."""
    key = request.POST.get("start_key") or str(uuid.uuid4())
    started = request.session.get(STARTS, {})
    if request.method == "POST" and key in started:
        return redirect("contacts:consultation-task", started[key])
    form = ConsultationStartForm(request.POST or None, initial=ConsultationStartForm.initial_now())
    if request.method == "POST" and form.is_valid():
        contact = contact_start(
            actor=signed_in_user(request),
            received_at=form.received_at(),
            channel=Channel.PHONE,
            kind=ContactKind.CONSULTATION,
        )
        request.session[STARTS] = dict(list(started.items())[-9:]) | {key: str(contact.pk)}
        return redirect("contacts:consultation-task", contact.pk)
    context = {"form": form, "start_key": key}
    return render(request, "contacts/consultation/consultation_start.html", context)


def _elsewhere(request: HttpRequest, contact: Contact) -> HttpResponse | None:
    """Where to go instead of the form: converted contacts go to the intake task list,
    recorded consultations to their record, someone else's draft is shown read only."""
    if contact.kind != ContactKind.CONSULTATION:
        return redirect("contacts:task-list", contact.pk)
    if contact.status == Status.CONSULTATION_RECORDED:
        return redirect("contacts:consultation-recorded", contact.pk)
    if contact.status != Status.DRAFT:  # discarded: kept on the record, not worked on
        raise Http404("This consultation was discarded")
    if not may_change(signed_in_user(request), contact):
        return being_recorded_page(request, contact)
    return None


def _initial(contact: Contact) -> dict[str, Any]:
    initial = {
        name: getattr(contact, name)
        for name in ConsultationForm.base_fields
        if name != "immediate_risk"
    }
    risk = contact.immediate_risk
    return initial | {"immediate_risk": "" if risk is None else ("yes" if risk else "no")}


@requires(ADD_CONTACT)
def consultation_task(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The consultation form: Save keeps a draft, Record consultation completes it, and
    "This is a concern" saves and goes on to convert it into a named contact."""
    user = signed_in_user(request)
    contact = contact_get(user=user, pk=pk)
    if request.method != "POST":
        if (elsewhere := _elsewhere(request, contact)) is not None:
            return elsewhere
        contact_viewed(request=request, contact=contact)
        return _task_page(request, contact, ConsultationForm())
    key = _submission_key(request)
    if _is_recorded(key):
        return redirect("contacts:consultation-recorded", contact.pk)  # a double click
    return _elsewhere(request, contact) or _save(request, contact, key)


def _is_recorded(key: uuid.UUID | None) -> bool:
    return key is not None and Contact.objects.filter(submission_key=key).exists()


def _save(request: HttpRequest, contact: Contact, key: uuid.UUID | None) -> HttpResponse:
    action = request.POST.get("action", "save")
    form = ConsultationForm(request.POST, recording=action == "record")
    if not form.is_valid():
        return _task_page(request, contact, form)
    try:
        contact = contact_section_save(
            actor=signed_in_user(request),
            contact=contact,
            section=SECTION,
            changes=form.changes(),
            expected_version=posted_version(request, missing=contact.version),
        )
    except StaleContactError:
        if _is_recorded(key):  # the other click of a double click won the race
            return redirect("contacts:consultation-recorded", contact.pk)
        form.add_error(None, STALE)
        contact = contact_get(user=signed_in_user(request), pk=contact.pk)
        return _task_page(request, contact, form)
    answer = form.cleaned_data.get("immediate_risk")
    if answer and contact.immediate_risk != (answer == "yes"):
        contact = contact_immediate_risk_record(
            actor=signed_in_user(request), contact=contact, at_risk=answer == "yes"
        )
    if answer == "yes":
        # A child at immediate risk is a concern, never advice only: make it a contact now.
        return redirect("contacts:consultation-convert", contact.pk)
    return _after_save(request, contact, form, action, key)


def _after_save(
    request: HttpRequest,
    contact: Contact,
    form: ConsultationForm,
    action: str,
    key: uuid.UUID | None,
) -> HttpResponse:
    if action == "convert":
        return redirect("contacts:consultation-convert", contact.pk)
    if action != "record" or key is None:
        messages.success(request, "Consultation saved")
        return redirect("contacts:consultation-task", contact.pk)
    try:
        consultation_record(actor=signed_in_user(request), contact=contact, submission_key=key)
    except IncompleteContactError as exc:
        for problem in exc.missing:
            form.add_error(None, problem)
        return _task_page(request, contact, form)
    return redirect("contacts:consultation-recorded", contact.pk)


def _submission_key(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get("submission_key", ""))
    except ValueError:
        return None


def _task_page(request: HttpRequest, contact: Contact, form: ConsultationForm) -> HttpResponse:
    if not form.is_bound:
        form = ConsultationForm(initial=_initial(contact))
    context = {
        "contact": contact,
        "form": form,
        "version": contact.version,
        "submission_key": request.POST.get("submission_key") or uuid.uuid4(),
    }
    return render(request, "contacts/consultation/consultation_task.html", context)


@requires(VIEW_CONTACT)
def consultation_recorded(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The confirmation: the reference, what was recorded, and the record still to send."""
    contact = contact_get_for_view(request=request, user=signed_in_user(request), pk=pk)
    if contact.kind != ContactKind.CONSULTATION:
        return redirect("contacts:task-list", contact.pk)
    if contact.status != Status.CONSULTATION_RECORDED:
        return redirect("contacts:consultation-task", contact.pk)
    context = {"contact": contact, "convert_form": ConvertForm()}
    return render(request, "contacts/consultation/consultation_recorded.html", context)


@requires(ADD_CONTACT)
def consultation_convert_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Make a concerning consultation a named contact in one step, with the reason; the
    referrer, call time and overview are kept and the intake task list opens."""
    user = signed_in_user(request)
    contact = contact_get(user=user, pk=pk)
    if contact.kind != ContactKind.CONSULTATION:
        return redirect("contacts:task-list", contact.pk)
    if contact.status == Status.DISCARDED:
        raise Http404("This consultation was discarded")
    if not may_change(user, contact):
        return being_recorded_page(request, contact)
    if request.method != "POST":
        contact_viewed(request=request, contact=contact)
    form = ConvertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = consultation_convert(
            actor=user, contact=contact, reason=form.cleaned_data["reason"]
        )
        messages.success(request, CONVERTED)
        return redirect("contacts:task-list", contact.pk)
    context = {"contact": contact, "form": form}
    return render(request, "contacts/consultation/consultation_convert.html", context)
