"""A staff alert: one thing one member of staff needs to know about, in their in-app list
and (usually) by email. Raised once: the unique constraint makes a second raise of the same
alert for the same person and subject a no-op, so the periodic sweep is safe to run twice."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class AlertKind(models.TextChoices):
    RED_CONTACT = "red_contact", "New red contact"
    DECISION_DUE = "decision_due", "Decision due within an hour"
    CHECK_OVERDUE = "check_overdue", "Partner check overdue"
    LETTER_FAILED = "letter_failed", "Letter failed to send"
    FEEDBACK_OVERDUE = "feedback_overdue", "Feedback to the referrer overdue"
    CONSENT_ASKED = "consent_asked", "Authorisation of checks without consent asked for"
    CONSENT_ANSWERED = "consent_answered", "Authorisation of checks without consent answered"
    LETTER_UNCONFIRMED = "letter_unconfirmed", "Letter sent — unconfirmed"
    WORKER_STALE = "worker_stale", "Background worker stopped"


class Alert(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts"
    )
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    # The contact the alert is about (the link and the email's reference come from it); none
    # for an alert about the service itself (a background worker that stopped).
    contact = models.ForeignKey(
        "contacts.Contact", null=True, on_delete=models.PROTECT, related_name="alerts"
    )
    # What the alert is about: the contact itself, a partner check, a letter, a request to
    # authorise checks without consent, or a worker.
    object_id = models.CharField(max_length=64)
    # Shown in the app only; never names a child (the list is read over people's shoulders).
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "object_id"], name="alert_once_per_subject"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="alert_unread")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.contact or 'the service'}"

    @property
    def about(self) -> str:
        """What the alert is about, as shown and emailed: the contact reference only."""
        return self.contact.reference or "" if self.contact else "CADS service"
