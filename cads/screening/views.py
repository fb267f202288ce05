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
from cads.screening.out_of_hours import handed_over
from cads.screening.services import (
    screening_history_viewed,
    screening_open,
    screening_reassign,
)


@requires(VIEW_SCREENING)
def tray(request: HttpRequest) -> HttpResponse:
    """The work tray: every open contact, most urgent first, one household together, a page
    at a time (the same few queries however many are open)."""
    user = signed_in_user(request)
    form = TrayFilterForm(request.GET or None, workers=selectors.tray_workers(user))
    valid = form.is_valid()
    found = selectors.tray_page(
        request=request,
        user=user,
        filters=selectors.tray_filter(form.cleaned_data, user) if valid else None,
        overdue_only=valid and bool(form.cleaned_data["overdue"]),
        number=request.GET.get("page"),
    )
    query = request.GET.copy()
    query.pop("page", None)
    # The handover from out of hours heads the tray, apart from its ordered list (ADR 0030);
    # its contacts not on this page are logged as shown too.
    handover = handed_over(user)
    on_page = {row.contact.pk for group in found.groups for row in group}
    extra = [h.contact for h in handover if h.contact.pk not in on_page]
    if extra:
        contacts_shown(request=request, contacts=extra)
    context = {
        "handover": handover,
        "form": form,
        "page": found.page,
        "groups": found.groups,
        "query": query.urlencode(),
        "page_size": selectors.PAGE_SIZE,
        "shown": found.shown,
        "total": found.total,
        "overdue": found.overdue,
        # Step-downs Early Help sent back head the tray until a screener follows them up.
        "sent_back": list(early_help_returns_for_screeners(user)),
    }
    return render(request, "screening/tray.html", context)


@requires(VIEW_SCREENING, MANAGE_TRAY)
def team(request: HttpRequest) -> HttpResponse:
    """Team manager's view: open contacts by age a page at a time, overdue work, workload."""
    found = selectors.team_view(user=signed_in_user(request), number=request.GET.get("page"))
    context = {
        "page": found.page,
        "rows": found.rows,
        "overdue": found.overdue,
        "overdue_count": found.overdue_count,
        "workload": found.workload,
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
