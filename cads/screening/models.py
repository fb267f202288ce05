"""The screening of one submitted contact: worker, RAG, history viewed, consent call and
threshold, with a version number so a stale save is caught rather than overwriting."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cads.contacts.codes import Consent, ConsentNotSoughtReason
from cads.screening.models_config import (
    ThresholdDomain,
    ThresholdIndicator,
    ThresholdLevel,
)
from cads.screening.models_out_of_hours import ImmediateAction, OutOfHoursRecord
from cads.screening.models_tray import TrayClock
from cads.screening.workflow import Status

__all__ = [
    "AcknowledgementMethod",
    "ImmediateAction",
    "OutOfHoursRecord",
    "Screening",
    "ThresholdDomain",
    "ThresholdIndicator",
    "ThresholdLevel",
    "TrayClock",
]


class AcknowledgementMethod(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"


class Screening(models.Model):
    contact = models.OneToOneField(
        "contacts.Contact", on_delete=models.PROTECT, related_name="screening"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.IN_PROGRESS)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="screenings",
    )
    # The RAG clock runs from receipt (Luton: "clock starts on receipt"); re-rating changes the
    # deadline but never restarts the clock.
    rag = models.CharField(max_length=20, blank=True)
    # Seed 000: show the child's history before the worker contacts parents about consent.
    history_viewed_at = models.DateTimeField(null=True, blank=True)

    consent_call = models.CharField(max_length=12, choices=Consent.choices, blank=True)
    consent_not_sought_reason = models.CharField(
        max_length=16, choices=ConsentNotSoughtReason.choices, blank=True
    )
    consent_call_reason = models.TextField(blank=True)
    consent_called_at = models.DateTimeField(null=True, blank=True)
    consent_called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    threshold_level = models.ForeignKey(
        ThresholdLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    indicators = models.ManyToManyField(ThresholdIndicator, blank=True, related_name="+")
    threshold_rationale = models.TextField(blank=True)
    # The referrer's view (contact.referrer_threshold_view) is kept on the contact; this says
    # whether the screener disagreed with it, and why.
    disagrees_with_referrer = models.BooleanField(null=True, blank=True)
    disagreement_reason = models.TextField(blank=True)

    # Acknowledgement to the referrer within 1 working day (deadlines.due
    # acknowledgement_due); sending letters is a later issue, this records that it was done.
    referrer_acknowledged_at = models.DateTimeField(null=True, blank=True)
    referrer_acknowledged_how = models.CharField(
        max_length=8, choices=AcknowledgementMethod.choices, blank=True
    )
    referrer_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        permissions = [("manage_tray", "Can oversee the work tray and reassign contacts")]

    def __str__(self) -> str:
        return f"Screening of {self.contact}"
