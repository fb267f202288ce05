"""Reporting's own tables: front-door teams for the team filter, and the per-contact facts
the dashboard counts, with their refresh queue (ADR 0015)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models


class Team(models.Model):
    """A front-door team (for example "CADS North") and the workers in it. A contact belongs
    to the team of the worker screening it (ADR 0015); teams are configuration data."""

    name = models.CharField(max_length=100, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="reporting_teams"
    )

    class Meta:
        ordering = ["name"]
        permissions = [
            ("view_dashboard", "Can see the front door's figures, backlog and data quality")
        ]

    def __str__(self) -> str:
        return self.name


class ContactFact(models.Model):
    """One submitted contact as the dashboard counts it (ADR 0015): its receipt, team worker,
    current RAG code, first decision, acknowledgement, referrals, disagreement and the
    outcomes of the decision in force, with office seconds worked out once. Written only by
    cads.reporting.facts from the operational records; never edited by hand."""

    contact = models.OneToOneField(
        "contacts.Contact", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    received_at = models.DateTimeField(db_index=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    channel = models.CharField(max_length=12)
    referral_source = models.CharField(max_length=3)
    referrer_threshold_view = models.CharField(max_length=20)
    referrer_anonymous = models.BooleanField()
    # NULL is "not yet rated", as the figures' Coalesce(NullIf(...)) gave it.
    rag_code = models.CharField(max_length=20, null=True)  # noqa: DJ001
    start_s = models.FloatField()
    # When the daytime clocks start: receipt, or the next opening for a contact received out
    # of hours (ADR 0030). NULL only on facts made before the rule, until their refresh.
    clock_from = models.DateTimeField(null=True)
    decided = models.DateTimeField(null=True)
    due_at = models.DateTimeField(null=True)
    decided_s = models.FloatField(null=True)
    acknowledged = models.DateTimeField(null=True)
    acknowledged_s = models.FloatField(null=True)
    referrals = models.PositiveIntegerField()
    re_referrals = models.PositiveIntegerField()
    disagrees = models.BooleanField(null=True)
    outcomes = ArrayField(models.CharField(max_length=20), null=True)

    class Meta:
        # Contacts still waiting for a decision or an acknowledgement, by office time at
        # receipt: "not yet due" is counted live from the few recent ones (tallies.py).
        indexes = [
            models.Index(
                fields=["start_s"],
                name="reporting_fact_unsettled",
                condition=models.Q(decided__isnull=True) | models.Q(acknowledged__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"Facts of contact {self.contact_id}"


class StaleContact(models.Model):
    """A contact whose fact must be worked out again: database triggers add one whenever the
    contact, its screening, decisions, letters or referrals are written (ADR 0015)."""

    contact_id = models.UUIDField(primary_key=True)

    def __str__(self) -> str:
        return f"Contact {self.contact_id} to refresh"


class FactCalendar(models.Model):
    """The office hours and bank holidays the facts' office seconds were worked out with; a
    change sends every contact back through the refresh."""

    key = models.TextField()

    def __str__(self) -> str:
        return self.key


class CheckFact(models.Model):
    """One partner check (not cancelled) on a submitted contact, with the contact's receipt and
    worker so the response-time figure filters like the others; refreshed with its contact."""

    check_request = models.OneToOneField(
        "checks.CheckRequest",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    received_at = models.DateTimeField(db_index=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    requested_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True)
    # Elapsed seconds from request to completion and their band (cads.reporting.bands), for
    # exact percentiles that read only the bands they need (cads.reporting.percentiles).
    took_s = models.FloatField(null=True)
    took_band = models.SmallIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["organisation", "took_band"],
                include=["took_s", "received_at", "worker"],
                name="reporting_check_band",
            )
        ]

    def __str__(self) -> str:
        return f"Facts of check {self.check_request_id}"


class DayTally(models.Model):
    """The counts of one local day's contact facts, for every contact (`team_key` -1) or for
    one front-door team (its id), as cads.reporting.tallies keys them ("channel:phone",
    "decision:on_time" ...). The dashboard adds up at most a year of these instead of counting
    a million facts (ADR 0015); counted again from the facts whenever one of the day's changes."""

    day = models.DateField()
    team_key = models.IntegerField()
    counts = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team_key", "day"], name="reporting_tally_key")
        ]

    def __str__(self) -> str:
        return f"Tally of {self.day} for {self.team_key}"


class StaleDay(models.Model):
    """A local day whose tallies must be counted again: a fact received that day changed."""

    day = models.DateField(primary_key=True)

    def __str__(self) -> str:
        return f"{self.day} to count again"


class TallyClocks(models.Model):
    """The RAG and acknowledgement timescales and the teams' members the tallies were counted
    with; a change of any counts every day again (on time or late, and whose contacts a
    team's are, depend on them)."""

    key = models.TextField()

    def __str__(self) -> str:
        return self.key
