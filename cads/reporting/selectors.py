"""Every read behind the reporting pages, refused to anyone without the dashboard
permission (team managers and heads of service).

`dashboard(*, user, start, end, team=None, now=None)` gives every figure for received dates
`start`..`end` (inclusive, local dates) and perhaps one front-door team; `figure()` gives one
(for its CSV); `backlog_page()` the live list of open contacts, oldest first."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import VIEW_DASHBOARD
from cads.contacts.models import Contact
from cads.deadlines.models import RagLevel
from cads.reporting import measures_contacts as volume
from cads.reporting import measures_timeliness as timeliness
from cads.reporting.figures import Bar, Chart, Figure
from cads.reporting.models import Team
from cads.reporting.scope import Scope

FIGURES: Final[dict[str, Callable[[Scope], Figure]]] = {
    "contacts-by-period": volume.contacts_by_period,
    "contacts-by-source": volume.contacts_by_source,
    "decisions-on-time": timeliness.decisions_on_time,
    "rag-compliance": timeliness.rag_compliance,
    "check-response-times": timeliness.check_response_times,
    "conversion": volume.conversion,
    "re-referrals": volume.re_referrals,
    "outcome-mix": volume.outcome_mix,
    "threshold-disagreement": volume.threshold_disagreement,
    "acknowledgement-timeliness": timeliness.acknowledgement_timeliness,
    "feedback-timeliness": timeliness.feedback_timeliness,
}
# The backlog under the dashboard's figures, a page at a time (ADR 0026, amended).
BACKLOG_PAGE_SIZE = 25
# Age bands of the backlog in elapsed days since the contact was received.
AGE_BANDS: Final = (("Under 1 day", 0, 1), ("1 to 3 days", 1, 3), ("3 to 7 days", 3, 7))
OLDEST_BAND = "7 days or more"
NOT_RATED = "Not yet rated"


@dataclass
class Dashboard:
    scope: Scope
    figures: list[Figure]
    backlog: Figure


def _scope(
    user: User,
    start: datetime.date,
    end: datetime.date,
    team: Team | None,
    now: datetime.datetime | None,
) -> Scope:
    if not user.has_perm(VIEW_DASHBOARD):
        raise PermissionDenied
    if now is None:
        return Scope(start=start, end=end, team=team)
    return Scope(start=start, end=end, team=team, now=now)


def dashboard(
    *,
    user: User,
    start: datetime.date,
    end: datetime.date,
    team: Team | None = None,
    now: datetime.datetime | None = None,
) -> Dashboard:
    """Every figure for contacts received from `start` to `end`, and the backlog summary."""
    scope = _scope(user, start, end, team, now)
    return Dashboard(
        scope=scope,
        figures=[measure(scope) for measure in FIGURES.values()],
        backlog=backlog_summary(scope),
    )


def figure(
    *,
    user: User,
    slug: str,
    start: datetime.date,
    end: datetime.date,
    team: Team | None = None,
    now: datetime.datetime | None = None,
) -> Figure:
    """One figure (for its CSV download); KeyError for an unknown slug."""
    measure = FIGURES[slug] if slug != "backlog" else backlog_summary
    return measure(_scope(user, start, end, team, now))


def _rag_code() -> Coalesce:
    return Coalesce(NullIf("screening__rag", Value("")), NullIf("rag", Value("")))


def _age_band(band: tuple[str, int, int], now: datetime.datetime) -> Q:
    _, low, high = band
    return Q(
        received_at__lte=now - datetime.timedelta(days=low),
        received_at__gt=now - datetime.timedelta(days=high),
    )


def backlog_summary(scope: Scope) -> Figure:
    """Open contacts now by age and RAG: the "unassessed and unknown risk" list in numbers."""
    levels = list(RagLevel.objects.all())
    codes: list[str | None] = [level.code for level in levels] + [None]
    oldest = Q(received_at__lte=scope.now - datetime.timedelta(days=AGE_BANDS[-1][2]))
    bands = [(band[0], _age_band(band, scope.now)) for band in AGE_BANDS]
    bands.append((OLDEST_BAND, oldest))
    aggregates = {}
    for b, (_, when) in enumerate(bands):
        for r, code in enumerate(codes):
            rag = Q(rag_code=code) if code else Q(rag_code__isnull=True)
            aggregates[f"b{b}r{r}"] = Count("pk", filter=when & rag)
    counts = scope.open_contacts().annotate(rag_code=_rag_code()).aggregate(**aggregates)
    rows: list[list[object]] = []
    for b, (label, _) in enumerate(bands):
        cells = [counts[f"b{b}r{r}"] for r in range(len(codes))]
        rows.append([label, *cells, sum(cells)])
    total = sum(int(str(row[-1])) for row in rows)
    return Figure(
        slug="backlog",
        title="Open contacts by age and RAG",
        definition=(
            "Every contact open now (awaiting screening or being screened, whenever it was "
            "received; the dates do not apply, the team does), by time since it was received "
            "and its current RAG rating."
        ),
        columns=["Age", *[level.label for level in levels], NOT_RATED, "Total"],
        rows=rows,
        chart=Chart(("Open contacts",), tuple(Bar(str(r[0]), (float(str(r[-1])),)) for r in rows)),
        headline=f"{total} open contact{'s' if total != 1 else ''}",
    )


def backlog_contacts(*, user: User, team: Team | None = None) -> QuerySet[Contact]:
    """Every open contact, oldest first, with its RAG code and worker."""
    today = timezone.localdate()
    scope = _scope(user, today, today, team, None)
    return (
        scope.open_contacts()
        .annotate(rag_code=_rag_code())
        .select_related("screening__worker")
        .order_by("received_at", "pk")
    )


def backlog_page(*, user: User, team: Team | None = None, number: int | str = 1) -> Page:
    """One page of the backlog; the page's children are fetched with it."""
    contacts = backlog_contacts(user=user, team=team).prefetch_related("subjects__person")
    return Paginator(contacts, BACKLOG_PAGE_SIZE).get_page(number)


def rag_levels() -> dict[str, RagLevel]:
    return {level.code: level for level in RagLevel.objects.all()}
