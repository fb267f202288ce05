"""A decision on a contact, its actions for the referrer, the sign-off rules, and the
Early Help requests that step-down decisions send to the Early Help pathway advisors."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from cads.decisions.codes import SIGN_OFF_TRIGGERS, Outcome
from cads.decisions.workflow import DecisionStatus


class SignOffRule(models.Model):
    """Configuration: whether decisions with this outcome (or made without consent) wait
    for a team manager's sign-off. Seeded with the issue 5 defaults; edited in the admin."""

    trigger = models.CharField(max_length=20, choices=SIGN_OFF_TRIGGERS, unique=True)
    needs_sign_off = models.BooleanField(default=False)

    class Meta:
        ordering = ["trigger"]

    def __str__(self) -> str:
        return f"{self.get_trigger_display()}: {'sign-off' if self.needs_sign_off else 'none'}"


class Decision(models.Model):
    """What happens next for a contact. `due_at` is copied from the contact's decision
    clock when proposed, so on time or late is judged against the deadline then in force.
    `consent` is the contact's consent at the time (given, refused, not sought)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, related_name="decisions"
    )
    outcomes = ArrayField(models.CharField(max_length=20, choices=Outcome.choices))
    # Internal: for the record, the manager and any later worker; never printed in a letter.
    reasons = models.TextField()
    # What the referrer reads (cads.decisions.summary): written for them beside the reasons,
    # the only words of a decision a letter carries (ADR 0023).
    summary_told_us = models.TextField("What you told us", blank=True)
    summary_decided = models.TextField("What we decided", blank=True)
    summary_next_steps = models.TextField("What happens now", blank=True)
    summary_asks = models.TextField("What we ask you to do", blank=True)
    open_case_worker = models.CharField(max_length=200, blank=True)
    consent = models.CharField(max_length=12, blank=True)
    status = models.CharField(
        max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.PROPOSED
    )
    sign_off_because = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="decisions_made"
    )
    decided_at = models.DateTimeField()
    due_at = models.DateTimeField()
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions_signed_off",
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    manager_comments = models.TextField(blank=True)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    referrer_acknowledged_on = models.DateField(null=True, blank=True)
    referrer_acknowledgement = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_at"]
        permissions = [("sign_off_decision", "Can sign off a decision")]
        # The few awaiting sign-off, counted in every manager's navigation on every page.
        indexes = [
            models.Index(
                fields=["decided_at"],
                condition=models.Q(status=DecisionStatus.AWAITING_SIGN_OFF),
                name="decisions_awaiting_sign_off",
            )
        ]

    def __str__(self) -> str:
        return f"Decision on {self.contact}: {', '.join(self.outcome_labels)}"

    @property
    def outcome_labels(self) -> list[str]:
        return [Outcome(code).label for code in self.outcomes]

    @property
    def on_time(self) -> bool:
        """Working Together 2023: decide within one working day of receipt."""
        return self.decided_at <= self.due_at


class ReferrerAction(models.Model):
    """Advice to the referrer as a structured action: what must be done, by whom, by when
    (for example, "the school's DSL speaks to the parents by Friday")."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField()
    who = models.CharField(max_length=200)
    by_when = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["by_when", "created_at"]

    def __str__(self) -> str:
        return f"{self.who}: {self.action[:40]}"


class EarlyHelpAnswer(models.TextChoices):
    """Why an Early Help pathway advisor sends a step-down back to the front door."""

    DECLINED = "declined", "Declined: Early Help will not take it on"
    RETURNED = "returned", "Returned: the front door needs to look again"


class EarlyHelpRequest(models.Model):
    """A contact stepped down to Early Help: it appears in the Early Help pathway advisors'
    tray, which shows the contact's own information so nothing is typed again."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="early_help_request"
    )
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, related_name="early_help_requests"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # An advisor takes the request on for the Early Help pathway; it then leaves the tray.
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_note = models.TextField(blank=True)
    # The day the Early Help assessment completed, as the advisor records it from the Early
    # Help service's own system; Ofsted Annex A list 2 reports it ("Assessment completion
    # date"). Blank while the assessment is still open.
    assessment_completed_on = models.DateField(null=True, blank=True)
    # Or the advisor declines or returns it, with a reason; it then waits at the head of the
    # screeners' work tray until a screener records what happens now (ADR 0032).
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    returned_how = models.CharField(max_length=10, choices=EarlyHelpAnswer.choices, blank=True)
    returned_reason = models.TextField(blank=True)
    followed_up_at = models.DateTimeField(null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    followed_up_note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]
        # Requests not yet accepted, counted in every advisor's navigation on every page.
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(accepted_at__isnull=True),
                name="decisions_early_help_waiting",
            ),
            models.Index(
                fields=["returned_at"],
                condition=models.Q(returned_at__isnull=False, followed_up_at__isnull=True),
                name="decisions_early_help_returned",
            ),
        ]

    def __str__(self) -> str:
        return f"Early Help request for {self.contact}"
