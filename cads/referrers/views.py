"""A referrer's own contacts and the letters sent to them; acknowledging instructions.
Thin: reads in cads.referrers.selectors, the acknowledgement in cads.letters."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.accounts.roles import FOLLOW_OWN_CONTACTS
from cads.accounts.selectors import signed_in_user
from cads.core.access import requires
from cads.letters.models import AcknowledgedHow
from cads.letters.services_send import letter_acknowledge
from cads.referrers import selectors


@requires(FOLLOW_OWN_CONTACTS)
def contacts_list(request: HttpRequest) -> HttpResponse:
    """The contacts the user raised, and the instructions waiting for them."""
    user = signed_in_user(request)
    context = {
        "rows": selectors.referrer_rows(request=request, user=user),
        "waiting": list(selectors.instructions_waiting(user)),
        "email": user.email,
    }
    return render(request, "referrers/contacts.html", context)


@requires(FOLLOW_OWN_CONTACTS)
def letter_read(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A letter sent to the user; instructions are acknowledged here (POST)."""
    user = signed_in_user(request)
    letter = selectors.letter_get_for_referrer(request=request, user=user, pk=pk)
    needs_ack = letter.acknowledgement_required and letter.acknowledged_at is None
    if request.method == "POST" and needs_ack:
        letter_acknowledge(letter_id=letter.pk, how=AcknowledgedHow.SIGNED_IN, actor=user)
        messages.success(request, f"Instructions for {letter.contact.reference} acknowledged")
        return redirect("referrers:contacts")
    return render(request, "referrers/letter.html", {"letter": letter, "needs_ack": needs_ack})
