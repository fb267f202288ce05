"""Thin screening views: the work tray, the team manager's view, the history-first screen
and the screening steps. Rules live in services, reads in selectors."""

from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.accounts.roles import MANAGE_TRAY, SCREEN_CONTACT, VIEW_SCREENING
from cads.accounts.selectors import signed_in_user
from cads.audit.services import access_log_record
from cads.contacts.workflow import Status as ContactStatus
from cads.core.access import requires
from cads.screening import selectors
from cads.screening.forms import ReassignForm, TrayFilterForm
from cads.screening.history import contact_history
from cads.screening.selectors import TrayRow
from cads.screening.services import (
    screening_history_viewed,
    screening_open,
    screening_reassign,
)


def _filtered(rows: list[TrayRow], form: TrayFilterForm, user_pk: int) -> list[TrayRow]:
    if not form.is_valid():
        return rows
    data = form.cleaned_data
    if data["rag"]:
        rows = [r for r in rows if (r.rag.code if r.rag else "none") == data["rag"]]
    if data["status"]:
        rows = [r for r in rows if r.contact.status == data["status"]]
    if data["worker"]:
        rows = [r for r in rows if (str(r.worker.pk) if r.worker else "none") == data["worker"]]
    if data["mine"]:
        rows = [r for r in rows if r.worker is not None and r.worker.pk == user_pk]
    if data["overdue"]:
        rows = [r for r in rows if r.overdue]
    return rows


@requires(VIEW_SCREENING)
def tray(request: HttpRequest) -> HttpResponse:
    """The work tray: every open contact, most urgent first, one household together, a page
    at a time (the same few queries however many are open)."""
    user = signed_in_user(request)
    rows = selectors.tray_rows(user)
    workers = sorted({r.worker for r in rows if r.worker}, key=lambda u: u.username)
    form = TrayFilterForm(request.GET or None, workers=workers)
    shown = _filtered(rows, form, user.pk)
    page = selectors.tray_page(selectors.group_by_household(shown), request.GET.get("page"))
    selectors.rows_shown([row for group in page for row in group])
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "groups": page.object_list,
        "query": query.urlencode(),
        "page_size": selectors.PAGE_SIZE,
        "shown": len(shown),
        "total": len(rows),
        "overdue": sum(r.overdue for r in rows),
    }
    return render(request, "screening/tray.html", context)


@requires(VIEW_SCREENING, MANAGE_TRAY)
def team(request: HttpRequest) -> HttpResponse:
    """Team manager's view: open contacts by age a page at a time, overdue work, workload."""
    rows = selectors.tray_rows(signed_in_user(request))
    by_age = sorted(rows, key=lambda r: r.contact.received_at)
    overdue = [r for r in by_age if r.overdue]
    context = {
        "page": Paginator(by_age, selectors.PAGE_SIZE).get_page(request.GET.get("page")),
        "overdue": overdue[: selectors.PAGE_SIZE],
        "overdue_count": len(overdue),
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
