"""The contact record: one page with everything the contact holds (ADR 0020). Opening it
is logged, for the contact and for every person named on it the viewer may see."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.accounts.roles import VIEW_CONTACT
from cads.accounts.selectors import signed_in_user
from cads.contacts.codes import ContactKind
from cads.contacts.selectors import contact_get, contact_get_for_view, contact_record
from cads.contacts.workflow import Status
from cads.core.access import requires


@requires(VIEW_CONTACT)
def contact_record_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Every answer in the order of the professional guidance, the people on it, the
    referrer, immediate risk, consent and documents. Consultations keep their own page."""
    user = signed_in_user(request)
    contact = contact_get(user=user, pk=pk)
    if contact.kind == ContactKind.CONSULTATION:
        if contact.status == Status.CONSULTATION_RECORDED:
            return redirect("contacts:consultation-recorded", contact.pk)
        if contact.status == Status.DRAFT:
            return redirect("contacts:consultation-task", contact.pk)
    contact = contact_get_for_view(request=request, user=user, pk=pk)
    context = {
        "record": contact_record(request=request, user=user, contact=contact),
        "contact": contact,
        "being_recorded": contact.status == Status.DRAFT,
    }
    return render(request, "contacts/record/contact_record.html", context)
