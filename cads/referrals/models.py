"""Referrals (CIN census episodes) and the assessment teams they are allocated to."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from cads.contacts.codes import ReferralSource
from cads.core.clocks import add_working_days_to_date
from cads.referrals.codes import AssessmentFactor, ClosureReason, PrimaryNeed, Section47Outcome
from cads.referrals.workflow import ReferralStatus

# Working Together 2023: initial child protection conference within 15 working days.
ICPC_WORKING_DAYS = 15


class AssessmentTeam(models.Model):
    """A team that carries out Child and Family Assessments (configuration data)."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Referral(models.Model):
    """One child's CIN episode from a contact. `referral_date` is the date the contact was
    received: Working Together 2023 runs the 45-working-day assessment clock "from the point
    of referral", not from allocation. `previous_referral` is set when the same child had a
    referral in the 12 months before (a re-referral)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, related_name="referrals"
    )
    decision = models.ForeignKey(
        "decisions.Decision", on_delete=models.PROTECT, related_name="referrals"
    )
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    referral_date = models.DateField()
    referral_source = models.CharField(max_length=3, choices=ReferralSource.choices, blank=True)
    primary_need = models.CharField(
        max_length=2, choices=PrimaryNeed.choices, default=PrimaryNeed.N0
    )
    nfa = models.BooleanField("No further action", default=False)
    status = models.CharField(
        max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.AWAITING_ALLOCATION
    )
    team = models.ForeignKey(
        AssessmentTeam, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocated_referrals",
    )
    allocated_at = models.DateTimeField(null=True, blank=True)
    assessment_due = models.DateField()
    assessment_completed_on = models.DateField(null=True, blank=True)
    overrun_reason = models.TextField(blank=True)
    # What the CIN census and Annex A need, recorded by the assessment social worker
    # (ADR 0028). The assessment starts when the social worker starts it, which may be later
    # than the decision that commissioned it.
    assessment_started_on = models.DateField(null=True, blank=True)
    assessment_factors = ArrayField(models.CharField(max_length=3), default=list, blank=True)
    strategy_discussion_on = models.DateField(null=True, blank=True)
    s47_started_on = models.DateField("Section 47 enquiry started", null=True, blank=True)
    s47_outcome = models.CharField(max_length=12, choices=Section47Outcome.choices, blank=True)
    icpc_on = models.DateField("Initial child protection conference", null=True, blank=True)
    icpc_not_required = models.BooleanField("Conference not required", default=False)
    # "No further action on the referral" (CIN census ReferralNFA): closed without an
    # assessment or a section 47 enquiry.
    referral_nfa = models.BooleanField("No further action on the referral", default=False)
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=3, choices=ClosureReason.choices, blank=True)
    previous_referral = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="re_referrals"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment_due", "created_at"]
        permissions = [("allocate_referral", "Can allocate a referral")]
        constraints = [
            models.UniqueConstraint(fields=["contact", "child"], name="one_referral_per_child")
        ]
        # Referrals waiting for allocation, counted in every manager's navigation.
        indexes = [
            models.Index(
                fields=["referral_date"],
                condition=models.Q(
                    status__in=[
                        ReferralStatus.AWAITING_ALLOCATION,
                        ReferralStatus.ALLOCATED_TO_TEAM,
                    ]
                ),
                name="referrals_unallocated",
            )
        ]

    def __str__(self) -> str:
        return f"Referral for {self.child} ({self.referral_date:%d/%m/%Y})"

    @property
    def is_re_referral(self) -> bool:
        return self.previous_referral_id is not None

    @property
    def is_open(self) -> bool:
        """The CIN episode is open until it is closed with a reason."""
        return self.closed_on is None

    @property
    def icpc_due(self) -> datetime.date | None:
        """Working Together 2023: the initial child protection conference within 15 working
        days of the strategy discussion that started the section 47 enquiry."""
        if self.strategy_discussion_on is None:
            return None
        return add_working_days_to_date(self.strategy_discussion_on, ICPC_WORKING_DAYS)

    @property
    def factor_labels(self) -> list[str]:
        """The factors identified at the assessment, in words with their DfE codes."""
        return [AssessmentFactor(code).label for code in self.assessment_factors]

    @property
    def has_section_47(self) -> bool:
        return self.s47_started_on is not None

    @property
    def assessment_overdue(self) -> bool:
        """Past the 45-working-day date and not complete (shown in words, not colour)."""
        if self.assessment_completed_on is not None:
            return self.assessment_completed_on > self.assessment_due
        return timezone.localdate() > self.assessment_due
