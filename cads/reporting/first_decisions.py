"""Counts for "decisions within one working day" and "RAG compliance" in two passes: one
over each contact's first decision (a hash anti-join finds "first", no grouping per
contact) and one over the contacts with no decision yet. Both figures read the same
counts, computed once per dashboard (issue 7: 1 s at 1M contacts)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Coalesce, NullIf

from cads.decisions.models import Decision
from cads.decisions.workflow import DecisionStatus
from cads.reporting.calendar import elapsed_conditions, office_conditions, office_seconds
from cads.reporting.scope import Scope
from cads.screening.models import DurationUnit, RagLevel

CACHE_KEY = "first-decisions"
# A slice that keeps every row but makes the database compute each row once (a LIMIT stops
# PostgreSQL folding the subquery back into the counts).
ALL = 2**62


def level_amount(level: RagLevel, scope: Scope) -> datetime.timedelta:
    """The RAG timescale as screening.clocks.level_due counts it."""
    if level.duration_unit == DurationUnit.WORKING_HOURS:
        return datetime.timedelta(hours=level.duration_amount)
    if level.runs_outside_office_hours:
        return datetime.timedelta(days=level.duration_amount)
    return level.duration_amount * scope.hours.working_day


def _level_conditions(level: RagLevel, scope: Scope, prefix: str) -> dict[str, Q]:
    amount = level_amount(level, scope)
    if level.runs_outside_office_hours:
        # Local RAG rule: red runs outside office hours (real elapsed time).
        return elapsed_conditions(amount, scope.now, done="decided", start=f"{prefix}received_at")
    return office_conditions(amount, scope.now_seconds, done="decided")


def _rag_code(prefix: str) -> Coalesce:
    return Coalesce(NullIf(f"{prefix}screening__rag", Value("")), NullIf(f"{prefix}rag", Value("")))


def _first_decisions(scope: Scope) -> QuerySet[Any]:
    returned = DecisionStatus.RETURNED
    earlier = Decision.objects.filter(contact=OuterRef("contact")).exclude(status=returned)
    earlier = earlier.filter(
        Q(decided_at__lt=OuterRef("decided_at"))
        | Q(decided_at=OuterRef("decided_at"), pk__lt=OuterRef("pk"))
    )
    return (
        Decision.objects.filter(scope.contact_q("contact__"))
        .exclude(status=returned)
        .filter(~Exists(earlier))
        .annotate(
            rag_code=_rag_code("contact__"),
            decided=F("decided_at"),
            start_s=office_seconds("contact__received_at", scope.hours),
            decided_s=office_seconds("decided_at", scope.hours, end=True),
        )
    )


def _undecided(scope: Scope) -> QuerySet[Any]:
    decided = Decision.objects.filter(contact=OuterRef("pk")).exclude(
        status=DecisionStatus.RETURNED
    )
    return (
        scope.contacts()
        .filter(~Exists(decided))
        .annotate(
            rag_code=_rag_code(""),
            decided=Cast(Value(None), DateTimeField()),
            decided_s=Cast(Value(None), FloatField()),
            start_s=office_seconds("received_at", scope.hours),
        )
    )


def _aggregates(scope: Scope, levels: list[RagLevel], prefix: str) -> dict[str, Count]:
    """The decision clock's four counts, and per RAG level the rated count and the level's
    clock's four (only its own contacts: each condition is guarded by the RAG code)."""
    decision = office_conditions(scope.decision_time, scope.now_seconds, done="decided")
    # A decision made is judged against the deadline recorded on it (the one then in force).
    decision["on_time"] = Q(decided__lte=F("due_at")) if prefix else Q(pk__isnull=True)
    decision["late"] = Q(decided__gt=F("due_at")) if prefix else Q(pk__isnull=True)
    aggregates = {f"decision:{k}": Count("pk", filter=v) for k, v in decision.items()}
    aggregates["unrated"] = Count("pk", filter=Q(rag_code__isnull=True))
    for level in levels:
        rated = Q(rag_code=level.code)
        aggregates[f"{level.code}:rated"] = Count("pk", filter=rated)
        for name, condition in _level_conditions(level, scope, prefix).items():
            aggregates[f"{level.code}:{name}"] = Count("pk", filter=rated & condition)
    return aggregates


def first_decision_counts(scope: Scope) -> dict[str, int]:
    """Counts keyed "decision:on_time", "<rag code>:late", "unrated" and so on."""
    if CACHE_KEY not in scope.cache:
        levels = list(RagLevel.objects.all())
        passes: list[tuple[QuerySet[Any], str]] = [
            (_first_decisions(scope), "contact__"),
            (_undecided(scope), ""),
        ]
        counts: dict[str, int] = defaultdict(int)
        for query, prefix in passes:
            # Sliced, the query becomes a subquery: the office seconds are worked out once
            # per row there, and the counts outside only compare numbers.
            found = query.order_by()[:ALL].aggregate(**_aggregates(scope, levels, prefix))
            for key, value in found.items():
                counts[key] += value
        scope.cache[CACHE_KEY] = counts
    return scope.cache[CACHE_KEY]
