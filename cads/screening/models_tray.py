"""Each open contact's clocks as the work tray orders them, stored so that a tray page reads
an index rather than working out every open contact's deadlines (ADR 0033).

A row is kept fresh by `version`: triggers on the contact, its screening, its letters, its
subjects and their people add one to it in the transaction that changes anything its clocks
are worked out from (cads.screening.migrations.0006). `computed_version` is the version they
were worked out at, read in the same snapshot as what they were worked out from, so a row is
fresh exactly when the two agree and `config_key` is the clocks' configuration of now
(cads.screening.tray_clocks). No foreign key: the triggers write rows for contacts in the
middle of their own changes, and a row for a contact that has gone is never read."""

from __future__ import annotations

from django.db import models


class TrayClock(models.Model):
    contact_id = models.UUIDField(primary_key=True)
    version = models.BigIntegerField(db_default=0)
    computed_version = models.BigIntegerField(null=True)
    config_key = models.CharField(max_length=64, db_default="")
    # Red first, then each RAG level in turn (cads.screening.tray_clocks.Clocks.rank).
    rag_rank = models.IntegerField(null=True)
    # The nearest office-clock deadline, as office seconds (cads.deadlines.sql).
    office_due = models.FloatField(null=True)
    # The nearest real-time deadline (a red RAG out of hours, a letter owed).
    real_due = models.DateTimeField(null=True)
    # The nearest of both, as office seconds: the tray's order inside a level.
    due_key = models.FloatField(null=True)
    # The first household among its children who are not restricted; whether a restricted
    # child has one (then each viewer's own grouping is worked out: ADR 0025).
    household = models.UUIDField(null=True)
    restricted_household = models.BooleanField(null=True)

    class Meta:
        db_table = "screening_trayclock"

    def __str__(self) -> str:
        return f"Tray clock of contact {self.contact_id}"
