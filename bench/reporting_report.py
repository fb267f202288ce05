"""The reporting benchmark's runs gathered into Markdown (bench_reporting prints it), and the
"Management information and returns" section of docs/benchmarks.md written from it."""

from __future__ import annotations

import argparse
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import reporting_measure as m
from bench.docs_section import subsection_write
from bench.reporting_data import CENSUS_YEAR, PROFILES, YEAR_END, YEAR_START

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
SECTION = "## Management information and returns"
ORDER = ("large", "stress")


def load_rows(report: dict[str, Any], reused: bool) -> list[tuple[str, str, str]]:
    rows = report["rows"]
    note = f" (load of {report['loaded_at']}, reused)" if reused else ""

    def n(name: str) -> str:
        return f"{rows.get(name, 0):,}"

    load = f"{report['load_seconds']:,.0f} s (people {report['people_seconds']:,.0f} s; "
    load += f"ANALYZE {report['analyse_seconds']:,.0f} s)"
    return [
        ("People / households / relationships",
         f"{n('Person')} / {n('Household')} / {n('Relationship')}", ""),
        ("Contacts / people on contacts / screenings",
         f"{n('Contact')} / {n('ContactSubject')} / {n('Screening')}", ""),
        ("Decisions / partner checks / Early Help requests",
         f"{n('Decision')} / {n('CheckRequest')} / {n('EarlyHelpRequest')}", ""),
        ("Referrals / CIN and CP statuses", f"{n('Referral')} / {n('PersonStatus')}", ""),
        ("Generate and COPY everything, then ANALYZE" + note, load, ""),
    ]  # fmt: skip


def returns_rows(log: Callable[[str], None]) -> list[tuple[str, str, str]]:
    """CIN census (all children, then half of them), Annex A, and an idle Django process
    for the memory baseline."""
    database = os.environ["CADS_DATABASE_NAME"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        idle = m.command_run(["shell", "-c", "import django"], database)
        baseline = f"{idle.peak_mb:,.0f} MB" if idle.ok else idle.failure()
        rows.append(("Peak memory of an idle `manage.py` process (baseline)", baseline, ""))
        full, row = m.census_row(f"CIN census {CENSUS_YEAR}, all children", database, folder, log)
        rows.append(row)
        if full.ok and not os.environ.get("DATABASE_URL"):
            half = m.half_database(database, log)
            try:
                rows.append(
                    m.census_row(
                        f"CIN census {CENSUS_YEAR}, half the children", half, folder, log, "half"
                    )[1]
                )
            finally:
                m.database_remove(half)
        output = folder / "annex-a.xlsx"
        annex = m.command_run(
            ["annex_a", "--as-of", m.ANNEX_A_AS_OF.isoformat(), "--output", str(output)], database
        )
        if annex.ok:
            size = output.stat().st_size / 2**20
            result = (f"{annex.seconds:,.1f} s for {m._wrote(annex, 'rows')} rows, peak memory "
                      f"{annex.peak_mb:,.0f} MB, {size:,.1f} MB .xlsx")  # fmt: skip
        else:
            result = annex.failure()
        log(f"annex_a: {result}")
        rows.append((f"Annex A as of {m.ANNEX_A_AS_OF:%d %B %Y}, lists 1 to 5", result, ""))
    return rows  # fmt: skip


def table(rows: list[tuple[str, str, str]]) -> list[str]:
    lines = ["| Measure | Result | Target |", "|---|---|---|"]
    return lines + [f"| {name} | {value} | {target} |" for name, value, target in rows]


def measure(
    args: argparse.Namespace, report: dict[str, Any], reused: bool, log: Callable[[str], None]
) -> list[str]:
    """Every measurement of one profile; the Markdown lines of the results."""
    profile = PROFILES[args.profile]
    dashboard = m.dashboard_rows(args.requests, args.budget, log)
    returns = returns_rows(log)
    return [
        f"Profile `{profile.name}`: {profile.children:,} children on the register, "
        f"{profile.contacts:,} contacts and {profile.referrals:,} referrals received from "
        f"{YEAR_START:%d %B %Y} to {YEAR_END:%d %B %Y} (seed {args.seed}).",
        "",
        *table(load_rows(report, reused) + dashboard + returns),
        "",
    ]  # fmt: skip


def docs_write(profile: str, body: list[str]) -> None:
    """Put `body` under "### <profile> profile" in this section, replacing an earlier run of
    the same profile (other profiles' runs and other subsections are kept). The introduction
    is rewritten too, so it always describes the generator as it is."""
    title = f"### {profile} profile"
    subsection_write(DOCS, SECTION, INTRO, title, body, order=_order, rewrite_intro=True)


def _order(subsection: str) -> int:
    found = re.match(r"### (\w+) profile", subsection)
    return ORDER.index(found[1]) if found and found[1] in ORDER else len(ORDER)


INTRO = f"""Command: `make bench-reporting PROFILE=large` (or `PROFILE=stress`), which runs
`.venv/bin/python -m bench.bench_reporting --profile large --keep --write-docs` against its
own database, `cads_bench_reporting_large` (or `_stress`), on the embedded server; `--keep`
keeps the loaded year, so a rerun skips the load. Each profile's subsection below names the
command, machine, date and load average that produced it.

The data is a seeded, generated year of front-door activity from {YEAR_START:%d %B %Y} to
{YEAR_END:%d %B %Y} (the CIN census year {CENSUS_YEAR}), written by
`bench/reporting_data.py` and its modules with PostgreSQL COPY into the real tables:
children and families from the matching benchmark's register generator (names, dates of
birth, sex, ethnicity, NHS numbers from the 999 range, UPNs, LA child IDs, households,
relationships) with disabilities; contacts received mostly in office hours (about one in
four out of hours), by channel and CIN referral source, RAG-rated, with consent given,
refused or not sought; screenings with threshold levels and acknowledgements to the
referrer (some late); MASH partner checks to police, health, education, probation, housing
and adult social care with per-agency response times; decisions with outcomes and decided
times against the one-working-day clock (some late), sign-off of no further action and of
decisions without consent, a few returned with comments; Early Help requests; referrals
(exactly the profile's number) with primary need, allocation to assessment teams and
workers, 45-working-day assessments (some over, with a reason), re-referrals within 12
months and no new referral while a child's episode is open; a third of assessments end with
no further action and the rest are followed by a child in need plan (some still open at the
year end); a child protection plan after about a third of section 47 enquiries. About one
contact in twenty-five is a professional consultation; contacts from the last two days are
partly still open. Letters are not generated (the letters app was changing while this was
written): acknowledgements are recorded on the screening, as a worker records a phone call.
Profiles: `large` is the issue's large authority (200,000 children, 60,000 contacts,
20,000 referrals); `stress` is 1,000,000 contacts, 500,000 children (about 950,000 people
with their parents: the NHS 999 test range holds numbers for at most about 1.2 million
people) and 333,000 referrals.

The dashboard is measured with Django's test client as a signed-in team manager with the
two-factor step passed, through the whole middleware stack, without a network hop and
without the test framework's template instrumentation; after one warm-up request, 40
requests a filter, or as many as fit in 240 seconds (at least five) when the page is slow.
The CIN census
(`manage.py cin_census --year {CENSUS_YEAR} --force`) and Annex A
(`manage.py annex_a --as-of {YEAR_END}`: lists 1 to 5, the six months up to that date) run
in their own processes; time is wall clock
including Python and Django start, peak memory is the process's own maximum resident set
size (`ru_maxrss` from `os.wait4`, taken by the small launcher `bench/reporting_child.py`
because Linux carries a parent's peak across fork and exec). "Half the children" is the
census run again on a temporary copy of the database (`CREATE DATABASE … TEMPLATE`) from
which the referrals of half the children were deleted: if the export streams, its peak
memory stays the same."""
