"""MASH checks: a question to one partner agency about a contact, its answer, and the
record of every information-sharing decision (the seventh golden rule: record what was
shared, with whom, how the decision was made and why, whether or not you share)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from cads.checks.workflow import AuthorisationStatus, Status


class LawfulBasis(models.TextChoices):
    """Why the law allows this sharing (Information sharing advice 2024; UK GDPR, DPA 2018)."""

    PUBLIC_TASK = (
        "public_task",
        "Public task: safeguarding duties under the Children Acts 1989 and 2004 "
        "(UK GDPR Article 6(1)(e))",
    )
    SAFEGUARDING = (
        "safeguarding",
        "Safeguarding of children and individuals at risk (DPA 2018 Schedule 1, paragraph 18)",
    )
    LEGAL_OBLIGATION = "legal_obligation", "Legal obligation (UK GDPR Article 6(1)(c))"
    VITAL_INTERESTS = "vital_interests", "Vital interests (UK GDPR Article 6(1)(d))"
    CONSENT = "consent", "Consent (UK GDPR Article 6(1)(a))"


class AnswerGivenHow(models.TextChoices):
    """How a partner gave an answer that CADS staff recorded on their behalf."""

    PHONE = "phone", "By phone"
    EMAIL = "email", "By email"
    IN_PERSON = "in_person", "In person or at a meeting"
    LETTER = "letter", "By letter or secure post"


class CheckRequest(models.Model):
    """One question to one partner organisation. The partner sees `question` and
    `shared_information` only, never the contact itself (golden rule 6: share only what
    they need)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, related_name="check_requests"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="check_requests"
    )
    question = models.TextField()
    shared_information = models.TextField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # A partner who answers by phone (or email, or at a meeting) has the answer recorded by
    # CADS staff on their behalf: who gave it, how and when; `responded_by` is then the
    # member of staff who recorded it (golden rule 7: record who shared what, and how).
    given_by = models.CharField("Who gave the answer", max_length=200, blank=True)
    given_how = models.CharField(max_length=12, choices=AnswerGivenHow.choices, blank=True)
    given_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["due_at"]
        permissions = [
            ("respond_checkrequest", "Can answer checks addressed to their own organisation"),
            ("cancel_checkrequest", "Can cancel an outstanding check with a reason"),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "due_at"], name="check_partner_tray"),
            models.Index(fields=["status", "due_at"], name="check_overdue"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} check on {self.contact}"


class CheckAttachment(models.Model):
    """A file sent with a partner's answer, stored outside the web root like contact
    attachments (cads.contacts.attachments); type from content, scanned by ClamAV."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    check_request = models.ForeignKey(
        CheckRequest, on_delete=models.PROTECT, related_name="attachments"
    )
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    scan_result = models.CharField(max_length=20, default="not_scanned")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class InformationSharingRecord(models.Model):
    """One information-sharing decision: what, with whom, lawful basis, consent status,
    who decided and why. `shared` is False for a decision not to share (golden rule 7).
    Never edited: a later decision is a new record."""

    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, related_name="sharing_records"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="sharing_records"
    )
    check_request = models.ForeignKey(
        CheckRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sharing_records",
    )
    shared = models.BooleanField()
    # The partner shared with CADS (an answer recorded by staff on the partner's behalf),
    # rather than CADS with the partner.
    from_partner = models.BooleanField(default=False)
    information = models.TextField("What was shared, or asked for and not shared")
    # A partner's answer passed on in a letter: the one recipient (by email) it may go to
    # (cads.checks.disclosure; ADR 0023). Empty for CADS's own disclosures to a partner.
    onward_to = models.EmailField("Passed on to", blank=True)
    lawful_basis = models.CharField(max_length=20, choices=LawfulBasis.choices, blank=True)
    consent_status = models.CharField(max_length=300)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reasons = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        verb = "Shared with" if self.shared else "Not shared with"
        if self.from_partner:
            verb = "Shared by"
        return f"{verb} {self.organisation}"


class ConsentOverride(models.Model):
    """A team manager's authority to seek partner information without the family's consent
    (consent refused or not sought), with reasons (sussexchildprotection 4.1.6)."""

    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, related_name="consent_overrides"
    )
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reasons = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"Consent override on {self.contact}"


class AuthorisationRequest(models.Model):
    """A worker asks a team manager to authorise checks without consent: it waits in the
    managers' list ("Authorisations to give") and raises an alert; the answer (a
    `ConsentOverride` when authorised, reasons either way) goes back to the worker."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, related_name="authorisation_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    reasons = models.TextField("Why checks should go ahead without consent")
    status = models.CharField(
        max_length=12, choices=AuthorisationStatus.choices, default=AuthorisationStatus.WAITING
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField("The manager's reasons", blank=True)
    override = models.OneToOneField(
        ConsentOverride, on_delete=models.PROTECT, null=True, blank=True, related_name="request"
    )

    class Meta:
        ordering = ["requested_at"]
        constraints = [
            # One question at a time per contact: asking twice adds nothing to the list.
            models.UniqueConstraint(
                fields=["contact"],
                condition=models.Q(status=AuthorisationStatus.WAITING),
                name="checks_one_waiting_authorisation",
            )
        ]
        indexes = [
            models.Index(
                fields=["requested_at"],
                condition=models.Q(status=AuthorisationStatus.WAITING),
                name="checks_authorisations_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"Authorisation without consent on {self.contact}"
