"""Letter templates (versioned: a change is a new row) and sent letters (immutable records)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    OUTCOME = "outcome", "Outcome letter"
    CONSULTATION_RECORD = "consultation_record", "Consultation record"


class LetterStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class LetterTemplate(models.Model):
    """One version of the template for a kind of letter. Editing makes a new version
    (cads.letters.services.letter_template_revise); a sent letter keeps the version it used."""

    kind = models.CharField(max_length=30, choices=LetterKind.choices)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(
        help_text=(
            "Plain text with merge fields such as {{ reference }}; see the list of fields "
            "in docs/glossary.md (Letter template)."
        )
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="letter_template_version")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (version {self.version})"


class Letter(models.Model):
    """A letter as sent: the text and PDF never change after it is made; only the delivery
    fields (status, attempts, last_error, sent_at) move, on the worker."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, related_name="letters"
    )
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(max_length=30, choices=LetterKind.choices)
    recipient_name = models.CharField(max_length=200)
    recipient_email = models.EmailField()
    text = models.TextField()
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=LetterStatus.choices, default=LetterStatus.QUEUED
    )
    idempotency_key = models.CharField(max_length=100, unique=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.contact}"
