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
from cads.contacts.forms_warnings import OpenContactForm
from cads.contacts.models_named import WarningKind
from cads.contacts.warnings import (
    HIDDEN,
    ContactWarningError,
    contact_go_on_record,
    contact_update_add,
    open_contacts,
    referrer_words,
    unanswered,
)
from cads.core.access import requires
from cads.core.moments import Refusal
from cads.screening import selectors


@requires(VIEW_SCREENING, SCREEN_CONTACT)
def open_contact(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    contact = selectors.contact_for_screening(user=user, pk=pk)
    access_log_record(request=request, subject=contact)
    others = unanswered(contact, open_contacts(user=user, contact=contact))
    if contact.status not in selectors.OPEN or not others:
        return redirect("screening:screen", contact.pk)
    initial = {"text": contact.concern, "referrer": referrer_words(contact)}
    targets = [o.contact for o in others if o.contact is not None]
    form = OpenContactForm(request.POST or None, targets=targets, initial=initial)
    if request.method == "POST" and form.is_valid():
        data, target = form.cleaned_data, form.target()
        try:
            if target is None:
                contact_go_on_record(
                    actor=user,
                    contact=contact,
                    warning=WarningKind.OPEN_CONTACT,
                    shown=others,
                    reason=data["reason"],
                )
                return redirect("screening:screen", contact.pk)
            contact_update_add(
                actor=user,
                source=contact,
                into=target,
                text=data["text"],
                referrer=data["referrer"],
            )
        except (ContactWarningError, Refusal) as refused:  # partner checks still open
            form.add_error(None, str(refused))
        else:
            messages.success(
                request, f"Added to {target.reference} as an update; {contact.reference} closed"
            )
            return redirect("screening:screen", target.pk)
    context = {
        "contact": contact,
        "others": others,
        "form": form,
        "hidden_text": HIDDEN,
        "back_url": reverse("screening:screen", args=[contact.pk]),
        "back_text": "Back to screening",
    }
    return render(request, "contacts/open_contact_warning.html", context)
