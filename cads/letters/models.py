"""Letter templates (versioned: a change is a new row), letters owed and sent (a sent letter
never changes: a database trigger refuses edits to its text, PDF, hash and recipient), and the
administrator's letter settings (the schools' same-day feedback time, other support)."""

from __future__ import annotations

import datetime
import re
import uuid
from typing import Final

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from cads.letters.workflow import LetterStatus

OTHER_SUPPORT: Final = (
    "Support may be available from your school, GP, health visitor or school nurse, and "
    "from Early Help."
)
# "Call the Early Help team on the number below" with no number below: a letter gives the
# number itself, from a merge field filled from the authority settings.
NUMBER_ELSEWHERE: Final = re.compile(
    r"\bnumbers?\s+(below|above|overleaf|at the (top|bottom)|on (the )?(back|front))\b",
    re.IGNORECASE,
)
# A phone number typed in would not follow the authority settings.
TYPED_NUMBER: Final = re.compile(
    r"(?<![\w{])(0\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}|999|111|101)(?![\w}])"
)


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    OUTCOME = "outcome", "Outcome letter"
    CONSULTATION_RECORD = "consultation_record", "Consultation record"
    INSTRUCTIONS = "instructions", "Instructions to a school or professional"
    FAMILY = "family", "Letter to a parent or carer"


class Channel(models.TextChoices):
    """How a letter went out (settings.CADS_LETTER_CHANNEL chooses email or Notify)."""

    EMAIL = "email", "Email with the PDF attached"
    NOTIFY_EMAIL = "notify_email", "GOV.UK Notify email with the PDF"
    NOTIFY_LETTER = "notify_letter", "GOV.UK Notify letter by post"


class AcknowledgedHow(models.TextChoices):
    LINK = "link", "By the link in the letter"
    STAFF = "staff", "Recorded by staff"
    SIGNED_IN = "in_cads", "By the recipient, signed in to CADS"


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
    """A letter owed or sent. It is written in the same transaction as what makes it owed
    (a submission, a final decision, a recorded consultation), so it cannot be lost. The
    text and PDF are made once (by the worker for automatic letters, from the previewed text
    for the others) and never change; only delivery and acknowledgement fields move.
    Each letter is also the record of what was shared with whom, on what basis (ADR 0013)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, related_name="letters"
    )
    decision = models.ForeignKey(
        "decisions.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(max_length=30, choices=LetterKind.choices)
    due_at = models.DateTimeField()
    recipient_name = models.CharField(max_length=200)
    recipient_email = models.EmailField(blank=True)
    recipient_address = models.TextField(blank=True)
    text = models.TextField(blank=True)
    pdf = models.BinaryField(default=b"")
    sha256 = models.CharField(max_length=64, blank=True)
    made_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resend_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="resends"
    )
    # Information sharing (Information sharing advice 2024, golden rule 7): what basis, the
    # consent position when it was sent, and why. Withheld: a member of the public's
    # identity is kept out of a family letter (identity_withheld).
    lawful_basis = models.CharField(max_length=200)
    consent_status = models.CharField(max_length=300, blank=True)
    sharing_reasons = models.TextField(blank=True)
    identity_withheld = models.BooleanField(default=False)
    # Delivery, moved only on the worker (cads.letters.delivery).
    status = models.CharField(
        max_length=20, choices=LetterStatus.choices, default=LetterStatus.QUEUED
    )
    # When the status last moved: a letter queued or sending for long is stuck (ADR 0024).
    status_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.CharField(max_length=100, unique=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    notify_id = models.CharField(max_length=64, blank=True)
    delivery_status = models.CharField(max_length=40, blank=True)
    delivery_checked_at = models.DateTimeField(null=True, blank=True)
    # Instructions: the recipient must follow them; receipt is acknowledged by the signed
    # link in the letter or recorded by staff.
    acknowledgement_required = models.BooleanField(default=False)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_how = models.CharField(max_length=8, choices=AcknowledgedHow.choices, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "due_at"], name="letter_owed")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.contact}"

    @property
    def made(self) -> bool:
        return bool(self.sha256)


class LetterSettings(models.Model):
    """What the administrator changes without code (one row; defaults until saved)."""

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    school_feedback_by = models.TimeField(
        "Schools: feedback by",
        default=datetime.time(15, 0),
        help_text=(
            "A school that makes a contact hears what was decided by this time on the school "
            "day it was received (the next working day if it arrived later)."
        ),
    )
    outcome_letter_working_days = models.PositiveSmallIntegerField(
        default=1, help_text="Working days after a final decision to send the outcome letter."
    )
    consultation_record_working_days = models.PositiveSmallIntegerField(
        default=1, help_text="Working days after a consultation to send its record."
    )
    other_support = models.TextField(
        default=OTHER_SUPPORT,
        help_text=(
            "Printed in outcome letters when the case does not meet the threshold. Give no "
            "phone number here: the letter template adds the Early Help line from the "
            "authority settings."
        ),
    )
    # Checked before sending (ADR 0023): a person reads each letter of these kinds before it
    # leaves. Acknowledgements say only that a contact arrived, so they may go on their own;
    # instructions and family letters are always written and sent by a person.
    acknowledgement_checked = models.BooleanField(
        "Acknowledgements: check before sending",
        default=False,
        help_text="Unticked, acknowledgements are sent automatically when a contact arrives.",
    )
    outcome_checked = models.BooleanField(
        "Outcome letters: check before sending",
        default=True,
        help_text="Ticked, the worker (or the manager who signs off) checks and sends each one.",
    )
    consultation_record_checked = models.BooleanField(
        "Consultation records: check before sending", default=True
    )

    class Meta:
        verbose_name = "letter settings"
        verbose_name_plural = "letter settings"

    def __str__(self) -> str:
        return "Letter settings"

    def checked_before_sending(self, kind: str) -> bool:
        """Whether a person checks a letter of `kind` before it is sent."""
        return {
            LetterKind.ACKNOWLEDGEMENT: self.acknowledgement_checked,
            LetterKind.OUTCOME: self.outcome_checked,
            LetterKind.CONSULTATION_RECORD: self.consultation_record_checked,
        }.get(LetterKind(kind), True)

    def clean(self) -> None:
        # Every number in a letter comes from the authority settings (ADR 0023).
        if NUMBER_ELSEWHERE.search(self.other_support) or TYPED_NUMBER.search(self.other_support):
            raise ValidationError(
                {
                    "other_support": "Give no phone number here, and do not refer to one: "
                    "the letter adds the Early Help line from the authority settings"
                }
            )
