"""Letters on a contact: preview, edit and send one letter; open a sent letter's PDF."""

from __future__ import annotations

import hashlib
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.accounts.roles import SEND_LETTER, VIEW_LETTER
from cads.contacts.selectors import contact_get_for_view
from cads.core.access import requires, signed_in_user
from cads.letters.forms import LetterSendForm
from cads.letters.models import LetterKind
from cads.letters.selectors import letter_get_for_view
from cads.letters.services import (
    LetterError,
    has_named_referrer,
    letter_preview_text,
    letter_send,
)


@requires(VIEW_LETTER, SEND_LETTER)
def letter_preview(request: HttpRequest, pk: uuid.UUID, kind: str) -> HttpResponse:
    """Preview a letter for the contact's referrer, edit its text, and send it."""
    if kind not in LetterKind.values:
        raise Http404
    user = signed_in_user(request)
    contact = contact_get_for_view(request=request, user=user, pk=pk)
    if not has_named_referrer(contact):
        raise PermissionDenied  # nobody to write to: anonymous or no email address
    try:
        template, text = letter_preview_text(contact=contact, kind=kind)
    except LetterError as exc:
        raise Http404(exc.message) from exc
    form = LetterSendForm(
        request.POST if request.method == "POST" else None,
        initial={"text": text, "send_key": uuid.uuid4()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            letter_send(
                actor=user,
                contact=contact,
                kind=kind,
                text=form.cleaned_data["text"].replace("\r\n", "\n"),
                idempotency_key=f"manual:{form.cleaned_data['send_key']}",
            )
        except LetterError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{LetterKind(kind).label} queued to send")
            return redirect("screening:screen", contact.pk)
    context = {"contact": contact, "template": template, "form": form, "kind": kind}
    return render(request, "letters/preview.html", context)


@requires(VIEW_LETTER)
def letter_pdf(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The letter as sent (PDF), only if it still matches the hash taken when it was made."""
    letter = letter_get_for_view(request=request, user=signed_in_user(request), pk=pk)
    pdf = bytes(letter.pdf)
    if hashlib.sha256(pdf).hexdigest() != letter.sha256:
        raise Http404("This letter no longer matches its record")
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{letter.contact.reference or 'letter'}-{letter.kind}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
