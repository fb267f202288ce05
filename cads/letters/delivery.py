"""Delivery on the worker, at most once (ADR 0024), and polling GOV.UK Notify for what
happened to letters it accepted.

1. Claim (one transaction, row locked): make an automatic letter's text, PDF and hash and
   mark it "sending". Committed before anything leaves CADS.
2. Send, outside any transaction, while this worker holds the letter's advisory lock (a
   second worker finds it held and tries later).
3. Record "sent" (one transaction), retried a few times on a database error.

A letter a later attempt finds still "sending" may have gone: Notify is asked by the
letter's id (its reference); an email cannot be asked, so it becomes "sent — unconfirmed"
for a person to check. Nothing is ever sent twice automatically."""

from __future__ import annotations

import contextlib
import datetime
import time
import uuid
from collections.abc import Iterator
from typing import Final

from django.db import InterfaceError, OperationalError, connection, transaction
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
# Recording "sent" is tried this many times, waiting RECORD_WAIT seconds longer each time,
# before the attempt gives up (and the next finds the letter unconfirmed).
RECORD_TRIES: Final = 4
RECORD_WAIT = 0.5
DATABASE_ERRORS: Final = (OperationalError, InterfaceError)
UNCONFIRMED_NOTE: Final = (
    "The worker stopped between sending this letter and recording it: check with the "
    "recipient that it arrived"
)


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


def _move(letter: Letter, status: str, kind: str, reason: str = "") -> Letter:
    """Save the letter in `status` with one case event (inside the caller's transaction)."""
    check_transition(letter.status, status)
    letter.status = status
    letter.status_at = timezone.now()
    letter.save()
    case_event_record(
        subject=letter.contact,
        actor=None,
        kind=kind,
        new={"letter": str(letter.pk), "attempt": letter.attempts, "status": letter.status},
        reason=reason,
    )
    return letter


@contextlib.contextmanager
def _one_sender(letter_id: str) -> Iterator[None]:
    """Hold the letter's advisory lock (the database session's, so a worker that dies lets
    go at once) while claiming, sending and recording it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_lock(hashtextextended('cads.letter:' || %s, 0))", [letter_id]
        )
        (held,) = cursor.fetchone()
    if not held:
        raise LetterDeliveryError("Another worker is sending this letter now")
    try:
        yield
    finally:
        with contextlib.suppress(*DATABASE_ERRORS), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_unlock(hashtextextended('cads.letter:' || %s, 0))",
                [letter_id],
            )


@transaction.atomic
def _claim(letter_id: str) -> tuple[Letter, bool]:
    """Make and mark the letter "sending"; (letter, True) when an earlier attempt already
    had, so whether it went is unknown."""
    letter = (
        Letter.objects.select_for_update(of=("self",))
        .select_related("contact", "template", "decision")
        .get(pk=letter_id)
    )
    if letter.status == LetterStatus.SENDING:
        return letter, True
    if letter.status != LetterStatus.QUEUED:
        return letter, False  # sent, failed (resend makes a new letter), or not yet written
    letter.attempts += 1
    try:
        _make_automatic(letter)
    except LetterError as exc:  # it would repeat what a partner told us: never sent (ADR 0023)
        letter.last_error = str(exc)
        _move(letter, LetterStatus.FAILED, "letter.delivery_failed", str(exc))
        return letter, False
    _move(letter, LetterStatus.SENDING, "letter.sending")
    return letter, False


def _earlier_send(letter: Letter) -> tuple[bool, channels.Sent | None]:
    """Whether an earlier attempt's send went: (known, what Notify has). Notify knows by
    the letter's id (nothing there: it never arrived, so sending now is the first time);
    an email cannot be asked, so it is not known."""
    if not channels.uses_notify():
        return False, None
    try:
        return True, channels.notify_find(letter, channels.notify_client())
    except Exception as exc:  # Notify unreachable or refusing: ask again on the retry
        raise LetterDeliveryError(f"GOV.UK Notify could not be asked: {exc}") from exc


def letter_deliver(*, letter_id: str) -> Letter:
    """Make (if needed) and send the letter at most once. A failure of the channel is
    recorded and raised so the worker retries; after MAX_ATTEMPTS, or when there is nowhere
    to send it, it shows as failed. A database error is raised as it is (the task retries
    it); after the send, recording is retried here first."""
    with _one_sender(letter_id):
        letter, resumed = _claim(letter_id)
        if letter.status != LetterStatus.SENDING:
            return letter
        if resumed:
            known, earlier = _earlier_send(letter)
            if not known:
                with transaction.atomic():
                    letter.last_error = UNCONFIRMED_NOTE
                    return _move(letter, LetterStatus.SENT_UNCONFIRMED, "letter.unconfirmed")
            if earlier is not None:
                return _record_sent(letter, earlier)
        return _send(letter)


def _send(letter: Letter) -> Letter:
    try:
        sent = channels.send(letter)
    except channels.ChannelError as exc:
        with transaction.atomic():
            letter.last_error = str(exc)
            return _move(letter, LetterStatus.FAILED, "letter.delivery_failed", str(exc))
    except Exception as exc:  # any backend failure: nothing went; recorded and retried
        letter.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        done = letter.attempts >= MAX_ATTEMPTS
        with transaction.atomic():
            _move(
                letter,
                LetterStatus.FAILED if done else LetterStatus.QUEUED,
                "letter.delivery_failed",
                letter.last_error,
            )
        raise LetterDeliveryError(letter.last_error) from exc
    return _record_sent(letter, sent)


def _record_sent(letter: Letter, sent: channels.Sent) -> Letter:
    """Record the send, trying again on a database error (it went: losing that would make
    it unconfirmed)."""
    for attempt in range(1, RECORD_TRIES + 1):
        try:
            with transaction.atomic():
                letter.sent_at = timezone.now()
                letter.channel = sent.channel
                letter.notify_id = sent.notify_id
                letter.last_error = ""
                return _move(letter, LetterStatus.SENT, "letter.sent")
        except DATABASE_ERRORS:
            if attempt == RECORD_TRIES:
                raise
            letter.status = LetterStatus.SENDING  # the failed save did not move it
            if not connection.in_atomic_block:
                connection.close()  # the next try reconnects
            time.sleep(RECORD_WAIT * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


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
