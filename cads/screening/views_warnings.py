"""The open contact warning at screening (ADR 0021): another contact about the same children
is still open, so the screener adds this contact's information to it as an update (this
contact then closes with that reason, the open one keeps its clock) or goes on with a
reason. Thin: rules and writes in cads.contacts.warnings."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from cads.accounts.roles import SCREEN_CONTACT, VIEW_SCREENING
from cads.accounts.selectors import signed_in_user
from cads.audit.services import access_log_record
from cads.contacts.models import Contact
from cads.contacts.views_warnings import GO_ON, open_contact_answer
from cads.contacts.warnings import HIDDEN, open_contacts, unanswered
from cads.core.access import requires
from cads.screening import selectors


@requires(VIEW_SCREENING, SCREEN_CONTACT)
def open_contact(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    contact = selectors.contact_for_screening(user=user, pk=pk)
    access_log_record(request=request, subject=contact)
    others = unanswered(contact, open_contacts(user=user, contact=contact))
    if contact.status not in selectors.OPEN or not others:
        return redirect("screening:screen", contact.pk)
    form, answer = open_contact_answer(request, user=user, contact=contact, others=others)
    if answer == GO_ON:
        return redirect("screening:screen", contact.pk)
    if isinstance(answer, Contact):
        messages.success(
            request, f"Added to {answer.reference} as an update; {contact.reference} closed"
        )
        return redirect("screening:screen", answer.pk)
    context = {
        "contact": contact,
        "others": others,
        "form": form,
        "hidden_text": HIDDEN,
        "back_url": reverse("screening:screen", args=[contact.pk]),
        "back_text": "Back to screening",
    }
    return render(request, "contacts/open_contact_warning.html", context)
