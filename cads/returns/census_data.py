"""The children and CIN episodes of a census year, read in chunks so memory stays flat.

A CIN episode is a CADS `Referral`: the assessment, section 47 and closure are what the
assessment social worker recorded on it (ADR 0028); ADR 0016 says what stands for them on
episodes recorded before that. Every date after the census reference date is
treated as not yet happened, so a return made late in the summer is the same as one made
on 31 March.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from cads.core.clocks import add_working_days_to_date
from cads.decisions.codes import Outcome
from cads.decisions.models import Decision
from cads.people.models import Person, PersonStatus, StatusKind
from cads.referrals.models import Referral

CHUNK_SIZE = 2000
# Working Together 2023: initial child protection conference within 15 working days of the
# strategy discussion (CIN census InitialCPCtarget).
ICPC_WORKING_DAYS = 15
CLOSED_AFTER_ASSESSMENT_NFA = "RC8"
SERVICES_CEASED = "RC7"


@dataclass(frozen=True)
class CensusYear:
    """The collection year ending 31 March `year`, and what the whole return needs."""

    year: int
    la_code: str = "999"
    duplicate_upns: frozenset[str] = frozenset()
    duplicate_child_ids: frozenset[str] = frozenset()

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year - 1, 4, 1)

    @property
    def end(self) -> datetime.date:
        """The reference date (rule 100: 31 March of the collection year)."""
        return datetime.date(self.year, 3, 31)

    def in_year(self, day: datetime.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


@dataclass(frozen=True)
class Episode:
    """One CINdetails group."""

    referral_id: uuid.UUID
    referral_date: datetime.date | None
    source: str
    primary_need: str
    closure_date: datetime.date | None = None
    closure_reason: str = ""
    assessment_start: datetime.date | None = None
    assessment_end: datetime.date | None = None
    s47_start: datetime.date | None = None
    icpc_target: datetime.date | None = None
    icpc_date: datetime.date | None = None
    icpc_not_required: bool = False
    factors: tuple[str, ...] = ()
    referral_nfa: bool = False

    @property
    def has_assessment(self) -> bool:
        return self.assessment_start is not None

    @property
    def is_open(self) -> bool:
        return self.closure_date is None


@dataclass(frozen=True)
class CensusChild:
    """One Child element: identifiers, characteristics and the episodes in the return."""

    person_id: uuid.UUID
    name: str
    la_child_id: str
    upn: str = ""
    former_upn: str = ""
    upn_unknown: str = ""
    date_of_birth: datetime.date | None = None
    expected_date_of_birth: datetime.date | None = None
    sex: str = "U"
    date_of_death: datetime.date | None = None
    ethnicity: str = ""
    disabilities: tuple[str, ...] = ()
    episodes: tuple[Episode, ...] = field(default=())
    restricted: bool = False


def _on_or_before(day: datetime.date | None, end: datetime.date) -> datetime.date | None:
    return day if day is not None and day <= end else None


def _closure(
    row: dict[str, Any], cin_ends: list[tuple[datetime.date, datetime.date]], end: datetime.date
) -> tuple[datetime.date | None, str]:
    """The closure the social worker recorded (ADR 0028); for an episode recorded before
    closures were, RC8 on the day an assessment ended with no further action, or RC7 on the
    end of the child-in-need status that followed the referral (ADR 0016); else open."""
    if row["closed_on"] is not None:
        closed = _on_or_before(row["closed_on"], end)
        return (closed, row["closure_reason"]) if closed else (None, "")
    completed = _on_or_before(row["assessment_completed_on"], end)
    if row["nfa"] and completed is not None:
        return completed, CLOSED_AFTER_ASSESSMENT_NFA
    for started, ended in cin_ends:
        if started >= row["referral_date"] and ended <= end:
            return ended, SERVICES_CEASED
    return None, ""


def _assessment(
    row: dict[str, Any], made_on: datetime.date, year: CensusYear
) -> tuple[datetime.date | None, datetime.date | None, tuple[str, ...]]:
    """Start, authorisation and factors. The start is the day the social worker recorded;
    before that, the day the decision commissioned it (ADR 0016). An assessment finished
    before the year began belongs to an earlier return; a referral with no further action
    has none (DfE rule 8831)."""
    if row["referral_nfa"]:
        return None, None, ()
    assessed = Outcome.ASSESSMENT in (row["outcomes"] or ()) or row["assessment_completed_on"]
    start = row["assessment_started_on"] or (made_on if assessed else None)
    completed = _on_or_before(row["assessment_completed_on"], year.end)
    if start is None or start > year.end or (completed is not None and completed < year.start):
        return None, None, ()
    return start, completed, tuple(row["assessment_factors"] or ()) if completed else ()


def _section_47(
    row: dict[str, Any], made_on: datetime.date, year: CensusYear
) -> tuple[datetime.date | None, datetime.date | None, datetime.date | None]:
    """Start, conference target and conference date: as recorded, or for an enquiry from
    before they were, the day the decision asked for the strategy discussion (ADR 0016).
    Working Together 2023: the conference within 15 working days of the strategy discussion."""
    if row["referral_nfa"]:
        return None, None, None
    recorded = row["s47_started_on"]
    legacy = Outcome.STRATEGY_DISCUSSION in (row["outcomes"] or ()) and recorded is None
    start = recorded or (made_on if legacy else None)
    if start is None or not year.in_year(start):
        return None, None, None
    discussed = row["strategy_discussion_on"] or start
    target = add_working_days_to_date(discussed, ICPC_WORKING_DAYS)
    return start, target, _on_or_before(row["icpc_on"], year.end)


def episode_from_row(
    row: dict[str, Any], cin_ends: list[tuple[datetime.date, datetime.date]], year: CensusYear
) -> Episode:
    """The episode as on the reference date (every later date has not yet happened)."""
    made_on = timezone.localdate(row["created_at"])
    closure_date, reason = _closure(row, cin_ends, year.end)
    assessment_start, assessment_end, factors = _assessment(row, made_on, year)
    s47_start, icpc_target, icpc_date = _section_47(row, made_on, year)
    return Episode(
        referral_id=row["id"],
        referral_date=row["referral_date"],
        source=row["referral_source"],
        primary_need="" if row["referral_nfa"] else row["primary_need"],
        closure_date=closure_date,
        closure_reason=reason,
        assessment_start=assessment_start,
        assessment_end=assessment_end,
        factors=factors,
        s47_start=s47_start,
        icpc_target=icpc_target,
        icpc_date=icpc_date,
        icpc_not_required=s47_start is not None and row["icpc_not_required"],
        referral_nfa=row["referral_nfa"],
    )


def episode_in_return(episode: Episode, year: CensusYear) -> bool:
    """Referred in the year, or referred before and still open on 1 April."""
    if year.in_year(episode.referral_date):
        return True
    referred_before = episode.referral_date is not None and episode.referral_date < year.start
    return referred_before and (episode.closure_date is None or episode.closure_date >= year.start)


def candidate_referrals(year: CensusYear) -> QuerySet[Referral]:
    """Referrals that may be in the return (the final cut is `episode_in_return`)."""
    closed_before = Q(closed_on__lt=year.start) | Q(
        closed_on__isnull=True, nfa=True, assessment_completed_on__lt=year.start
    )
    return Referral.objects.filter(referral_date__lte=year.end).filter(
        Q(referral_date__gte=year.start) | ~closed_before
    )


def census_people(year: CensusYear) -> QuerySet[Person]:
    child_ids = candidate_referrals(year).values("child_id")
    # A merged record's referrals moved to the record kept (people.merging).
    people = Person.objects.filter(pk__in=child_ids, merged_into__isnull=True)
    return people.order_by("la_child_id", "pk")


PERSON_FIELDS = (
    "id", "given_name", "family_name", "la_child_id", "upn", "former_upn", "upn_unknown",
    "date_of_birth",
    "expected_date_of_delivery", "sex", "date_of_death", "ethnicity", "disabilities",
    "restricted",
)  # fmt: skip
REFERRAL_FIELDS = (
    "id", "child_id", "referral_date", "referral_source", "primary_need", "nfa",
    "assessment_completed_on", "created_at", "decision_id", "assessment_started_on",
    "assessment_factors", "strategy_discussion_on", "s47_started_on", "icpc_on",
    "icpc_not_required", "referral_nfa", "closed_on", "closure_reason",
)  # fmt: skip


def _chunk_children(rows: list[dict[str, Any]], year: CensusYear) -> Iterator[CensusChild]:
    """Build one chunk's children with two queries (referrals, CIN statuses): no N+1."""
    ids = [r["id"] for r in rows]
    referrals: dict[uuid.UUID, list[dict[str, Any]]] = {}
    rows_of_chunk = list(
        candidate_referrals(year)
        .filter(child_id__in=ids)
        .order_by("referral_date", "created_at")
        .values(*REFERRAL_FIELDS)
    )
    # Outcomes by primary key: joining the decisions table made PostgreSQL scan all of it
    # for every chunk.
    outcomes = dict(
        Decision.objects.filter(pk__in={r["decision_id"] for r in rows_of_chunk}).values_list(
            "pk", "outcomes"
        )
    )
    for ref in rows_of_chunk:
        ref["outcomes"] = outcomes.get(ref["decision_id"], [])
        referrals.setdefault(ref["child_id"], []).append(ref)
    cin_ends: dict[uuid.UUID, list[tuple[datetime.date, datetime.date]]] = {}
    statuses = PersonStatus.objects.filter(
        person_id__in=ids, kind=StatusKind.CHILD_IN_NEED, end_date__isnull=False
    ).order_by("start_date")
    for person_id, started, ended in statuses.values_list("person_id", "start_date", "end_date"):
        if ended is not None:
            cin_ends.setdefault(person_id, []).append((started, ended))
    for row in rows:
        episodes = tuple(
            e
            for e in (
                episode_from_row(ref, cin_ends.get(row["id"], []), year)
                for ref in referrals.get(row["id"], [])
            )
            if episode_in_return(e, year)
        )
        if episodes:
            yield _child(row, episodes)


def _child(row: dict[str, Any], episodes: tuple[Episode, ...]) -> CensusChild:
    name = " ".join(p for p in (row["given_name"], row["family_name"]) if p)
    return CensusChild(
        person_id=row["id"],
        name=name or "Unnamed person",
        la_child_id=row["la_child_id"] or "",
        upn=row["upn"],
        former_upn=row["former_upn"],
        upn_unknown="" if row["upn"] else row["upn_unknown"],
        date_of_birth=row["date_of_birth"],
        expected_date_of_birth=None if row["date_of_birth"] else row["expected_date_of_delivery"],
        sex=row["sex"],
        date_of_death=row["date_of_death"],
        ethnicity=row["ethnicity"],
        disabilities=tuple(row["disabilities"] or ()),
        episodes=episodes,
        restricted=row["restricted"],
    )


def census_children(year: CensusYear, chunk_size: int = CHUNK_SIZE) -> Iterator[CensusChild]:
    """Every child in the return, in LA child ID order, read through a server-side cursor
    `chunk_size` people at a time."""
    people = census_people(year).values(*PERSON_FIELDS).iterator(chunk_size=chunk_size)
    while chunk := list(islice(people, chunk_size)):
        yield from _chunk_children(chunk, year)


def _duplicated(values: QuerySet[Person], field_name: str) -> frozenset[str]:

    found = (
        values.exclude(**{field_name: ""})
        .exclude(**{f"{field_name}__isnull": True})
        .values(field_name)
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list(field_name, flat=True)
    )
    return frozenset(found)


def census_year(year: int, la_code: str) -> CensusYear:
    """The year with the return-wide facts (rules 1520 and 8510) found by SQL, not by
    holding every child's identifiers in memory."""
    plain = CensusYear(year=year, la_code=la_code)
    people = census_people(plain).order_by()
    return CensusYear(
        year=year,
        la_code=la_code,
        duplicate_upns=_duplicated(people, "upn"),
        duplicate_child_ids=_duplicated(people, "la_child_id"),
    )
