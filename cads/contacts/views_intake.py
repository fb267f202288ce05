"""Staff intake pages: start, the immediate-risk question, the task list and its sections,
check answers, submit and the confirmation. Thin: forms validate, services write (each
"Save and continue" is in the database at once), selectors read and log."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from cads.accounts.roles import ADD_CONTACT, VIEW_CONTACT
from cads.accounts.selectors import signed_in_user
from cads.authority.selectors import office_hours
from cads.contacts.answers import Row, answer_sections, missing_links, section_statuses
from cads.contacts.codes import Channel, ContactKind
from cads.contacts.drafts import may_change
from cads.contacts.forms_intake import ContactStartForm, ImmediateRiskForm, yes_no
from cads.contacts.forms_sections import SECTION_FORMS
from cads.contacts.models import Contact
from cads.contacts.models_named import WarningKind
from cads.contacts.sections import BY_SLUG, missing_for_submit, sections_for
from cads.contacts.selectors import (
    children_named,
    contact_get,
    contact_viewed,
    contacts_shown,
    drafts_for_user,
    front_door_queue,
)
from cads.contacts.services import (
    IncompleteContactError,
    StaleContactError,
    contact_immediate_risk_record,
    contact_section_save,
    contact_start,
    contact_submit,
    is_out_of_hours_worker,
)
from cads.contacts.views_being_recorded import being_recorded_page
from cads.contacts.warnings import HIDDEN_REPEAT, contact_go_on_record, repeat_contacts, went_on
from cads.contacts.workflow import Status, TransitionError
from cads.core.access import requires
from cads.core.clocks import is_out_of_hours, next_working_moment
from cads.core.form_versions import posted_version

REPEAT_ERROR = "Confirm this is new information, not the same contact again"
CONFIRMED = "Confirmed at check answers: new information, not the same contact again"
STALE = (
    "Someone else saved this contact while you were working on it. Your answers are below: "
    "check them, then select Save and continue again."
)


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST (even an empty one, so it shows its errors), else None."""
    return request.POST if request.method == "POST" else None


def draft_or_redirect(request: HttpRequest, contact: Contact) -> HttpResponse | None:
    """Submitted contacts are not edited here; consultations have their own pages; someone
    else's draft is shown read only, with who is recording it."""
    if contact.kind == ContactKind.CONSULTATION:
        return redirect("contacts:consultation-task", contact.pk)
    if contact.status == Status.SUBMITTED:
        return redirect("contacts:confirmation", contact.pk)
    if contact.status != Status.DRAFT:
        return redirect("contacts:record", contact.pk)
    if not may_change(signed_in_user(request), contact):
        return being_recorded_page(request, contact)
    return None


def _start_initial(request: HttpRequest) -> dict[str, Any]:
    now = timezone.localtime()
    ooh = is_out_of_hours_worker(signed_in_user(request))
    return {
        "received_date": now.date(),
        "received_time": now.strftime("%H:%M"),
        "channel": Channel.OUT_OF_HOURS if ooh else Channel.PHONE,
        "kind": ContactKind.CONTACT,
    }


def _after_start(contact: Contact) -> HttpResponse:
    if contact.kind == ContactKind.CONSULTATION:
        return redirect("contacts:consultation-task", contact.pk)
    return redirect("contacts:immediate-risk", contact.pk)


def _start_key(request: HttpRequest) -> uuid.UUID:
    """The start form's one-time key: the page gives a UUID; any other text posted is
    turned into one, so it still opens one draft; a new key when there is none."""
    raw = request.POST.get("start_key", "")
    if not raw:
        return uuid.uuid4()
    try:
        return uuid.UUID(raw)
    except ValueError:
        return uuid.uuid5(uuid.NAMESPACE_OID, f"cads-start:{raw}")


@requires(ADD_CONTACT)
def contact_start_view(request: HttpRequest) -> HttpResponse:
    """Record a contact: when it was received (defaults to now), how, and what kind. A
    double click or a resent form opens the same draft (the key is kept on the draft)."""
    key = _start_key(request)
    form = ContactStartForm(posted(request), initial=_start_initial(request))
    if request.method == "POST" and form.is_valid():
        contact = contact_start(
            actor=signed_in_user(request),
            received_at=form.cleaned_data["received_at"],
            channel=form.cleaned_data["channel"],
            kind=form.cleaned_data["kind"],
            start_key=key,
        )
        return _after_start(contact)
    return render(request, "contacts/intake/start.html", {"form": form, "start_key": key})


@requires(ADD_CONTACT)
def immediate_risk(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The first question on every intake (issue 4: "Is a child at immediate risk of
    significant harm now?"). Yes marks the contact red before anything else is typed."""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    form = ImmediateRiskForm(posted(request), initial={"at_risk": yes_no(contact.immediate_risk)})
    if request.method == "POST" and form.is_valid():
        at_risk = form.cleaned_data["at_risk"] == "yes"
        contact_immediate_risk_record(
            actor=signed_in_user(request), contact=contact, at_risk=at_risk
        )
        if at_risk:
            return redirect("contacts:act-now", contact.pk)
        return redirect("contacts:task-list", contact.pk)
    return render(
        request, "contacts/intake/immediate_risk.html", {"form": form, "contact": contact}
    )


@requires(ADD_CONTACT)
def act_now(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The interruption card: what to do now, before the record is finished. The advice
    depends on who is reading it and when: the out-of-hours service is not told to ring
    itself, and nobody is told to ring a duty senior who is off until the office opens."""
    user = signed_in_user(request)
    contact = contact_get(user=user, pk=pk)
    now, hours = timezone.now(), office_hours()
    context = {
        "contact": contact,
        "in_office_hours": not is_out_of_hours(now, hours=hours),
        "reader_out_of_hours": is_out_of_hours_worker(user),
        "opening": next_working_moment(now, hours=hours),
    }
    return render(request, "contacts/intake/act_now.html", context)


@requires(ADD_CONTACT)
def task_list(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The GOV.UK task list: each section and whether it is done."""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    contact_viewed(request=request, contact=contact)
    if contact.immediate_risk is None:
        return redirect("contacts:immediate-risk", contact.pk)
    statuses = section_statuses(contact)
    context = {
        "contact": contact,
        "tasks": statuses,
        "done": sum(1 for task in statuses if task.status == "Completed"),
    }
    return render(request, "contacts/intake/task_list.html", context)


@requires(ADD_CONTACT)
def section(request: HttpRequest, pk: uuid.UUID, section: str) -> HttpResponse:
    """One section; "Save and continue" writes it to the database and returns to the list."""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    # Children and family has its own pages (cads.contacts.views_children) and URL.
    if section not in SECTION_FORMS:
        raise Http404("No such section")
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    form_class = SECTION_FORMS[section]
    form = form_class(posted(request), initial=form_class.initial_for(contact))
    version = contact.version
    if request.method == "POST" and form.is_valid():
        try:
            contact_section_save(
                actor=signed_in_user(request),
                contact=contact,
                section=section,
                changes=form.changes(),
                expected_version=posted_version(request),
            )
        except StaleContactError:
            form.add_error(None, STALE)
        else:
            return redirect("contacts:task-list", contact.pk)
    context = {"form": form, "contact": contact, "version": version, "section": BY_SLUG[section]}
    return render(request, "contacts/intake/section.html", context)


def _check_answers_page(
    request: HttpRequest,
    contact: Contact,
    missing: list[str],
    status: int = 200,
    repeat_error: bool = False,
) -> HttpResponse:
    problems = missing_links(contact, missing)
    if repeat_error:
        problems.append(Row(REPEAT_ERROR, "#repeat-confirmed"))
    context = {
        "contact": contact,
        "sections": answer_sections(contact, viewer=signed_in_user(request)),
        "missing": problems,
        "submission_key": uuid.uuid4(),
        "repeats": repeat_contacts(user=signed_in_user(request), contact=contact),
        "repeat_hours": settings.CADS_REPEAT_CONTACT_HOURS,
        "hidden_repeat": HIDDEN_REPEAT,
        "repeat_error": repeat_error,
    }
    return render(request, "contacts/intake/check_answers.html", context, status=status)


def _submit(request: HttpRequest, contact: Contact, key: uuid.UUID) -> HttpResponse:
    """Submit; a repeat of a recent contact from the same referrer about the same children
    goes in only once the worker confirms it is new information (recorded, ADR 0021)."""
    user = signed_in_user(request)
    repeats = [] if contact.status != Status.DRAFT else repeat_contacts(user=user, contact=contact)
    confirmed = request.POST.get("repeat_confirmed") == "yes"
    if repeats and not confirmed and went_on(contact, WarningKind.REPEAT) is None:
        return _check_answers_page(request, contact, [], status=400, repeat_error=True)
    try:
        done = contact_submit(actor=user, contact=contact, submission_key=key)
    except IncompleteContactError as error:
        return _check_answers_page(request, contact, error.missing, status=400)
    except TransitionError:
        # A second tab submitting after the contact was submitted and screening began (or
        # after it was discarded): show where the contact is now.
        contact.refresh_from_db()
        messages.info(request, f"This contact is already {contact.get_status_display().lower()}")
        return draft_or_redirect(request, contact) or redirect("contacts:record", contact.pk)
    if repeats and went_on(done, WarningKind.REPEAT) is None:
        contact_go_on_record(
            actor=user, contact=done, warning=WarningKind.REPEAT, shown=repeats, reason=CONFIRMED
        )
    return redirect("contacts:confirmation", done.pk)


@requires(ADD_CONTACT)
def check_answers(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Check your answers, then submit. The hidden one-time key makes a double click or a
    resent form find the contact already submitted instead of making a second one."""
    user = signed_in_user(request)
    contact = contact_get(user=user, pk=pk)
    if contact.kind == ContactKind.CONSULTATION:
        return redirect("contacts:consultation-task", contact.pk)
    if not may_change(user, contact):
        return being_recorded_page(request, contact)
    contact_viewed(request=request, contact=contact)
    if request.method == "POST":
        try:
            key = uuid.UUID(request.POST.get("submission_key", ""))
        except ValueError:
            return redirect("contacts:check-answers", contact.pk)
        return _submit(request, contact, key)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    return _check_answers_page(request, contact, missing_for_submit(contact))


@requires(ADD_CONTACT)
def confirmation(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The reference and what happens next."""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    if contact.status == Status.DRAFT:
        return redirect("contacts:task-list", contact.pk)
    if contact.status != Status.SUBMITTED:  # screened or closed since: the whole record
        return redirect("contacts:record", contact.pk)
    context = {
        "contact": contact,
        "joins_queue_later": contact.queue_from is not None and contact.queue_from > timezone.now(),
        "start_url": reverse("contacts:contact-start"),
    }
    return render(request, "contacts/intake/confirmation.html", context)


@requires(ADD_CONTACT)
def drafts(request: HttpRequest) -> HttpResponse:
    """Your drafts: everything saved so far survives a closed browser, an expired sign-in
    and a server restart, and is picked up here."""
    user = signed_in_user(request)
    found = drafts_for_user(user).prefetch_related("subjects__person")
    rows = [
        {"contact": draft, "done": len(draft.sections_done), "total": len(sections_for(draft))}
        for draft in children_named(request=request, viewer=user, contacts=found)
    ]
    return render(request, "contacts/intake/drafts.html", {"drafts": rows})


@requires(VIEW_CONTACT)
def queue(request: HttpRequest) -> HttpResponse:
    """The front-door queue: immediate risk first, then oldest received first. Out-of-hours
    contacts appear from the start of the next working day."""
    user = signed_in_user(request)
    contacts = children_named(request=None, viewer=user, contacts=front_door_queue(user))
    contacts_shown(request=request, contacts=contacts)
    return render(request, "contacts/intake/queue.html", {"contacts": contacts})
