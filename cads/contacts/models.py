"""A contact: a concern about one or more children as it arrived at the front door.

The clock starts at `received_at` (when the call came in or the form arrived), not when a
draft was submitted: Working Together 2023, decision within one working day of receipt."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from cads.contacts.codes import (
    Channel,
    Consent,
    ConsentNotSoughtReason,
    ContactKind,
    ReferralSource,
    SubjectRole,
    ThresholdView,
    YesNoUnknown,
)
from cads.contacts.workflow import Status


class Contact(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    kind = models.CharField(max_length=12, choices=ContactKind.choices, default=ContactKind.CONTACT)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.DRAFT)
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.PHONE)
    received_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    sections_done = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    # One-time key of the submit button: a double click or a retried request finds the
    # contact already submitted instead of making a second one.
    submission_key = models.UUIDField(null=True, blank=True, unique=True)
    # One-time key of the start form: two "start" posts at once (a double click) open one
    # draft between them (ADR 0026).
    start_key = models.UUIDField(null=True, blank=True, unique=True)

    # Immediate risk is the first question on every intake.
    immediate_risk = models.BooleanField(null=True, blank=True)
    rag = models.CharField(max_length=10, blank=True)
    out_of_hours = models.BooleanField(default=False)
    # Out-of-hours contacts join the CADS queue at the start of the next working day.
    queue_from = models.DateTimeField(null=True, blank=True)

    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_role = models.CharField(max_length=200, blank=True)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_phone = models.CharField(max_length=40, blank=True)
    referrer_email = models.EmailField(blank=True)
    referral_source = models.CharField(max_length=3, choices=ReferralSource.choices, blank=True)
    referrer_anonymous = models.BooleanField(default=False)
    referrer_identity_may_be_shared = models.BooleanField(null=True, blank=True)
    referrer_discussed_with = models.CharField(
        "Discussed with (DSL or line manager)", max_length=200, blank=True
    )

    consent = models.CharField(max_length=12, choices=Consent.choices, blank=True)
    consent_not_sought_reason = models.CharField(
        max_length=16, choices=ConsentNotSoughtReason.choices, blank=True
    )
    consent_reason_detail = models.TextField(blank=True)
    consent_given_by = models.CharField(max_length=200, blank=True)
    consent_covers = models.TextField(blank=True)
    parents_told = models.CharField(max_length=8, choices=YesNoUnknown.choices, blank=True)

    concern = models.TextField("What is the concern", blank=True)
    concern_when = models.TextField("When and how often", blank=True)
    happened_before = models.CharField(max_length=8, choices=YesNoUnknown.choices, blank=True)
    referrer_witnessed = models.CharField(max_length=8, choices=YesNoUnknown.choices, blank=True)
    different_today = models.TextField("What is different today", blank=True)
    action_taken = models.TextField("Action taken and what worked", blank=True)
    child_words = models.TextField("The child's own words", blank=True)
    strengths = models.TextField("Strengths and protective factors", blank=True)
    police_reference = models.CharField(max_length=40, blank=True)
    other_professionals = models.TextField("Other professionals involved", blank=True)

    how_well_known = models.TextField("How well the referrer knows the family", blank=True)
    last_direct_contact = models.DateField(null=True, blank=True)

    outcome_sought = models.TextField("What the referrer would like to happen", blank=True)
    referrer_threshold_view = models.CharField(
        max_length=8, choices=ThresholdView.choices, blank=True
    )

    # Consultations may be anonymous: no child named, only an overview and the child's age.
    consultation_overview = models.TextField(blank=True)
    consultation_child_age = models.CharField(max_length=40, blank=True)
    advice_given = models.TextField(blank=True)
    converted_from_consultation_at = models.DateTimeField(null=True, blank=True)
    # People as an online referrer described them, exactly as sent; each is also a
    # NamedPerson (models_named), which the screener resolves through search before create.
    reported_people = models.JSONField(default=list, blank=True)
    # Issue 5: a closed contact is never reopened to reset a clock; a new concern is a new
    # contact (its own clock) linked to the earlier one (cads.contacts.follow_up).
    follows = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="followed_by"
    )

    class Meta:
        ordering = ["-received_at"]
        # A referrer (a school's safeguarding lead) follows the contacts they raised
        # (cads.referrers): reference, status, instructions and letters, nothing else.
        permissions = [("follow_own_contact", "Can follow the contacts they raised")]
        indexes = [models.Index(fields=["status", "received_at"], name="contact_queue")]

    def __str__(self) -> str:
        return self.reference or f"Draft {str(self.pk)[:8]}"


class ContactSubject(models.Model):
    """A person on a contact (a child, sibling, parent or carer, household member). Every
    subject is a person record found or created through search before create."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="subjects")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="contacts")
    role = models.CharField(max_length=20, choices=SubjectRole.choices)
    parental_responsibility = models.BooleanField(null=True, blank=True)
    whereabouts = models.TextField("Where the child is now", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contact", "person"], name="subject_once_per_contact")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.role})"


class Attachment(models.Model):
    """A file sent with a contact, stored outside the web root and served only through a
    permission check; the type is detected from the content, never the name."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="attachments")
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(max_length=200, blank=True)
    scan_result = models.CharField(max_length=20, default="not_scanned")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The same file sent twice, even at once, is stored once on a contact.
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "sha256"], name="attachment_once_per_contact"
            )
        ]

    def __str__(self) -> str:
        return self.original_name


from cads.contacts import models_named, models_online  # noqa: E402, F401
