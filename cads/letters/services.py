"""Every write about letters: template versions, making and queueing a letter, and its
delivery on the worker. Each service is atomic and records one case event."""

from __future__ import annotations

import hashlib
import uuid
from typing import Final

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.contacts.codes import ContactKind
from cads.contacts.models import Contact
from cads.decisions.codes import REFERRAL_OUTCOMES, Outcome
from cads.decisions.models import Decision
from cads.letters import rendering
from cads.letters.models import Letter, LetterKind, LetterStatus, LetterTemplate

# Attempts before a letter shows as failed (the task's RetryStrategy uses the same number).
MAX_ATTEMPTS: Final = 5


class LetterError(Exception):
    """The letter cannot be made: `message` says why in words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LetterDeliveryError(Exception):
    """Sending failed this time; the worker retries."""


def current_template(kind: str) -> LetterTemplate:
    template = LetterTemplate.objects.filter(kind=kind).order_by("-version").first()
    if template is None:
        raise LetterError(f"There is no template for {LetterKind(kind).label.lower()}")
    return template


@transaction.atomic
def letter_template_revise(
    *, actor: User | None, kind: str, title: str, body: str
) -> LetterTemplate:
    """Save a new version of a kind's template; earlier versions are kept unchanged."""
    rendering.check_body(body)
    latest = (
        LetterTemplate.objects.select_for_update()
        .filter(kind=kind)
        .aggregate(latest=Max("version"))["latest"]
    )
    template = LetterTemplate.objects.create(
        kind=kind, version=(latest or 0) + 1, title=title.strip(), body=body, created_by=actor
    )
    case_event_record(
        subject=template,
        actor=actor,
        kind="letter_template.revised",
        new={"kind": kind, "version": template.version},
    )
    return template


def has_named_referrer(contact: Contact) -> bool:
    """A referrer who can be written to: not anonymous, named, with an email address."""
    return bool(not contact.referrer_anonymous and contact.referrer_name and contact.referrer_email)


def outcome_fields(decision: Decision | None) -> tuple[list[str], str]:
    if decision is None:
        return [], ""
    return decision.outcome_labels, decision.reasons


def latest_final_decision(contact: Contact) -> Decision | None:
    return Decision.objects.filter(contact=contact, status="agreed").order_by("-decided_at").first()


def letter_preview_text(*, contact: Contact, kind: str) -> tuple[LetterTemplate, str]:
    """The current template for `kind` and its text for `contact`, before any editing."""
    template = current_template(kind)
    labels, reasons = outcome_fields(latest_final_decision(contact))
    fields = rendering.merge_fields(contact, outcome_labels=labels, reasons=reasons)
    return template, rendering.render_text(template.body, fields)


@transaction.atomic
def letter_send(
    *,
    actor: User | None,
    contact: Contact,
    kind: str,
    idempotency_key: str,
    text: str | None = None,
    decision: Decision | None = None,
) -> Letter:
    """Make the letter (text, PDF, hash) and queue it for the worker to email. The same
    idempotency key returns the letter already made; resending uses a new key."""
    done = Letter.objects.filter(idempotency_key=idempotency_key).first()
    if done is not None:
        return done
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if not has_named_referrer(locked):
        raise LetterError("The referrer is anonymous or has no email address")
    template = current_template(kind)
    if text is None:
        labels, reasons = outcome_fields(decision or latest_final_decision(locked))
        fields = rendering.merge_fields(locked, outcome_labels=labels, reasons=reasons)
        text = rendering.render_text(template.body, fields)
    if not text.strip():
        raise LetterError("Enter the text of the letter")
    html = rendering.letter_html(
        title=template.title,
        text=text,
        reference=locked.reference or "",
        recipient_name=locked.referrer_name,
    )
    pdf = rendering.render_pdf(html)
    letter = Letter.objects.create(
        contact=locked,
        template=template,
        kind=kind,
        recipient_name=locked.referrer_name,
        recipient_email=locked.referrer_email,
        text=text,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        created_by=actor,
        idempotency_key=idempotency_key,
    )
    case_event_record(
        subject=locked,
        actor=actor,
        kind="letter.queued",
        new={
            "letter": str(letter.pk),
            "kind": kind,
            "template_version": template.version,
            "sha256": letter.sha256,
        },
    )
    letter_id = str(letter.pk)
    transaction.on_commit(lambda: _defer_delivery(letter_id))
    return letter


def _defer_delivery(letter_id: str) -> None:
    from cads.letters.tasks import letter_deliver

    letter_deliver.defer(letter_id=letter_id)


def acknowledgement_queue(*, contact_id: uuid.UUID) -> Letter | None:
    """After a contact is submitted: acknowledge a named referrer with an email address."""
    contact = Contact.objects.get(pk=contact_id)
    if contact.kind != ContactKind.CONTACT or not has_named_referrer(contact):
        return None
    return letter_send(
        actor=None,
        contact=contact,
        kind=LetterKind.ACKNOWLEDGEMENT,
        idempotency_key=f"acknowledgement:{contact.pk}",
    )


def outcome_letter_queue(*, decision_id: uuid.UUID) -> Letter | None:
    """After a final decision that is not an assessment or section 47: tell the referrer."""
    decision = Decision.objects.select_related("contact").get(pk=decision_id)
    if REFERRAL_OUTCOMES & set(decision.outcomes) or Outcome.MASH_CHECKS in decision.outcomes:
        return None
    if not has_named_referrer(decision.contact):
        return None
    return letter_send(
        actor=None,
        contact=decision.contact,
        kind=LetterKind.OUTCOME,
        idempotency_key=f"outcome:{decision.pk}",
        decision=decision,
    )


def _email(letter: Letter) -> EmailMessage:
    reference = letter.contact.reference or ""
    message = EmailMessage(
        subject=f"{letter.get_kind_display()}: {reference}",
        body=(
            f"Dear {letter.recipient_name},\n\nPlease find attached a letter about {reference}.\n"
        ),
        to=[letter.recipient_email],
    )
    message.attach(
        f"{reference or 'letter'}-{letter.kind}.pdf", bytes(letter.pdf), "application/pdf"
    )
    return message


def letter_deliver(*, letter_id: str) -> Letter:
    """Email the letter once. The row is locked while sending, so two workers cannot both
    send it; a sent letter is never sent again. A failure is recorded and raised so the
    worker retries; after MAX_ATTEMPTS it shows as failed."""
    failure: Exception | None = None
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("contact").get(pk=letter_id)
        if letter.status == LetterStatus.SENT:
            return letter
        letter.attempts += 1
        try:
            _email(letter).send(fail_silently=False)
        except Exception as exc:  # any backend failure is recorded and retried
            failure = exc
            letter.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            letter.status = (
                LetterStatus.FAILED if letter.attempts >= MAX_ATTEMPTS else LetterStatus.QUEUED
            )
            kind = "letter.delivery_failed"
        else:
            letter.status = LetterStatus.SENT
            letter.sent_at = timezone.now()
            kind = "letter.sent"
        letter.save(update_fields=["attempts", "last_error", "status", "sent_at"])
        case_event_record(
            subject=letter.contact,
            actor=None,
            kind=kind,
            new={"letter": str(letter.pk), "attempt": letter.attempts, "status": letter.status},
            reason=letter.last_error if failure else "",
        )
    if failure is not None:
        raise LetterDeliveryError(letter.last_error) from failure
    return letter
