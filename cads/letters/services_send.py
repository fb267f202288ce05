"""Writes a person makes about one letter: send it (from the previewed and edited text),
resend it (a new record), record that instructions were received. Each is atomic and
records one case event."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.checks.disclosure import partner_words_in
from cads.contacts.models import Contact
from cads.letters import rendering
from cads.letters.due import letter_due
from cads.letters.merge import identity_withheld, referrer_details
from cads.letters.models import AcknowledgedHow, Letter, LetterKind
from cads.letters.services import (
    PLACEHOLDER,
    LetterError,
    Recipient,
    _defer_delivery,
    _sharing,
    current_template,
    latest_final_decision,
)
from cads.letters.workflow import LetterStatus, check_transition


def letter_make(letter: Letter, text: str) -> None:
    """Fill in the letter's text and PDF (on the letterhead) and its hash, once."""
    if letter.made:
        return
    html = rendering.letter_html(
        title=letter.template.title,
        text=text,
        reference=letter.contact.reference or "",
        recipient_name=letter.recipient_name,
        recipient_address=letter.recipient_address,
    )
    letter.text = text
    letter.pdf = rendering.render_pdf(html)
    letter.sha256 = hashlib.sha256(letter.pdf).hexdigest()
    letter.made_at = timezone.now()


def check_letter(*, contact: Contact, kind: str, text: str, recipient: Recipient) -> None:
    """Refuse a letter that cannot or must not go as it is."""
    if not text.strip():
        raise LetterError("Enter the text of the letter")
    if PLACEHOLDER in text:
        raise LetterError("Replace the text in square brackets before sending the letter")
    if not recipient.name.strip():
        raise LetterError("Enter who the letter is to")
    if settings.CADS_LETTER_CHANNEL == "notify" and not (recipient.email or recipient.address):
        raise LetterError("Enter an email address or a postal address")
    if settings.CADS_LETTER_CHANNEL != "notify" and not recipient.email:
        raise LetterError("Enter an email address: letters are sent by email")
    try:
        rendering.check_numbers(text, template=False)
    except ValidationError as exc:
        raise LetterError(exc.messages[0]) from exc
    check_partner_words(contact=contact, text=text, recipient=recipient)
    if kind == LetterKind.FAMILY and identity_withheld(contact):
        # The referrer is a member of the public who did not agree to be named.
        lowered = f"{text}\n{recipient.name}\n{recipient.email}\n{recipient.address}".lower()
        if any(detail.lower() in lowered for detail in referrer_details(contact)):
            raise LetterError(
                "Remove the referrer's name and contact details: they are a member of the "
                "public and did not agree to be named to the family"
            )


def check_partner_words(*, contact: Contact, text: str, recipient: Recipient) -> None:
    """Refuse a letter that repeats a partner's answer to a check, unless an
    information-sharing record on that check allows this recipient to have it (Information
    sharing advice 2024, golden rules 6 and 7; ADR 0023)."""
    found = partner_words_in(contact, text, recipient.email)
    if found:
        names = ", ".join(sorted({item.organisation for item in found}))
        raise LetterError(
            f"Remove what {names} told us in a partner check: it was shared with us, not "
            "with the people we write to, and no information-sharing record allows this "
            "recipient to have it"
        )


@transaction.atomic
def letter_send(
    *,
    actor: User,
    contact: Contact,
    kind: str,
    text: str,
    recipient: Recipient,
    letter_id: uuid.UUID,
    resend_of: Letter | None = None,
) -> Letter:
    """Make the letter from the text a person checked (and perhaps edited) and queue it.
    `letter_id` is the preview's one-time id: a double click finds the letter already made.
    A letter owed "to send" with that id is filled in rather than made again."""
    # A double click posts the same id twice at once: the second request waits here for
    # the first to commit and then finds its letter, so one letter is made and sent.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"letter:{letter_id}"]
        )
    existing = Letter.objects.select_for_update().filter(pk=letter_id).first()
    if existing is not None and (existing.contact_id != contact.pk or existing.kind != kind):
        # The id comes back from the browser: it may only name this contact's letter of this
        # kind, or one contact's owed letter could be filled in and sent from another's page.
        raise LetterError(
            "This letter belongs to another contact. Open the letter from its contact"
        )
    if existing is not None and existing.status != LetterStatus.TO_SEND:
        return existing
    check_letter(contact=contact, kind=kind, text=text, recipient=recipient)
    letter = existing or Letter(
        id=letter_id,
        contact=contact,
        kind=kind,
        template=current_template(kind),
        due_at=letter_due(contact, kind),
        decision=latest_final_decision(contact) if kind == LetterKind.OUTCOME else None,
        idempotency_key=f"manual:{letter_id}",
        acknowledgement_required=kind == LetterKind.INSTRUCTIONS,
        resend_of=resend_of,
        **_sharing(contact, kind),
    )
    check_transition(letter.status if existing else LetterStatus.TO_SEND, LetterStatus.QUEUED)
    letter.recipient_name = recipient.name.strip()
    letter.recipient_email = recipient.email.strip()
    letter.recipient_address = recipient.address.strip()
    letter.created_by = actor
    letter.status = LetterStatus.QUEUED
    letter.status_at = timezone.now()
    letter_make(letter, text)
    letter.save()
    case_event_record(
        subject=contact,
        actor=actor,
        kind="letter.queued",
        new={
            "letter": str(letter.pk),
            "kind": kind,
            "template_version": letter.template.version,
            "sha256": letter.sha256,
            "resend_of": str(resend_of.pk) if resend_of else "",
        },
    )
    _defer_delivery(letter)
    return letter


def letter_resend(*, actor: User, letter: Letter, letter_id: uuid.UUID) -> Letter:
    """Send a letter again as a new record (the first stays as it was)."""
    if not letter.made:
        raise LetterError("This letter has not been made yet, so it cannot be sent again")
    return letter_send(
        actor=actor,
        contact=letter.contact,
        kind=letter.kind,
        text=letter.text,
        recipient=Recipient(
            letter.recipient_name, letter.recipient_email, letter.recipient_address
        ),
        letter_id=letter_id,
        resend_of=letter,
    )


@transaction.atomic
def letter_acknowledge(*, letter_id: uuid.UUID, how: str, actor: User | None = None) -> Letter:
    """Record that instructions were received: by the link in the letter, or by staff.
    The first acknowledgement stands; opening the link again changes nothing."""
    letter = Letter.objects.select_for_update().select_related("contact").get(pk=letter_id)
    if not letter.acknowledgement_required:
        raise LetterError("This letter does not ask for an acknowledgement")
    if letter.acknowledged_at is not None:
        return letter
    letter.acknowledged_at = timezone.now()
    letter.acknowledged_how = AcknowledgedHow(how)
    letter.acknowledged_by = actor
    letter.save(update_fields=["acknowledged_at", "acknowledged_how", "acknowledged_by"])
    case_event_record(
        subject=letter.contact,
        actor=actor,
        kind="letter.acknowledged",
        new={"letter": str(letter.pk), "how": letter.acknowledged_how},
    )
    return letter


@transaction.atomic
def letter_unconfirmed_check(*, actor: User, letter_id: uuid.UUID, arrived: bool) -> Letter:
    """A person checked a "sent — unconfirmed" letter with its recipient (ADR 0024): it
    arrived (sent), or it did not (failed, so it can be sent again as a new record).
    Checking again changes nothing."""
    letter = Letter.objects.select_for_update().select_related("contact").get(pk=letter_id)
    if letter.status != LetterStatus.SENT_UNCONFIRMED:
        return letter
    status = LetterStatus.SENT if arrived else LetterStatus.FAILED
    check_transition(letter.status, status)
    letter.status = status
    letter.status_at = timezone.now()
    if arrived:
        # Sent when it was made and tried: the nearest time CADS knows.
        letter.sent_at = letter.sent_at or letter.made_at or letter.status_at
        letter.last_error = ""
    else:
        letter.last_error = "Not received: checked with the recipient"
    letter.save(update_fields=["status", "status_at", "sent_at", "last_error"])
    case_event_record(
        subject=letter.contact,
        actor=actor,
        kind="letter.unconfirmed_checked",
        new={"letter": str(letter.pk), "arrived": arrived, "status": letter.status},
    )
    return letter
