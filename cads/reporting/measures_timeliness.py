"""Timeliness figures: decisions within one working day, RAG compliance, partner check
response times, acknowledgement and feedback to the referrer. Deadlines come from the same
configuration as the clocks on screen (cads.deadlines.due), worked out in SQL with
cads_office_seconds (cads.reporting.calendar), so no contact is loaded into Python."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Count,
    DateTimeField,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.expressions import Case, When
from django.db.models.functions import Least

from cads.deadlines.models import RagLevel
from cads.letters.models import Letter, LetterKind, LetterStatus
from cads.reporting import percentiles
from cads.reporting.figures import NOTHING, Bar, Chart, Figure, hours, percent, share_chart
from cads.reporting.first_decisions import first_decision_counts
from cads.reporting.scope import Scope


@dataclass(frozen=True)
class Timeliness:
    """What a timeliness figure says about its clock: what "done" is called in its rows and
    headline, and what its rows count."""

    done: str  # "Decided", in "Decided on time"
    headline: str  # "decided on time", after the share
    columns: tuple[str, str]  # ("Decisions", "Contacts")


def _timeliness_figure(
    counts: dict[str, int], words: Timeliness, *, slug: str, title: str, definition: str
) -> Figure:
    """On time, late, overdue (shares of those due) and not yet due (not counted)."""
    due = counts["on_time"] + counts["late"] + counts["overdue"]
    rows: list[list[object]] = [
        [f"{words.done} on time", counts["on_time"], percent(counts["on_time"], due)],
        [f"{words.done} late", counts["late"], percent(counts["late"], due)],
        ["Not yet done and past the deadline", counts["overdue"], percent(counts["overdue"], due)],
        ["Not yet due (not counted)", counts["waiting"], NOTHING],
    ]
    return Figure(
        slug=slug,
        title=title,
        definition=definition,
        columns=[*words.columns, "Share"],
        rows=rows,
        chart=share_chart(rows[:3]),
        headline=f"{percent(counts['on_time'], due)} {words.headline}",
    )


def _counts(conditions: dict[str, Q]) -> dict[str, Count]:
    return {name: Count("pk", filter=condition) for name, condition in conditions.items()}


def decisions_on_time(scope: Scope) -> Figure:
    found = first_decision_counts(scope)
    counts = {k: found[f"decision:{k}"] for k in ("on_time", "late", "overdue", "waiting")}
    days = scope.clocks.decision_working_days
    return _timeliness_figure(
        counts,
        Timeliness("Decided", "decided on time", ("Decisions", "Contacts")),
        slug="decisions-on-time",
        title=f"Decisions within {days} working day{'s' if days != 1 else ''}",
        definition=(
            "Working Together 2023: decide the response within one working day of receipt. "
            "For each contact received in the period, the first decision (a decision returned "
            "by a manager does not count) against the decision deadline recorded on it; a "
            "contact with no decision counts as late once its deadline has passed. Percentages "
            "are of the contacts whose decision was due."
        ),
    )


def rag_compliance(scope: Scope) -> Figure:
    counts = first_decision_counts(scope)
    rows: list[list[object]] = []
    for level in RagLevel.objects.all():
        code = level.code
        if counts[f"{code}:rated"]:
            met = counts[f"{code}:on_time"]
            missed = counts[f"{code}:late"] + counts[f"{code}:overdue"]
            share = percent(met, met + missed)
            rows.append([level.label, counts[f"{code}:rated"], met, missed, share])
    return Figure(
        slug="rag-compliance",
        title="RAG compliance",
        definition=(
            "Contacts received in the period by their current RAG rating (the screener's, "
            "else the intake rating): met when the first decision was made by the RAG "
            "deadline (red 4 hours running outside office hours, amber 1 working day, green "
            "3 working days by default, as configured), counted from receipt, or from the "
            "next opening for a contact received out of hours (the handover); missed when made "
            "later, or not made and past the deadline. Contacts whose deadline has not yet "
            "come are not counted "
            f"in the percentage. Not yet rated: {counts['unrated']}."
        ),
        columns=["RAG rating", "Contacts", "Met", "Missed", "Share met"],
        rows=rows,
        chart=Chart(
            ("Met", "Missed"),
            tuple(Bar(str(r[0]), (float(str(r[2])), float(str(r[3])))) for r in rows),
        ),
    )


def check_response_times(scope: Scope) -> Figure:
    # Counted from the day tallies; the percentiles read only the bands holding their ranks.
    found = percentiles.agencies(scope.tallies().total)
    fractions = percentiles.percentiles(scope, found, (0.5, 0.9))
    names = percentiles.names(list(found))
    rows: list[list[object]] = [
        [
            names.get(agency, ""),
            found[agency].requested,
            found[agency].completed,
            hours(fractions[agency][0]),
            hours(fractions[agency][1]),
        ]
        for agency in sorted(found, key=lambda a: names.get(a, ""))
    ]
    bars = tuple(
        Bar(str(r[0]), tuple(float(str(v)) if v != NOTHING else 0.0 for v in r[3:5])) for r in rows
    )
    return Figure(
        slug="check-response-times",
        title="Partner check response times by agency",
        definition=(
            "Partner checks on the period's contacts (cancelled checks left out), by agency: "
            "elapsed hours from the request to the partner completing their answer, the median "
            "and the 90th percentile (interpolated) over the completed checks."
        ),
        columns=["Agency", "Checks", "Completed", "Median (hours)", "90th percentile (hours)"],
        rows=rows,
        chart=Chart(("Median", "90th percentile"), bars, unit=" h"),
    )


def acknowledgement_timeliness(scope: Scope) -> Figure:
    # The fact holds when the referrer was first acknowledged and the office seconds then.
    found = first_decision_counts(scope)
    counts = {k: found[f"ack:{k}"] for k in ("on_time", "late", "overdue", "waiting")}
    return _timeliness_figure(
        counts,
        Timeliness("Acknowledged", "acknowledged on time", ("Acknowledgements", "Contacts")),
        slug="acknowledgement-timeliness",
        title="Acknowledgement to the referrer",
        definition=(
            "Working Together 2023: acknowledge receipt to the referrer within one working day "
            "(configurable). Contacts with a named referrer received in the period; "
            "acknowledged at the earlier of the acknowledgement the screener recorded and the "
            "acknowledgement letter sent."
        ),
    )


def _letter_conditions(scope: Scope) -> dict[str, Q]:
    return {
        "on_time": Q(told__lte=F("due_at")),
        "late": Q(told__gt=F("due_at")),
        "overdue": Q(told__isnull=True, due_at__lte=scope.now),
        "waiting": Q(told__isnull=True, due_at__gt=scope.now),
    }


def feedback_timeliness(scope: Scope) -> Figure:
    resent = (
        Letter.objects.filter(resend_of=OuterRef("pk"), status=LetterStatus.SENT)
        .order_by("sent_at")
        .values("sent_at")[:1]
    )
    counts = (
        Letter.objects.filter(
            contact__in=scope.contacts(), kind=LetterKind.OUTCOME, resend_of__isnull=True
        )
        .annotate(
            told=Least(
                Case(When(status=LetterStatus.SENT, then=F("sent_at")), default=None),
                Subquery(resent, output_field=DateTimeField()),
            )
        )
        .aggregate(**_counts(_letter_conditions(scope)))
    )
    return _timeliness_figure(
        counts,
        Timeliness("Outcome letter sent", "sent on time", ("Outcome letters", "Letters")),
        slug="feedback-timeliness",
        title="Feedback to the referrer",
        definition=(
            "Working Together 2023: feedback to the referrer on the decisions taken. Outcome "
            "letters owed on the period's contacts, against the due time the letters app set "
            "when the letter became owed (schools by the configured time that school day, "
            "others within the configured working days of the final decision). Sent means "
            "the letter, or its resend after a failure, was sent and not reported undelivered."
        ),
    )
