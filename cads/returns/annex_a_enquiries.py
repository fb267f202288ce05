"""Ofsted ILACS Annex A list 4 (assessments) and list 5 (section 47 enquiries and initial
child protection conferences), from what the assessment social worker recorded on each
episode (ADR 0028), row by row."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from cads.referrals.models import Referral
from cads.returns import annex_a_codes as codes
from cads.returns.annex_a import (
    ALLOCATION,
    CHUNK_SIZE,
    TwelveMonthsBefore,
    Window,
    common,
    day,
    disabled,
    person_fields,
    team_and_worker,
)

CHILD = "child__"


def list_4_rows(window: Window) -> Iterator[list[Any]]:
    """One row per Child and Family Assessment started or authorised in the six months, or
    still open at the date of inspection ("children with assessments in previous six
    months"). CADS does not record whether the child was seen: "c) Unknown" (ADR 0028)."""
    started = Coalesce("assessment_started_on", "assessment_completed_on")
    in_window = Q(assessment_started_on__range=(window.start, window.as_of)) | Q(
        assessment_completed_on__range=(window.start, window.as_of)
    )
    still_open = Q(assessment_started_on__lte=window.as_of) & (
        Q(assessment_completed_on__isnull=True) | Q(assessment_completed_on__gt=window.as_of)
    )
    assessments = (
        Referral.objects.filter(referral_nfa=False)
        .filter(in_window | still_open)
        .annotate(started=started)
        .order_by("started", "created_at")
        .values(
            *person_fields(CHILD),
            CHILD + "disabilities",
            "started",
            "assessment_completed_on",
            "nfa",
            **ALLOCATION,
        )
    )
    for row in assessments.iterator(chunk_size=CHUNK_SIZE):
        authorised = row["assessment_completed_on"]
        if authorised is not None and authorised > window.as_of:
            authorised = None  # not yet happened on the date of inspection
        support = "" if authorised is None else (codes.NO if row["nfa"] else codes.YES)
        yield [
            *common(row, CHILD, row["started"]),
            disabled(row[CHILD + "disabilities"]),
            day(row["started"]),
            codes.UNKNOWN,
            day(authorised),
            support,
            *team_and_worker(row),
        ]


def _earlier(field: str) -> Subquery:
    """How many of the child's other enquiries (or conferences) fell in the 12 months
    before this enquiry's strategy discussion, not counting this one (as list 3 counts
    referrals)."""
    outer = OuterRef("strategy_discussion_on")
    others = (
        Referral.objects.filter(child_id=OuterRef("child_id"))
        .exclude(pk=OuterRef("pk"))
        .filter(**{f"{field}__lt": outer, f"{field}__gte": TwelveMonthsBefore(outer)})
        .order_by()
        .values("child_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(others, output_field=IntegerField())


def _conference(row: dict[str, Any], as_of: datetime.date) -> tuple[str, str, str]:
    """Deemed unnecessary?, its date, did it result in a plan: a conference held after the
    date of inspection has not yet happened. CADS does not hold child protection plans."""
    held = row["icpc_on"] if row["icpc_on"] and row["icpc_on"] <= as_of else None
    if held is not None:
        return codes.NO, day(held), codes.UNKNOWN
    return (codes.YES if row["icpc_not_required"] else ""), "", ""


def list_5_rows(window: Window) -> Iterator[list[Any]]:
    """One row per section 47 enquiry whose strategy discussion fell in the six months, or
    still waiting on the date of inspection for its conference or "not required"."""
    waiting = Q(icpc_on__isnull=True, icpc_not_required=False) | Q(icpc_on__gt=window.as_of)
    enquiries = (
        Referral.objects.filter(strategy_discussion_on__lte=window.as_of)
        .filter(Q(strategy_discussion_on__gte=window.start) | waiting)
        .annotate(s47s=_earlier("strategy_discussion_on"), icpcs=_earlier("icpc_on"))
        .order_by("strategy_discussion_on", "created_at")
        .values(
            *person_fields(CHILD),
            CHILD + "disabilities",
            "strategy_discussion_on",
            "icpc_on",
            "icpc_not_required",
            "s47s",
            "icpcs",
            **ALLOCATION,
        )
    )
    for row in enquiries.iterator(chunk_size=CHUNK_SIZE):
        yield [
            *common(row, CHILD, row["strategy_discussion_on"]),
            disabled(row[CHILD + "disabilities"]),
            day(row["strategy_discussion_on"]),
            *_conference(row, window.as_of),
            row["s47s"] or 0,
            row["icpcs"] or 0,
            *team_and_worker(row),
        ]
