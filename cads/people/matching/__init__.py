"""Person matching: find the people a search may mean, ranked and explained (ADR 0009).

`find_candidates` gathers candidates with one indexed query (candidates.py) and scores
them in Python (scoring.py); `compare_people` scores one pair for the duplicate sweep.
Neither applies permissions: the selectors that call them do.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from typing import Any

from cads.people.matching import block, candidates
from cads.people.matching.base import Band, Candidate, SearchQuery
from cads.people.matching.names import NameAgreement
from cads.people.matching.profile import (
    Profile,
    facts_from_row,
    profile_from_person,
    profile_from_query,
    profile_from_row,
)
from cads.people.matching.scoring import (
    SHOWN_FROM,
    Evidence,
    band,
    evaluate,
    score_of,
    weight_bounds,
)
from cads.people.models import Person

__all__ = [
    "Band",
    "Candidate",
    "SearchQuery",
    "best_candidates",
    "best_of",
    "certain_by_identifier",
    "compare_people",
    "compare_profiles",
    "find_candidates",
    "gather_candidates",
]

TWIN_REASON = "a twin or sibling with the same date of birth lives at this address"
TWIN_SCORE_CAP = 60.0  # a candidate in twin doubt scores no more than this
# A given name agreeing this well, and better than with the other twin, tells them apart.
_TELLS_APART = {NameAgreement.EXACT: 2, NameAgreement.NICKNAME: 1}


def _twin_doubts(scored: list[tuple[uuid.UUID, Profile, Evidence]]) -> set[uuid.UUID]:
    """People sharing a household and a date of birth with another candidate (twins, or
    siblings recorded with one birthday) whom the search's given name does not single out:
    they stay possible however well the rest agrees."""
    groups: defaultdict[tuple[uuid.UUID | str, object], list[tuple[uuid.UUID, Evidence]]]
    groups = defaultdict(list)
    for person_id, profile, evidence in scored:
        if profile.household_id and profile.date_of_birth:
            groups[(profile.household_id, profile.date_of_birth)].append((person_id, evidence))
    doubts: set[uuid.UUID] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        ranks = {pid: _TELLS_APART.get(ev.names.given, 0) for pid, ev in members}
        best = max(ranks.values())
        told = [pid for pid, rank in ranks.items() if rank == best]
        doubts.update(pid for pid in ranks if best == 0 or len(told) > 1 or pid != told[0])
    return doubts


def _candidate(person_id: uuid.UUID, evidence: Evidence, twin_doubt: bool) -> Candidate:
    if not twin_doubt:
        return Candidate(person_id, evidence.score, band(evidence), evidence.reasons)
    score = min(evidence.score, TWIN_SCORE_CAP)
    reasons = (*evidence.reasons, TWIN_REASON)
    return Candidate(person_id, score, band(evidence, twin_doubt=True), reasons)


def find_candidates(
    query: SearchQuery,
    *,
    limit: int = 10,
    exclude_ids: Collection[uuid.UUID] = (),
    candidate_cap: int = candidates.CANDIDATE_CAP,
) -> list[Candidate]:
    """Ranked candidates for a search, best first. Merged-away records never appear;
    candidates scoring below SHOWN_FROM are left out unless an identifier matched."""
    wanted = profile_from_query(query)
    return _ranked(wanted, candidates.fetch(wanted, exclude_ids, candidate_cap), limit)


def best_candidates(
    queries: Sequence[SearchQuery], candidate_cap: int = candidates.CANDIDATE_CAP
) -> list[Candidate | None]:
    """For each search, the candidate `find_candidates(query, limit=1,
    candidate_cap=candidate_cap)` would return (None for none), gathered for the whole
    list by one statement (bulk matching: block.py)."""
    return best_of(gather_candidates(queries, candidate_cap))


def gather_candidates(
    queries: Sequence[SearchQuery], candidate_cap: int = candidates.CANDIDATE_CAP
) -> list[tuple[Profile, list[tuple[Any, ...]]]]:
    """The database half of `best_candidates`: each search with its candidate rows."""
    wanted = [profile_from_query(q) for q in queries]
    return list(zip(wanted, block.fetch_block(wanted, candidate_cap), strict=True))


def best_of(gathered: list[tuple[Profile, list[tuple[Any, ...]]]]) -> list[Candidate | None]:
    """The scoring half of `best_candidates`, which needs no database."""
    return [_best(wanted, rows) for wanted, rows in gathered]


def _order(c: Candidate) -> tuple[bool, float, str]:
    """Certain first, then by score; the person id settles ties so the order is stable."""
    return (c.band != Band.CERTAIN, -c.score, str(c.person_id))


def _best(wanted: Profile, rows: list[tuple[Any, ...]]) -> Candidate | None:
    """The first of `_ranked(wanted, rows, 1)`, scoring fewer candidates. Candidates an
    identifier matches and twins (who decide each other's band) are scored; the others,
    best bound first, only while their `weight_bounds` could still beat the best so far.
    Only a candidate about to be scored becomes a Profile. The rows hold the person and
    household ids as text (block.py): only a candidate's id becomes a UUID."""
    facts = [facts_from_row(row) for row in rows]
    shared = Counter((f.household_id, f.date_of_birth) for f in facts)
    scored, later = [], []
    bounds = weight_bounds(wanted, facts)
    for row, f, (bound, identifier_match) in zip(rows, facts, bounds, strict=True):
        twin = (
            bool(f.household_id and f.date_of_birth)
            and shared[(f.household_id, f.date_of_birth)] > 1
        )
        if identifier_match or twin:
            p = profile_from_row(row)
            scored.append((uuid.UUID(row[0]), p, evaluate(wanted, p)))
        else:
            later.append((bound, row))
    doubts = _twin_doubts(scored)
    shown = [
        _candidate(pid, ev, pid in doubts)
        for pid, _, ev in scored
        if ev.score >= SHOWN_FROM or ev.identifier_match
    ]
    best = min(shown, key=_order, default=None)
    # By bound, highest first; the order among equal bounds does not change the answer.
    later.sort(key=lambda item: -item[0])
    for bound, row in later:
        most = score_of(bound)
        # Without a matching identifier these are likely at most, and in no twin doubt.
        if most < SHOWN_FROM or (best and (best.band == Band.CERTAIN or most < best.score)):
            break
        evidence = evaluate(wanted, profile_from_row(row))
        if evidence.score >= SHOWN_FROM:
            found = _candidate(uuid.UUID(row[0]), evidence, twin_doubt=False)
            best = found if best is None else min(best, found, key=_order)
    return best


def _ranked(wanted: Profile, rows: list[tuple[Any, ...]], limit: int) -> list[Candidate]:
    scored = []
    for row in rows:
        profile = profile_from_row(row)
        scored.append((row[0], profile, evaluate(wanted, profile)))
    doubts = _twin_doubts(scored)
    found = [
        _candidate(pid, ev, pid in doubts)
        for pid, _, ev in scored
        if ev.score >= SHOWN_FROM or ev.identifier_match
    ]
    found.sort(key=_order)
    return found[:limit]


def certain_by_identifier(queries: list[SearchQuery]) -> list[Candidate | None]:
    """For each search, the person `find_candidates` would rank first when that is a
    *certain* match found by identifier; None where only the full search can tell.

    One query for the whole list (bulk matching's fast path). A search is answered here
    only when exactly one person holds its NHS number or UPN, nobody in that person's
    household shares their date of birth (the twins rule needs the full search), and the
    score makes it certain. Any other certain candidate would need to hold one of the
    search's identifiers too, so it would have been one of the holders."""
    wanted = [profile_from_query(q) for q in queries]
    nhs = {w.nhs_number for w in wanted if len(w.nhs_number) == 10}
    upns = {u for w in wanted for u in w.upns if u}
    holders: defaultdict[str, set[uuid.UUID]] = defaultdict(set)
    people: dict[uuid.UUID, tuple[Profile, bool]] = {}
    for row in candidates.fetch_holders(nhs, upns):
        profile = profile_from_row(row[:-1])
        people[row[0]] = (profile, bool(row[-1]))
        for identifier in (profile.nhs_number, *profile.upns):
            if identifier:
                holders[identifier].add(row[0])
    answers: list[Candidate | None] = []
    for w in wanted:
        found = set().union(*(holders.get(i, set()) for i in (w.nhs_number, *w.upns) if i))
        answer = None
        if len(found) == 1:
            person_id = found.pop()
            profile, has_twin = people[person_id]
            candidate = _candidate(person_id, evaluate(w, profile), twin_doubt=False)
            if not has_twin and candidate.band == Band.CERTAIN:
                answer = candidate
        answers.append(answer)
    return answers


def compare_profiles(a: Profile, b: Profile, person_id: uuid.UUID) -> Candidate:
    """Score profile `b` (of person `person_id`) as a match for `a`. Two records at one
    address with one birthday and given names that are not the same are taken for twins
    (Sara and Sarah may be twins): possible at most."""
    evidence = evaluate(a, b)
    twins = (
        a.household_id is not None
        and a.household_id == b.household_id
        and a.date_of_birth is not None
        and a.date_of_birth == b.date_of_birth
        and evidence.names.given != NameAgreement.EXACT
    )
    return _candidate(person_id, evidence, twins)


def compare_people(a: Person, b: Person) -> Candidate:
    """Score record `b` as a match for record `a` (the duplicate sweep's pair score)."""
    return compare_profiles(profile_from_person(a), profile_from_person(b), b.pk)
