"""Counts for "decisions within one working day", "RAG compliance" and the acknowledgement
to the referrer: on time and late come from the day tallies (cads.reporting.tallies), not
yet due is counted live from the few recent contacts still waiting (it depends on now), and
overdue is the rest of those not done. Worked out once per dashboard (issue 7: 1 s at 1M)."""

from __future__ import annotations

from django.db.models import Q

from cads.deadlines.models import RagLevel
from cads.reporting import tallies
from cads.reporting.calendar import elapsed_conditions, office_conditions
from cads.reporting.scope import Scope

CACHE_KEY = "first-decisions"


def _waiting(scope: Scope, levels: list[RagLevel]) -> dict[str, int]:
    """Contacts whose decision, RAG or acknowledgement deadline has not yet come."""
    now_s = scope.now_seconds
    decision = scope.decision_time.total_seconds()
    acknowledgement = scope.acknowledgement_time.total_seconds()
    conditions: dict[str, Q] = {
        "decision": office_conditions(scope.decision_time, now_s, done="decided")["waiting"],
        "ack": Q(referrer_anonymous=False)
        & office_conditions(scope.acknowledgement_time, now_s, done="acknowledged")["waiting"],
    }
    bounds = [now_s - decision, now_s - acknowledgement]
    for level in levels:
        amount = tallies.level_amount(level, scope.hours)
        if level.runs_outside_office_hours:
            # Local RAG rule: red runs outside office hours (real elapsed time), from the
            # handover for a contact received out of hours (ADR 0030).
            found = elapsed_conditions(amount, scope.now, done="decided", start="clock_from")
            bounds.append(tallies.office_seconds_before(scope.now, amount, scope.hours))
        else:
            found = office_conditions(amount, now_s, done="decided")
            bounds.append(now_s - amount.total_seconds())
        conditions[level.code] = Q(rag_code=level.code) & found["waiting"]
    return tallies.waiting_counts(scope.facts(), conditions, min(bounds))


def _split(counts: dict[str, int], total: dict[str, int], key: str, name: str, left: int) -> None:
    """On time and late as tallied; not done split into waiting (live) and overdue."""
    counts[f"{name}:on_time"] = total[f"{key}:on_time"]
    counts[f"{name}:late"] = total[f"{key}:late"]
    counts[f"{name}:waiting"] = left
    counts[f"{name}:overdue"] = total[f"{key}:{'unacked' if key == 'ack' else 'undecided'}"] - left


def first_decision_counts(scope: Scope) -> dict[str, int]:
    """Counts keyed "decision:on_time", "<rag code>:late", "<rag code>:rated", "unrated",
    "ack:waiting" and so on."""
    if CACHE_KEY not in scope.cache:
        levels = list(RagLevel.objects.all())
        total = scope.tallies().total
        waiting = _waiting(scope, levels)
        counts = {"unrated": total["unrated"]}
        _split(counts, total, "decision", "decision", waiting["decision"])
        _split(counts, total, "ack", "ack", waiting["ack"])
        for level in levels:
            counts[f"{level.code}:rated"] = total[f"rag:{level.code}:rated"]
            _split(counts, total, f"rag:{level.code}", level.code, waiting[level.code])
        scope.cache[CACHE_KEY] = counts
    return scope.cache[CACHE_KEY]
