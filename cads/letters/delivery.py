"""Delivery on the worker: make an automatic letter (text and PDF) and send it exactly
once; poll GOV.UK Notify for what happened to letters it accepted."""

from __future__ import annotations

import datetime
import uuid
from typing import Final

from django.db import transaction
from django.utils import timezone

from cads.audit.services import case_event_record
from cads.letters import channels
from cads.letters.models import Channel, Letter
from cads.letters.services import (
    MAX_ATTEMPTS,
    LetterDeliveryError,
    LetterError,
    Recipient,
    letter_text,
)
from cads.letters.services_send import check_partner_words, letter_make
from cads.letters.workflow import LetterStatus, check_transition

NOTIFY_CHANNELS: Final = (Channel.NOTIFY_EMAIL, Channel.NOTIFY_LETTER)
# Notify keeps a notification's status for 7 days; older ones are no longer polled.
NOTIFY_POLL_DAYS: Final = 7


def _make_automatic(letter: Letter) -> None:
    """Make the letter nobody checks: refused like a checked one if it would repeat what
    a partner told us (a template cannot print it; this is the second lock)."""
    text = letter_text(
        contact=letter.contact,
        kind=letter.kind,
        letter_id=letter.pk,
        decision=letter.decision,
        recipient_name=letter.recipient_name,
    )
    check_partner_words(
        contact=letter.contact,
        text=text,
        recipient=Recipient(letter.recipient_name, letter.recipient_email),
    )
    letter_make(letter, text)


def letter_deliver(*, letter_id: str) -> Letter:
    """Make (if needed) and send the letter once. The row is locked while sending, so two
    workers cannot both send it; a sent letter is never sent again. A failure is recorded
    and raised so the worker retries; after MAX_ATTEMPTS, or when there is nowhere to send
    it, it shows as failed."""
    failure: Exception | None = None
    with transaction.atomic():
        letter = (
            Letter.objects.select_for_update(of=("self",))
            .select_related("contact", "template", "decision")
            .get(pk=letter_id)
        )
        if letter.status != LetterStatus.QUEUED:
            return letter  # sent, failed (resend makes a new letter), or not yet written
        letter.attempts += 1
        try:
            _make_automatic(letter)
            sent = channels.send(letter)
        except (channels.ChannelError, LetterError) as exc:
            letter.last_error = str(exc)
            letter.status = LetterStatus.FAILED
            kind = "letter.delivery_failed"
        except Exception as exc:  # any backend failure is recorded and retried
            failure = exc
            letter.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            done = letter.attempts >= MAX_ATTEMPTS
            letter.status = LetterStatus.FAILED if done else LetterStatus.QUEUED
            kind = "letter.delivery_failed"
        else:
            check_transition(LetterStatus.QUEUED, LetterStatus.SENT)
            letter.status = LetterStatus.SENT
            letter.sent_at = timezone.now()
            letter.channel = sent.channel
            letter.notify_id = sent.notify_id
            kind = "letter.sent"
        letter.save()
        case_event_record(
            subject=letter.contact,
            actor=None,
            kind=kind,
            new={"letter": str(letter.pk), "attempt": letter.attempts, "status": letter.status},
            reason=letter.last_error if kind == "letter.delivery_failed" else "",
        )
    if failure is not None:
        raise LetterDeliveryError(letter.last_error) from failure
    return letter


def notify_statuses_update(at: datetime.datetime) -> int:
    """Ask Notify what happened to each letter it accepted and not yet finished; a letter
    Notify could not deliver shows as failed. Returns how many letters changed."""
    pending = Letter.objects.filter(
        channel__in=NOTIFY_CHANNELS,
        status=LetterStatus.SENT,
        sent_at__gte=at - datetime.timedelta(days=NOTIFY_POLL_DAYS),
    ).exclude(delivery_status__in=channels.NOTIFY_DELIVERED)
    ids = list(pending.values_list("pk", flat=True))
    if not ids:
        return 0
    client = channels.notify_client()
    return sum(_notify_status_update(pk, client, at) for pk in ids)


def _notify_status_update(
    pk: uuid.UUID, client: channels.NotifyClient, at: datetime.datetime
) -> int:
    status = str(client.get_notification_by_id(str(Letter.objects.get(pk=pk).notify_id))["status"])
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("contact").get(pk=pk)
        changed = status != letter.delivery_status
        letter.delivery_status = status
        letter.delivery_checked_at = at
        if status in channels.NOTIFY_FAILED and letter.status == LetterStatus.SENT:
            check_transition(letter.status, LetterStatus.FAILED)
            letter.status = LetterStatus.FAILED
            letter.last_error = f"GOV.UK Notify: {status}"
        letter.save(
            update_fields=["delivery_status", "delivery_checked_at", "status", "last_error"]
        )
        if changed:
            case_event_record(
                subject=letter.contact,
                actor=None,
                kind="letter.delivery_status",
                new={"letter": str(letter.pk), "notify_status": status, "status": letter.status},
            )
    return int(changed)
