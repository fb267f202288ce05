"""Matching a partner's list against the register without changing it: the best candidate
for each row, in input order, optionally spread over several processes."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, fields
from itertools import islice
from multiprocessing import get_context
from multiprocessing.util import Finalize
from threading import Barrier
from typing import Any

from django.db import connection, connections

from cads.people.bulk.rows import PersonRow, RowError, RowResult
from cads.people.matching import (
    Candidate,
    best_of,
    certain_by_identifier,
    gather_candidates,
)
from cads.people.matching.candidates import BULK_CANDIDATE_CAP
from cads.people.matching.profile import Profile
from cads.people.models import ExternalIdentifier


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The best candidate for one row (person_id empty when there is none or the row is bad)."""

    row: RowResult
    person_id: str = ""
    person_external_id: str = ""
    band: str = ""
    score: float | None = None
    reasons: tuple[str, ...] = ()

    def as_output(self) -> dict[str, str]:
        """The row of the output file (OUTPUT_COLUMNS)."""
        if isinstance(self.row, RowError):
            reasons = f"Not checked: {self.row.reason}"
        else:
            reasons = "; ".join(self.reasons) if self.person_id else "No candidate found"
        return {
            "external_id": self.row.external_id,
            "person_id": self.person_id,
            "person_external_id": self.person_external_id,
            "band": self.band,
            "score": "" if self.score is None else f"{self.score:.1f}",
            "reasons": reasons,
            "warnings": "; ".join(self.row.warnings) if isinstance(self.row, PersonRow) else "",
        }


def match_rows(
    rows: Iterable[RowResult], *, workers: int = 1, batch_size: int = 200, source: str = ""
) -> Iterator[MatchResult]:
    """Yield the best candidate for each row, in input order, changing nothing.

    With one worker, a thread gathers the next batch's candidates while this process
    scores the current one; with `workers` > 1, batches go to forked processes, each with
    its own database connection. `source` picks which system's identifier fills
    person_external_id.
    """
    checked = (_matchable(row) for row in rows)
    batches = ((batch, source) for batch in _batched(checked, batch_size))
    if workers <= 1 and connection.in_atomic_block:
        # Another connection would not see this transaction's changes: one step at a time.
        for batch in batches:
            yield from match_batch(batch)
        return
    if workers <= 1:
        yield from _overlapped(batches)
        return
    if connection.in_atomic_block:
        raise RuntimeError("match_rows cannot fork workers inside a transaction")
    # A forked child must not share the parent's socket: close it so each child opens its own.
    connections.close_all()
    with get_context("fork").Pool(workers, initializer=_worker_start) as pool:
        for results in pool.imap(match_batch, batches):
            yield from results
        pool.close()
        pool.join()


def _worker_start() -> None:
    # Close the worker's own connection when it exits, so the server sees a clean goodbye.
    Finalize(None, connections.close_all, exitpriority=10)


def _matchable(row: RowResult) -> RowResult:
    """A row with only an external_id (or only a sex) could only match at random."""
    if isinstance(row, RowError):
        return row
    query = row.search_query()
    if any(getattr(query, f.name) for f in fields(query) if f.name != "sex"):
        return row
    nothing = (
        "The row has nothing to match on: give a name, date of birth, NHS number, UPN, "
        "postcode or address"
    )
    return RowError(row.row_number, row.external_id, "; ".join([*row.warnings, nothing]))


def _batched(rows: Iterable[RowResult], size: int) -> Iterator[list[RowResult]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def match_batch(job: tuple[list[RowResult], str]) -> list[MatchResult]:
    """Match one batch: rows whose NHS number or UPN settles a certain match are answered
    by one query for the batch; the other rows' candidates are gathered by one statement
    for the batch and scored. Then one query for the matched people's identifiers from
    earlier imports (the first kept, or the one from `source`)."""
    return _finish(_gather(job))


@dataclass(frozen=True, slots=True)
class _Gathered:
    """A batch with what the database said about it, waiting to be scored."""

    rows: list[RowResult]
    source: str
    settled: dict[int, Candidate | None]  # by row position; None: not settled yet
    unsettled: list[int]
    candidates: list[tuple[Profile, list[tuple[Any, ...]]]]


def _gather(job: tuple[list[RowResult], str]) -> _Gathered:
    rows, source = job
    people = [(i, row) for i, row in enumerate(rows) if isinstance(row, PersonRow)]
    answers = certain_by_identifier([row.search_query() for _, row in people])
    settled = {i: answer for (i, _), answer in zip(people, answers, strict=True)}
    unsettled = [(i, row.search_query()) for i, row in people if settled[i] is None]
    gathered = gather_candidates([query for _, query in unsettled], BULK_CANDIDATE_CAP)
    return _Gathered(rows, source, settled, [i for i, _ in unsettled], gathered)


def _finish(batch: _Gathered) -> list[MatchResult]:
    settled = batch.settled | dict(zip(batch.unsettled, best_of(batch.candidates), strict=True))
    found = [(row, settled.get(i)) for i, row in enumerate(batch.rows)]
    external = _external_ids([c.person_id for _, c in found if c is not None], batch.source)
    return [
        MatchResult(row=row)
        if candidate is None
        else MatchResult(
            row=row,
            person_id=str(candidate.person_id),
            person_external_id=external.get(str(candidate.person_id), ""),
            band=str(candidate.band),
            score=candidate.score,
            reasons=tuple(candidate.reasons),
        )
        for row, candidate in found
    ]


# Threads gathering ahead, each on its own database connection: with two, the server works
# on two blocks at once while this process scores a third, which keeps two cores busy when
# the server's part of a row takes longer than Python's (at 1M people it does).
GATHERERS = 2


def _overlapped(batches: Iterable[tuple[list[RowResult], str]]) -> Iterator[MatchResult]:
    """One process, several steps at once: threads with their own database connections
    gather the next batches while this one is scored, so the server's work and Python's
    overlap. Results still come in input order."""
    with ThreadPoolExecutor(GATHERERS, thread_name_prefix="match-gather") as pool:
        try:
            waiting: deque[Future[_Gathered]] = deque()
            for batch in batches:
                waiting.append(pool.submit(_gather, batch))
                if len(waiting) > GATHERERS:
                    yield from _finish(waiting.popleft().result())
            while waiting:
                yield from _finish(waiting.popleft().result())
        finally:
            # Each thread closes its own connection: the barrier keeps any one thread from
            # taking two of these.
            barrier = Barrier(GATHERERS)
            closing = [pool.submit(_close_after, barrier) for _ in range(GATHERERS)]
            for done in closing:
                done.result()


def _close_after(barrier: Barrier) -> None:
    barrier.wait()
    connections.close_all()


def _external_ids(person_ids: list[Any], source: str) -> dict[str, str]:
    if not person_ids:
        return {}
    identifiers = ExternalIdentifier.objects.filter(person_id__in=set(person_ids))
    if source:
        identifiers = identifiers.filter(source=source)
    values: dict[str, str] = {}
    for person_id, value in identifiers.order_by("-pk").values_list("person_id", "value"):
        values[str(person_id)] = value  # ordered newest first, so the earliest wins
    return values
