"""Writes of staff alerts: raise (idempotent), mark as read, and the email on the worker.

Email leaves the secure system, so an alert's email holds the contact reference, why it
needs attention and a link, never a child's name, date of birth or the concern (issue 6:
"A contact needs your attention: C-2026-000123")."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import VIEW_ALERT
from cads.alerts.models import Alert, AlertKind
from cads.audit.services import case_event_record
from cads.contacts.models import Contact


def _may_receive(user: User) -> bool:
    # Staff roles only: a partner (or anyone without the alerts list) is never sent one.
    return user.is_active and user.has_perm(VIEW_ALERT)


def _unique(users: Iterable[User | None]) -> list[User]:
    seen: dict[int, User] = {}
    for user in users:
        if user is not None and user.pk not in seen:
            seen[user.pk] = user
    return list(seen.values())


@transaction.atomic
def alert_raise(
    *,
    kind: str,
    recipients: Iterable[User | None],
    contact: Contact | None,
    object_id: str,
    message: str,
    at: datetime.datetime | None = None,
    actor: User | None = None,
    email: bool = True,
    subject: models.Model | None = None,
) -> list[Alert]:
    """Raise `kind` about `object_id` for each recipient who has not had it yet; return the
    new alerts. Raising again (a retried sweep, a second trigger) adds nothing: the
    constraint alert_once_per_subject stops it. `email=False` keeps the alert in-app only.
    The case event goes on the contact's timeline, or on `subject` when there is no contact
    (an alert about the service itself)."""
    kind = AlertKind(kind)
    created_at = at or timezone.now()
    new: list[Alert] = []
    for user in _unique(recipients):
        if not _may_receive(user):
            continue
        alert, created = Alert.objects.get_or_create(
            recipient=user,
            kind=kind,
            object_id=object_id,
            defaults={"contact": contact, "message": message, "created_at": created_at},
        )
        if created:
            new.append(alert)
    if not new:
        return new
    case_event_record(
        subject=contact or subject or new[0],
        actor=actor,
        kind="alert.raised",
        new={
            "kind": kind.value,
            "object": object_id,
            "recipients": [alert.recipient.username for alert in new],
            "emailed": email,
        },
    )
    if email:
        _defer_emails(new)
    return new


def _defer_emails(alerts: list[Alert]) -> None:
    # Deferred inside the caller's transaction (Procrastinate's Django connector writes the
    # job through Django's connection): the email job exists if and only if the alert does.
    from cads.alerts.tasks import alert_email  # noqa: PLC0415 - tasks.py imports this module

    for alert in alerts:
        alert_email.defer(alert_id=str(alert.pk))


@transaction.atomic
def alert_mark_read(*, actor: User, alert: Alert) -> Alert:
    """The recipient has seen the alert. Only the recipient may; reading twice keeps the
    first time."""
    if alert.recipient_id != actor.pk:
        raise PermissionError("Only the person an alert was raised for can mark it as read")
    locked = Alert.objects.select_for_update().get(pk=alert.pk)
    if locked.read_at is not None:
        return locked
    locked.read_at = timezone.now()
    locked.save(update_fields=["read_at"])
    case_event_record(
        subject=locked, actor=actor, kind="alert.read", new={"read_at": locked.read_at.isoformat()}
    )
    return locked


def alert_link(alert: Alert) -> str:
    """Where the alert takes staff: the contact's partner checks for a check (and for the
    answer to a request to authorise checks without consent), its screening page (which
    lists its letters, to send again or check) for a failed or unconfirmed letter, the
    request itself for a manager asked to authorise, the workers' heartbeats in
    administration for a stopped worker, else the contact's history-first screen."""
    if alert.kind == AlertKind.WORKER_STALE or alert.contact_id is None:
        return reverse("admin:core_workerheartbeat_changelist")
    if alert.kind == AlertKind.CHECK_OVERDUE:
        return reverse("checks:contact-checks", args=[alert.contact_id])
    if alert.kind in (AlertKind.LETTER_FAILED, AlertKind.LETTER_UNCONFIRMED):
        return reverse("screening:screen", args=[alert.contact_id])
    if alert.kind == AlertKind.CONSENT_ASKED:
        return reverse("checks:authorisation-answer", args=[alert.object_id])
    if alert.kind == AlertKind.CONSENT_ANSWERED:
        return reverse("checks:contact-checks", args=[alert.contact_id])
    return reverse("screening:history", args=[alert.contact_id])


def alert_email_text(alert: Alert) -> tuple[str, str]:
    """Subject and body: the reference, why, and a link; nothing about the child."""
    link = settings.CADS_BASE_URL.rstrip("/") + alert_link(alert)
    if alert.contact is None:
        subject = f"CADS needs your attention: {alert.get_kind_display().lower()}"
        body = f"{subject}\n\n{alert.message}.\n\nOpen it in CADS: {link}\n"
        return subject, body
    subject = f"A contact needs your attention: {alert.contact.reference}"
    body = (
        f"{subject}\n\n"
        f"Why: {alert.get_kind_display()}.\n\n"
        f"Open it in CADS: {link}\n\n"
        "This email gives only the contact reference. Sign in to CADS to see the details.\n"
    )
    return subject, body


def alert_email_send(*, alert_id: str) -> Alert:
    """Email one alert to its recipient once. The row is locked while sending so two workers
    cannot both send it; a failure raises, leaving emailed_at empty for the retry."""
    with transaction.atomic():
        alert = (
            Alert.objects.select_for_update(of=("self",))
            .select_related("recipient", "contact")
            .get(pk=alert_id)
        )
        if alert.emailed_at is not None or not alert.recipient.email:
            return alert
        if not _may_receive(alert.recipient):
            return alert
        subject, body = alert_email_text(alert)
        send_mail(subject, body, None, [alert.recipient.email], fail_silently=False)
        alert.emailed_at = timezone.now()
        alert.save(update_fields=["emailed_at"])
        case_event_record(
            subject=alert,
            actor=None,
            kind="alert.emailed",
            new={"emailed_at": alert.emailed_at.isoformat()},
        )
    return alert
