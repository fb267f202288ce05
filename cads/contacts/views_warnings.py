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

from cads.accounts.models import User
from cads.accounts.roles import ADD_CONTACT
from cads.accounts.selectors import signed_in_user
from cads.contacts.forms_warnings import OpenContactForm
from cads.contacts.models import Contact
from cads.contacts.models_named import WarningKind
from cads.contacts.selectors import contact_get
from cads.contacts.views_intake import draft_or_redirect, posted
from cads.contacts.warnings import (
    HIDDEN,
    ContactWarningError,
    OtherContact,
    contact_go_on_record,
    contact_update_add,
    open_contacts,
    referrer_words,
    unanswered,
)
from cads.core.access import requires
from cads.core.moments import Refusal

SLUG = "children-and-family"


GO_ON = "go on"


def open_contact_answer(
    request: HttpRequest, *, user: User, contact: Contact, others: list[OtherContact]
) -> tuple[OpenContactForm, Contact | str | None]:
    """The worker's answer to the open contact warning, shared by intake and screening: the
    form, and then GO_ON (carry on, the reason recorded), the open contact this one's
    information went into as an update, or None while there is no valid answer yet."""
    initial = {"text": contact.concern, "referrer": referrer_words(contact)}
    targets = [o.contact for o in others if o.contact is not None]
    form = OpenContactForm(posted(request), targets=targets, initial=initial)
    if request.method != "POST" or not form.is_valid():
        return form, None
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
            return form, GO_ON
        contact_update_add(
            actor=user, source=contact, into=target, text=data["text"], referrer=data["referrer"]
        )
    except (ContactWarningError, Refusal) as refused:  # a refusal: partner checks still open
        form.add_error(None, str(refused))
        return form, None
    return form, target


@requires(ADD_CONTACT)
def open_contact_warning(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    contact = contact_get(user=user, pk=pk)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    others = unanswered(contact, open_contacts(user=user, contact=contact))
    if not others:
        return redirect("contacts:section", contact.pk, SLUG)
    form, answer = open_contact_answer(request, user=user, contact=contact, others=others)
    if answer == GO_ON:
        return redirect("contacts:section", contact.pk, SLUG)
    if isinstance(answer, Contact):
        messages.success(
            request, f"Added to {answer.reference} as an update. This draft was discarded."
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
