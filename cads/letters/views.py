"""Letters on a contact: preview, edit and send one letter (a new one, or one owed);
open a sent letter's PDF; resend; record that instructions were received (by staff, or
by the recipient through the signed link in the letter); the letters still owed."""

from __future__ import annotations

import hashlib
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from cads.accounts.roles import SEND_LETTER, VIEW_LETTER
from cads.accounts.selectors import signed_in_user
from cads.contacts.codes import ContactKind
from cads.contacts.models import Contact
from cads.contacts.selectors import contact_get_for_view
from cads.core.access import public, requires
from cads.letters.forms import LetterSendForm, ResendForm, UnconfirmedCheckForm
from cads.letters.models import AcknowledgedHow, Letter, LetterKind
from cads.letters.selectors import (
    letter_already_queued,
    letter_get,
    letter_get_for_view,
    letter_writer_check,
    letters_owed,
    recipient_for,
)
from cads.letters.services import (
    LetterError,
    Recipient,
    current_template,
    latest_final_decision,
    letter_text,
)
from cads.letters.services_send import (
    letter_acknowledge,
    letter_resend,
    letter_send,
    letter_unconfirmed_check,
)
from cads.letters.stuck import is_stuck
from cads.letters.tokens import letter_id_from_token
from cads.letters.workflow import LetterStatus


def contact_page(contact: Contact) -> str:
    """Where a contact's letters are listed: the consultation page or the screening page."""

    if contact.kind == ContactKind.CONSULTATION:
        return reverse("contacts:consultation-recorded", args=[contact.pk])
    return reverse("screening:screen", args=[contact.pk])


def _send_page(
    request: HttpRequest, contact: Contact, kind: str, owed: Letter | None
) -> HttpResponse:
    user = signed_in_user(request)
    letter_writer_check(user=user, contact=contact)
    template = owed.template if owed else current_template(kind)
    key = owed.pk if owed else uuid.uuid4()
    recipient = recipient_for(contact, kind, owed)
    initial = {
        "recipient_name": recipient.name,
        "recipient_email": recipient.email,
        "recipient_address": recipient.address,
        "send_key": key,
    }
    form = LetterSendForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if owed and data["send_key"] != owed.pk:
            raise Http404
        if letter_already_queued(data["send_key"]):
            messages.info(request, f"This {LetterKind(kind).label.lower()} was already queued")
            return redirect(contact_page(contact))
        try:
            letter_send(
                actor=user,
                contact=contact,
                kind=kind,
                text=data["text"].replace("\r\n", "\n"),
                recipient=Recipient(
                    data["recipient_name"], data["recipient_email"], data["recipient_address"]
                ),
                letter_id=data["send_key"],
            )
        except LetterError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"{LetterKind(kind).label} queued to send")
            if owed and owed.decision_id:
                return redirect("decisions:decision-detail", owed.decision_id)
            return redirect(contact_page(contact))
    if not form.is_bound:
        text = letter_text(
            contact=contact,
            kind=kind,
            letter_id=key,
            recipient_name=recipient.name,
            decision=owed.decision if owed else None,
        )
        form.initial["text"] = text
    context = {
        "contact": contact,
        "template": template,
        "form": form,
        "kind": kind,
        "owed": owed,
        "back": reverse("decisions:decision-detail", args=[owed.decision_id])
        if owed and owed.decision_id
        else contact_page(contact),
    }
    return render(request, "letters/preview.html", context)


@requires(VIEW_LETTER, SEND_LETTER)
def letter_preview(request: HttpRequest, pk: uuid.UUID, kind: str) -> HttpResponse:
    """Preview a new letter about the contact, edit who it is to and its text, send it."""
    if kind not in LetterKind.values:
        raise Http404
    user = signed_in_user(request)
    contact = contact_get_for_view(request=request, user=user, pk=pk)
    if contact.referrer_anonymous and kind != LetterKind.FAMILY:
        raise PermissionDenied  # nobody to write to
    if kind == LetterKind.OUTCOME and latest_final_decision(contact) is None:
        raise Http404("There is no final decision to write about yet")
    try:
        return _send_page(request, contact, kind, None)
    except LetterError as exc:
        raise Http404(exc.message) from exc


@requires(VIEW_LETTER, SEND_LETTER)
def letter_prepare(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Preview, edit and send a letter owed (for example a consultation record)."""
    letter = letter_get(user=signed_in_user(request), pk=pk)
    if letter.status != LetterStatus.TO_SEND:
        return redirect(contact_page(letter.contact))
    contact = contact_get_for_view(
        request=request, user=signed_in_user(request), pk=letter.contact_id
    )
    try:
        return _send_page(request, contact, letter.kind, letter)
    except LetterError as exc:
        raise Http404(exc.message) from exc


@requires(VIEW_LETTER)
def letter_pdf(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The letter as sent (PDF), only if it still matches the hash taken when it was made."""
    user = signed_in_user(request)
    letter_writer_check(user=user, contact=letter_get(user=user, pk=pk).contact)
    letter = letter_get_for_view(request=request, user=user, pk=pk)
    pdf = bytes(letter.pdf)
    if not letter.made:
        raise Http404("This letter has not been made yet")
    if hashlib.sha256(pdf).hexdigest() != letter.sha256:
        raise Http404("This letter no longer matches its record")
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{letter.contact.reference or 'letter'}-{letter.kind}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@requires(VIEW_LETTER, SEND_LETTER)
def letter_resend_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Send a letter again (a failed one, or a copy): a new record, the first kept."""
    user = signed_in_user(request)
    letter = letter_get(user=user, pk=pk)
    letter_writer_check(user=user, contact=letter.contact)
    form = ResendForm(request.POST)
    if not form.is_valid():
        raise Http404
    if letter_already_queued(form.cleaned_data["send_key"]):
        messages.info(request, f"This {letter.get_kind_display().lower()} was already sent again")
        return redirect(contact_page(letter.contact))
    try:
        letter_resend(actor=user, letter=letter, letter_id=form.cleaned_data["send_key"])
    except LetterError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{letter.get_kind_display()} queued to send again")
    return redirect(contact_page(letter.contact))


@require_POST
@requires(VIEW_LETTER, SEND_LETTER)
def letter_unconfirmed_check_view(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Record what the recipient said about a "sent — unconfirmed" letter (ADR 0024)."""
    user = signed_in_user(request)
    letter = letter_get(user=user, pk=pk)
    letter_writer_check(user=user, contact=letter.contact)
    form = UnconfirmedCheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Select whether the letter arrived")
        return redirect(contact_page(letter.contact))
    arrived = form.cleaned_data["arrived"]
    letter_unconfirmed_check(actor=user, letter_id=letter.pk, arrived=arrived)
    kind = letter.get_kind_display()
    messages.success(
        request,
        f"{kind} recorded as sent" if arrived else f"{kind} recorded as not sent: send it again",
    )
    return redirect(contact_page(letter.contact))


@require_POST
@requires(VIEW_LETTER, SEND_LETTER)
def letter_receipt_record(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Staff record that the school or professional confirmed they received instructions."""
    user = signed_in_user(request)
    letter = letter_get(user=user, pk=pk)
    letter_writer_check(user=user, contact=letter.contact)
    try:
        letter_acknowledge(letter_id=letter.pk, how=AcknowledgedHow.STAFF, actor=user)
    except LetterError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Receipt of the instructions recorded")
    return redirect(contact_page(letter.contact))


@public
def letter_receipt_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in a letter of instructions. Opening it shows a button (a link checker
    following it records nothing); pressing the button records receipt. The page names
    nothing but the reference."""
    letter_id = letter_id_from_token(token)
    if letter_id is None:
        raise Http404("This link is not valid")
    letter = Letter.objects.filter(pk=letter_id, acknowledgement_required=True).first()
    if letter is None:
        raise Http404("This link is not valid")
    if request.method == "POST":
        letter = letter_acknowledge(letter_id=letter.pk, how=AcknowledgedHow.LINK)
    context = {"reference": letter.contact.reference, "acknowledged_at": letter.acknowledged_at}
    return render(request, "letters/receipt_confirm.html", context)


@requires(VIEW_LETTER)
def letters_owed_list(request: HttpRequest) -> HttpResponse:
    """Letters not yet sent: first those a person must check (sent — unconfirmed, or stuck
    on their way), then failed ones, then the rest by due time (overdue flagged)."""
    rows = letters_owed(user=signed_in_user(request))
    now = timezone.now()
    for row in rows:
        row.contact_url = contact_page(row.contact)  # type: ignore[attr-defined]
        row.stuck = is_stuck(row, now)  # type: ignore[attr-defined]
    check = [r for r in rows if r.status == LetterStatus.SENT_UNCONFIRMED or r.stuck]  # type: ignore[attr-defined]
    context = {
        "check": check,
        "failed": [r for r in rows if r.status == LetterStatus.FAILED],
        "owed": [r for r in rows if r not in check and r.status != LetterStatus.FAILED],
        "now": now,
    }
    return render(request, "letters/owed.html", context)
