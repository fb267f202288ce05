"""Thin screening views: the work tray, the team manager's view, the history-first screen
and the screening steps. Rules live in services, reads in selectors."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.accounts.roles import MANAGE_TRAY, SCREEN_CONTACT, VIEW_SCREENING
from cads.accounts.selectors import signed_in_user
from cads.audit.services import access_log_record
from cads.contacts.selectors import contacts_shown
from cads.contacts.workflow import Status as ContactStatus
from cads.core.access import requires
from cads.decisions.selectors import early_help_returns_for_screeners
from cads.screening import selectors
from cads.screening.forms import ReassignForm, TrayFilterForm
from cads.screening.history import contact_history
from cads.screening.selectors import TrayRow
from cads.screening.services import (
    screening_history_viewed,
    screening_open,
    screening_reassign,
)


def _filtered(rows: list[TrayRow], form: TrayFilterForm) -> list[TrayRow]:
    if not form.is_valid():
        return rows
    data = form.cleaned_data
    if data["rag"]:
        rows = [r for r in rows if (r.rag.code if r.rag else "none") == data["rag"]]
    if data["status"]:
        rows = [r for r in rows if r.contact.status == data["status"]]
    if data["worker"]:
        rows = [r for r in rows if (str(r.worker.pk) if r.worker else "none") == data["worker"]]
    if data["overdue"]:
        rows = [r for r in rows if r.overdue]
    return rows


@requires(VIEW_SCREENING)
def tray(request: HttpRequest) -> HttpResponse:
    """The work tray: every open contact, most urgent first, one household together."""
    rows = selectors.tray_rows(signed_in_user(request))
    workers = sorted({r.worker for r in rows if r.worker}, key=lambda u: u.username)
    form = TrayFilterForm(request.GET or None, workers=workers)
    shown = _filtered(rows, form)
    contacts_shown(request=request, contacts=[row.contact for row in shown])
    context = {
        "form": form,
        "groups": selectors.group_by_household(shown),
        "shown": len(shown),
        "total": len(rows),
        "overdue": sum(r.overdue for r in rows),
        # Step-downs Early Help sent back head the tray until a screener follows them up.
        "sent_back": list(early_help_returns_for_screeners(signed_in_user(request))),
    }
    return render(request, "screening/tray.html", context)


@requires(VIEW_SCREENING, MANAGE_TRAY)
def team(request: HttpRequest) -> HttpResponse:
    """Team manager's view: every open contact by age, overdue decisions, workload."""
    rows = selectors.tray_rows(signed_in_user(request))
    by_age = sorted(rows, key=lambda r: r.contact.received_at)
    context = {
        "rows": by_age,
        "overdue": [r for r in by_age if r.overdue],
        "workload": selectors.workload(rows),
    }
    return render(request, "screening/team.html", context)


@requires(VIEW_SCREENING, MANAGE_TRAY)
def reassign(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    contact = selectors.contact_for_screening(user=user, pk=pk)
    access_log_record(request=request, subject=contact)
    screening = screening_open(actor=user, contact=contact)
    workers = selectors.reassignable_workers()
    form = ReassignForm(request.POST or None, workers=workers, initial={"worker": screening.worker})
    if request.method == "POST" and form.is_valid():
        screening_reassign(
            actor=user,
            screening=screening,
            worker=form.cleaned_data["worker"],
            reason=form.cleaned_data["reason"],
        )
        return redirect("screening:team")
    return render(
        request,
        "screening/reassign.html",
        {"form": form, "contact": contact, "screening": screening, "heading": "Reassign contact"},
    )


@requires(VIEW_SCREENING, SCREEN_CONTACT)
def history(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """History first: opening a contact shows what is already known before anything else.
    The first screener to open a submitted contact starts screening it."""
    user = signed_in_user(request)
    contact = selectors.contact_for_screening(user=user, pk=pk)
    access_log_record(request=request, subject=contact)
    if contact.status in selectors.OPEN:
        screening = screening_open(actor=user, contact=contact)
        screening_history_viewed(actor=user, screening=screening)
        contact.refresh_from_db()
    entries = contact_history(request=request, user=user, contact=contact)
    context = {
        "contact": contact,
        "entries": entries,
        "open": contact.status != ContactStatus.CLOSED,
    }
    return render(request, "screening/history.html", context)
