"""Counts for "decisions within one working day" and "RAG compliance" in one pass over the
contact facts, which hold each contact's first decision, its due time and the office seconds
at receipt and decision (cads.reporting.facts). Both figures read the same counts, computed
once per dashboard (issue 7: 1 s at 1M contacts)."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, Q

from cads.reporting.calendar import elapsed_conditions, office_conditions
from cads.reporting.scope import Scope
from cads.screening.models import DurationUnit, RagLevel

CACHE_KEY = "first-decisions"


def level_amount(level: RagLevel, scope: Scope) -> datetime.timedelta:
    """The RAG timescale as screening.clocks.level_due counts it."""
    if level.duration_unit == DurationUnit.WORKING_HOURS:
        return datetime.timedelta(hours=level.duration_amount)
    if level.runs_outside_office_hours:
        return datetime.timedelta(days=level.duration_amount)
    return level.duration_amount * scope.hours.working_day


def _level_conditions(level: RagLevel, scope: Scope) -> dict[str, Q]:
    amount = level_amount(level, scope)
    if level.runs_outside_office_hours:
        # Local RAG rule: red runs outside office hours (real elapsed time).
        return elapsed_conditions(amount, scope.now, done="decided", start="received_at")
    return office_conditions(amount, scope.now_seconds, done="decided")


def _aggregates(scope: Scope, levels: list[RagLevel]) -> dict[str, Count]:
    """The decision clock's four counts, and per RAG level the rated count and the level's
    clock's four (only its own contacts: each condition is guarded by the RAG code)."""
    decision = office_conditions(scope.decision_time, scope.now_seconds, done="decided")
    # A decision made is judged against the deadline recorded on it (the one then in force).
    decision["on_time"] = Q(decided__lte=F("due_at"))
    decision["late"] = Q(decided__gt=F("due_at"))
    aggregates = {f"decision:{k}": Count("pk", filter=v) for k, v in decision.items()}
    aggregates["unrated"] = Count("pk", filter=Q(rag_code__isnull=True))
    for level in levels:
        rated = Q(rag_code=level.code)
        aggregates[f"{level.code}:rated"] = Count("pk", filter=rated)
        for name, condition in _level_conditions(level, scope).items():
            aggregates[f"{level.code}:{name}"] = Count("pk", filter=rated & condition)
    return aggregates


def first_decision_counts(scope: Scope) -> dict[str, int]:
    """Counts keyed "decision:on_time", "<rag code>:late", "unrated" and so on."""
    if CACHE_KEY not in scope.cache:
        levels = list(RagLevel.objects.all())
        scope.cache[CACHE_KEY] = scope.facts().aggregate(**_aggregates(scope, levels))
    return scope.cache[CACHE_KEY]
