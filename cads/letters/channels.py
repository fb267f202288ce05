"""Ways a letter leaves CADS: email with the PDF attached through Django's email backend,
or GOV.UK Notify (email with the PDF through prepare_upload, or a precompiled letter by
post). settings.CADS_LETTER_CHANNEL chooses; each send returns how it went and Notify's id.

Every Notify send carries the letter's id as its `reference`. Notify does not refuse a
second send with the same reference (it is not an idempotency key), so "never twice" is
kept by the letter's status in cads.letters.delivery; the reference lets a later attempt
ask Notify whether an interrupted send arrived there (notify_find, ADR 0024)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Final, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from notifications_python_client import prepare_upload
from notifications_python_client.notifications import NotificationsAPIClient

from cads.letters.models import Channel, Letter

# Notify statuses (GOV.UK Notify API docs, "Get message status").
NOTIFY_DELIVERED: Final = frozenset({"delivered", "received"})
NOTIFY_FAILED: Final = frozenset(
    {"permanent-failure", "temporary-failure", "technical-failure", "validation-failed",
     "virus-scan-failed", "cancelled"}
)  # fmt: skip


class ChannelError(Exception):
    """The letter cannot go by this channel at all (no address to send to): not retried."""


class NotifyClient(Protocol):
    """The part of notifications_python_client.NotificationsAPIClient CADS uses."""

    def send_email_notification(
        self, email_address: Any, template_id: Any, personalisation: Any = ..., reference: Any = ...
    ) -> Any: ...

    def send_precompiled_letter_notification(
        self, reference: Any, pdf_file: Any, postage: Any = ...
    ) -> Any: ...

    def get_notification_by_id(self, id: Any) -> Any: ...

    def get_all_notifications(
        self,
        status: Any = ...,
        template_type: Any = ...,
        reference: Any = ...,
        older_than: Any = ...,
        include_jobs: Any = ...,
    ) -> Any: ...


@dataclass(frozen=True)
class Sent:
    channel: str
    notify_id: str = ""


def filename(letter: Letter) -> str:
    return f"{letter.contact.reference or 'letter'}-{letter.kind}.pdf"


def subject(letter: Letter) -> str:
    return f"{letter.get_kind_display()}: {letter.contact.reference or ''}"


def covering_note(letter: Letter) -> str:
    """The email's plain-text body: the letter's own words (the same as the attached PDF,
    so nothing more leaves than the PDF carries), readable by anyone whose screen reader
    or email client cannot open the PDF (ADR 0023). The subject names only the reference."""
    attached = f"This letter is also attached as a PDF ({filename(letter)})."
    return f"{letter.text.rstrip()}\n\n--\n{attached}\n"


def send_email(letter: Letter) -> Sent:
    if not letter.recipient_email:
        raise ChannelError("There is no email address to send this letter to")
    message = EmailMessage(
        subject=subject(letter), body=covering_note(letter), to=[letter.recipient_email]
    )
    message.attach(filename(letter), bytes(letter.pdf), "application/pdf")
    message.send(fail_silently=False)
    return Sent(channel=Channel.EMAIL)


def notify_client() -> NotifyClient:
    """The real Notify client (tests replace this function with a fake)."""

    if not settings.NOTIFY_API_KEY:
        raise ChannelError("NOTIFY_API_KEY is not set")
    client: NotifyClient = NotificationsAPIClient(settings.NOTIFY_API_KEY)
    return client


def send_notify(letter: Letter, client: NotifyClient) -> Sent:

    if letter.recipient_email:
        response = client.send_email_notification(
            email_address=letter.recipient_email,
            template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
            personalisation={
                "subject": subject(letter),
                "body": covering_note(letter),
                "link_to_file": prepare_upload(
                    io.BytesIO(bytes(letter.pdf)), filename=filename(letter)
                ),
            },
            reference=str(letter.pk),
        )
        return Sent(channel=Channel.NOTIFY_EMAIL, notify_id=str(response["id"]))
    if letter.recipient_address:
        # The PDF carries the address block: Notify prints and posts it as it is.
        response = client.send_precompiled_letter_notification(
            reference=str(letter.pk),
            pdf_file=io.BytesIO(bytes(letter.pdf)),
            postage=settings.NOTIFY_LETTER_POSTAGE,
        )
        return Sent(channel=Channel.NOTIFY_LETTER, notify_id=str(response["id"]))
    raise ChannelError("There is no email address or postal address to send this letter to")


def uses_notify() -> bool:
    return bool(settings.CADS_LETTER_CHANNEL == "notify")


def notify_find(letter: Letter, client: NotifyClient) -> Sent | None:
    """What Notify holds for this letter (sent with its id as the reference), if anything."""
    found = client.get_all_notifications(reference=str(letter.pk)).get("notifications", [])
    for notification in found:
        if notification.get("reference") == str(letter.pk):
            channel = Channel.NOTIFY_LETTER if notification.get("type") == "letter" else None
            return Sent(channel=channel or Channel.NOTIFY_EMAIL, notify_id=str(notification["id"]))
    return None


def send(letter: Letter) -> Sent:
    """Send by the configured channel."""
    if uses_notify():
        return send_notify(letter, notify_client())
    return send_email(letter)
