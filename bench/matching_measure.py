"""The measuring part of the matching benchmark: probes, timed runs, quality, index sizes,
gathered into the Markdown that bench_matching prints and writes to docs/benchmarks.md."""

from __future__ import annotations

import argparse
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.db import connection

from bench import matching_runs as runs
from bench.matching_no_dob import TARGETS as NO_DOB_TARGETS
from bench.matching_no_dob import measure_no_dob
from bench.matching_report import quality
from bench.probe_sets import build_probes, probe_counts
from bench.probes import Probe
from bench.register_load import LoadReport
from cads.people.models import Person, PersonNameKey

TARGETS = {
    "Candidate query alone, 1 user, p50 / p95 / p99": "p95 ≤ 25 ms",
    "Search page, 1 user, p50 / p95 / p99": "p95 ≤ 100 ms",
    "True person in top 10 (present probes)": "≥ 99.5%",
    "True person first": "≥ 98%",
    "False *certain*, hard negatives": "0 on ≥ 2,000",
    "match_people, 1 worker": "≥ 500 rows/s",
    **NO_DOB_TARGETS,
}


def _mb(n: int) -> str:
    return f"{n / 2**20:,.1f} MB"


def index_table(report: LoadReport) -> list[str]:
    """Build time (from the load) and size (now) of the person and name-key indexes."""
    lines = ["| Table or index | Build time | Size |", "|---|---|---|"]
    with connection.cursor() as cursor:
        for model in (PersonNameKey, Person):
            table_name = model._meta.db_table
            cursor.execute(
                "SELECT pg_relation_size(%s), pg_indexes_size(%s)", [table_name, table_name]
            )
            data, indexes = cursor.fetchone()
            lines.append(f"| `{table_name}` rows | — | {_mb(data)} |")
            cursor.execute(
                "SELECT c.relname, pg_relation_size(c.oid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = %s::regclass "
                "ORDER BY 1",
                [table_name],
            )
            for name, size in cursor.fetchall():
                built = report.index_seconds.get(name)
                when = f"{built:.1f} s" if built is not None else "kept (constraint)"
                lines.append(f"| `{name}` | {when} | {_mb(size)} |")
            lines.append(f"| all `{table_name}` indexes (pg_indexes_size) | | {_mb(indexes)} |")
    return lines


def _load_rows(report: LoadReport, reused: bool) -> list[tuple[str, str]]:
    rows = report.rows
    people = rows.get("Person", 0)
    note = f" (load of {report.loaded_at}, reused)" if reused else ""
    return [
        ("People / households / name-key rows", f"{people:,} / {rows.get('Household', 0):,} / "
         f"{rows.get('PersonNameKey', 0):,}"),
        ("Generate and COPY, secondary indexes dropped" + note,
         f"{report.load_seconds:.0f} s ({people / report.load_seconds:,.0f} people/s)"),
        ("Rebuild all secondary indexes of the loaded tables",
         f"{sum(report.index_seconds.values()):.1f} s"),
        ("ANALYZE", f"{report.analyse_seconds:.1f} s"),
    ]  # fmt: skip


def _bands(summary: str) -> str:
    """The band counts from match_people's summary line ("certain 5, likely 3, ...")."""
    found = re.search(r"Matched ([\d,]+) of ([\d,]+) rows \(([^)]*)\)", summary)
    return f"matched {found[1]} of {found[2]} ({found[3]})" if found else summary


def _with_targets(rows: list[tuple[str, str]]) -> list[str]:
    lines = ["| Measure | Result | Target at 1M |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {TARGETS.get(name, '')} |" for name, value in rows]
    return lines


def _page_runs(probes: list[Probe], count: int, log: Callable[[str], None]) -> tuple[str, str]:
    """The search page for one and four users; a page that fails is reported, not fatal."""
    try:
        user_id = runs.bench_user_id()
        runs.concurrent("page", probes[-100:], 1, user_id)  # warm up
        one = runs.concurrent("page", probes[:count], 1, user_id).summary()
        four = runs.concurrent("page", probes[:count], 4, user_id).summary()
    except Exception as exc:  # the other figures are still worth having
        log(f"search page failed: {exc!r}")
        return (f"not measured: the page failed ({type(exc).__name__}: {exc})",) * 2
    log(f"search page: {one} / {four}")
    return one, four


def measure(
    args: argparse.Namespace, report: LoadReport, reused: bool, log: Callable[[str], None]
) -> list[str]:
    """Run every measurement; the Markdown lines of the results."""
    probes = build_probes(seed=args.seed, total=args.probes)
    counts = probe_counts(probes)
    log(f"{len(probes):,} probes: {counts}")
    runs.service_search(probes[:200])  # warm the caches and the connection
    results, one = runs.service_search(probes)
    log(f"find_candidates, 1 user: {one.summary()}")
    q = quality(probes, results)
    fetch = runs.candidate_query(probes)
    log(f"candidate query alone: {fetch.summary() if fetch else 'n/a'}")
    no_dob = measure_no_dob(
        seed=args.seed, present=args.no_dob_probes, absent=args.no_dob_probes // 5, log=log
    )
    four = runs.concurrent("service", probes, 4)
    log(f"find_candidates, 4 users: {four.summary()}")
    page_one, page_four = _page_runs(probes, args.page_probes, log)
    with tempfile.TemporaryDirectory() as folder:
        matched = [runs.match_people(probes[: args.match_rows], Path(folder), w) for w in (1, 2)]
        nhs_rows = runs.nhs_list(args.match_rows, args.seed)
        nhs_matched = [runs.match_people(nhs_rows, Path(folder), w) for w in (1, 2)]
    log(f"match_people: {[m.summary for m in matched + nhs_matched]}")
    latency = [
        ("Candidate query alone, 1 user, p50 / p95 / p99", fetch.summary() if fetch else "n/a"),
        ("find_candidates, 1 user, p50 / p95 / p99", one.summary()),
        ("find_candidates, 4 users, p50 / p95 / p99", four.summary()),
        ("Search page, 1 user, p50 / p95 / p99", page_one),
        ("Search page, 4 users, p50 / p95 / p99", page_four),
    ]
    matching = [
        (f"match_people, {m.workers} worker{'s' if m.workers > 1 else ''}",
         f"{m.reported} rows/s as the command reports it; {m.per_second:,.0f} rows/s wall "
         f"clock with Python and Django start ({m.rows:,} rows in {m.wall_seconds:.1f} s)")
        for m in matched
    ] + [
        (f"match_people, CP-IS style NHS number list, {m.workers} worker"
         f"{'s' if m.workers > 1 else ''}",
         f"{m.reported} rows/s as the command reports it; {m.per_second:,.0f} rows/s wall "
         f"clock ({m.rows:,} rows in {m.wall_seconds:.1f} s); {_bands(m.summary)}")
        for m in nhs_matched
    ]  # fmt: skip
    probe_note = ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items()))
    return [
        *_with_targets(_load_rows(report, reused) + latency + q.rows() + no_dob.rows + matching),
        "",
        f"Probes (seed {args.seed}): {probe_note}. {no_dob.note}",
        "",
        *index_table(report),
        "",
        "Present probes by error pattern (the patterns most often not ranked first):",
        "",
        *q.kind_table(),
        "",
        "No-date-of-birth probes by error pattern (names and an address, no date of birth):",
        "",
        *no_dob.kinds,
        "",
    ]
