"""The open contact warning at intake: when a child is added to a contact being recorded and
another contact about them is still open, the call handler adds the new information to that
contact as an update (this draft is then discarded with that reason) or goes on with a
reason (ADR 0021). Thin: rules and writes in cads.contacts.warnings."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from cads.accounts.roles import ADD_CONTACT
from cads.accounts.selectors import signed_in_user
from cads.contacts.forms_warnings import OpenContactForm
from cads.contacts.models_named import WarningKind
from cads.contacts.selectors import contact_get
from cads.contacts.views_intake import draft_or_redirect, posted
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

SLUG = "children-and-family"


@requires(ADD_CONTACT)
def open_contact_warning(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    contact = contact_get(user=user, pk=pk)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    others = unanswered(contact, open_contacts(user=user, contact=contact))
    if not others:
        return redirect("contacts:section", contact.pk, SLUG)
    initial = {"text": contact.concern, "referrer": referrer_words(contact)}
    targets = [o.contact for o in others if o.contact is not None]
    form = OpenContactForm(posted(request), targets=targets, initial=initial)
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
                return redirect("contacts:section", contact.pk, SLUG)
            contact_update_add(
                actor=user,
                source=contact,
                into=target,
                text=data["text"],
                referrer=data["referrer"],
            )
        except ContactWarningError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request, f"Added to {target.reference} as an update. This draft was discarded."
            )
            return redirect("contacts:drafts")
    context = {
        "contact": contact,
        "others": others,
        "form": form,
        "hidden_text": HIDDEN,
        "back_url": reverse("contacts:children", args=[contact.pk]),
        "back_text": "Back to children and family",
    }
    return render(request, "contacts/open_contact_warning.html", context)
