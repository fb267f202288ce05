"""The no-date-of-birth part of the matching benchmark: quality and latency of searches with
names and an address but no date of birth (bench/probes_no_dob.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench import matching_runs as runs
from bench.matching_ceiling import moved_ceiling
from bench.matching_report import Quality, quality, share
from bench.probes_no_dob import build_no_dob_probes

TARGETS = {"No date of birth: true person in top 10 (present probes)": "≥ 95%"}


@dataclass(frozen=True)
class NoDobFigures:
    rows: list[tuple[str, str]]
    kinds: list[str]
    note: str


def _moved_top10(q: Quality) -> str:
    moved = q.present_by_kind["moved"]
    return share(moved - q.missed_by_kind["moved"], moved)


def _best(best: float, of: int) -> str:
    return f"{best:,.1f} / {of:,} ({100 * best / of:.2f}%)" if of else "n/a"


def measure_no_dob(
    *, seed: int, present: int, absent: int, log: Callable[[str], None]
) -> NoDobFigures:
    probes = build_no_dob_probes(seed=seed, present=present, absent=absent)
    runs.service_search(probes[:100])  # warm up
    results, one = runs.service_search(probes)
    fetch = runs.candidate_query(probes)
    q = quality(probes, results)
    best_moved, moved = moved_ceiling(probes)
    best = q.present - moved + best_moved  # every probe whose family has not moved found
    log(f"no date of birth: top 10 {share(q.top10, q.present)}, find_candidates {one.summary()}")
    false_certain = q.absent_false_certain + (q.certain - q.certain_right)
    rows = [
        ("No date of birth: true person in top 10 (present probes)", share(q.top10, q.present)),
        ("No date of birth: top 10 at most, on average, with the moved families' namesakes "
         "(bench/matching_ceiling.py) and every other probe found", _best(best, q.present)),
        ("No date of birth: true person first", share(q.first, q.present)),
        ("No date of birth, family moved (another postcode): true person in top 10",
         _moved_top10(q)),
        ("No date of birth, family moved: top 10 at most, on average (namesakes nothing "
         "searched tells apart)", _best(best_moved, moved)),
        ("No date of birth: *certain* (all probes)", share(q.certain, len(probes))),
        ("No date of birth: false *certain*, absent probes",
         share(q.absent_false_certain, q.absent)),
        ("No date of birth: wrong person *certain*, all probes", f"{false_certain:,}"),
        ("No date of birth: candidate query alone, 1 user, p50 / p95 / p99",
         fetch.summary() if fetch else "n/a"),
        ("No date of birth: find_candidates, 1 user, p50 / p95 / p99", one.summary()),
    ]  # fmt: skip
    note = f"No-date-of-birth probes (seed {seed}): present {q.present:,}, absent {q.absent:,}."
    return NoDobFigures(rows, q.kind_table(), note)
