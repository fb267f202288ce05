"""Thin views for the out-of-hours service (ADR 0030): its tray and the record of immediate
actions. Reads in cads.screening.out_of_hours, writes in services_out_of_hours."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cads.accounts.roles import RECORD_OUT_OF_HOURS, VIEW_OUT_OF_HOURS
from cads.accounts.selectors import signed_in_user
from cads.audit.services import access_log_record
from cads.authority.selectors import office_hours
from cads.contacts.selectors import contacts_shown
from cads.core.access import requires
from cads.core.clocks import next_working_moment
from cads.screening import out_of_hours
from cads.screening.forms_out_of_hours import ImmediateActionsForm
from cads.screening.services_out_of_hours import out_of_hours_actions_record


@requires(VIEW_OUT_OF_HOURS)
def tray(request: HttpRequest) -> HttpResponse:
    """Everything received out of hours and not yet handed over, red first."""
    rows = out_of_hours.out_of_hours_rows(signed_in_user(request))
    contacts_shown(request=request, contacts=[row.contact for row in rows])
    # The daytime front door opens (and takes these contacts over) at the next opening.
    opening = next_working_moment(timezone.now(), hours=office_hours())
    context = {"rows": rows, "opening": opening, "open_now": opening <= timezone.now()}
    return render(request, "screening/out_of_hours_tray.html", context)


@requires(VIEW_OUT_OF_HOURS, RECORD_OUT_OF_HOURS)
def actions(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Record the immediate actions taken and the summary for the daytime team."""
    user = signed_in_user(request)
    contact = out_of_hours.out_of_hours_contact(user=user, pk=pk)
    access_log_record(request=request, subject=contact)
    form = ImmediateActionsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        out_of_hours_actions_record(
            actor=user,
            contact=contact,
            actions=form.cleaned_data["actions"],
            summary=form.cleaned_data["summary"],
        )
        messages.success(request, f"Immediate actions recorded on {contact.reference}")
        return redirect("screening:out-of-hours")
    context = {
        "form": form,
        "contact": contact,
        "records": list(contact.out_of_hours_records.all()),
        "heading": "Record immediate actions",
    }
    return render(request, "screening/out_of_hours_actions.html", context)
