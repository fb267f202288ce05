"""The measuring part of the reporting benchmark: the dashboard through the whole middleware
stack, the CIN census and Annex A commands in their own processes (time and peak memory),
and the census again on half the children, gathered into Markdown."""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, connections
from django.urls import NoReverseMatch, reverse

from bench.bench_foundation import percentile
from bench.reporting_data import CENSUS_YEAR, YEAR_END, YEAR_START

ROOT = Path(__file__).resolve().parent.parent
ANNEX_A_AS_OF = YEAR_END  # lists 1 to 5 cover the six months up to this date
TARGETS = {
    "dashboard": "p95 ≤ 1 s at 1M contacts",
    "census": "≤ 60 s for 200k children; memory flat",
    "half": "peak memory as with all children",
}


@dataclass
class Run:
    """One management command in its own process."""

    argv: list[str]
    seconds: float
    peak_mb: float
    returncode: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def failure(self) -> str:
        tail = (self.stderr.strip().splitlines() or ["no output"])[-1]
        return f"not measured: exit {self.returncode} ({tail[:200]})"


def command_run(argv: list[str], database: str) -> Run:
    """Run `manage.py <argv>` against `database` through bench/reporting_child.py, which
    reports the command's own peak resident set size (see there why a launcher is needed)."""
    import subprocess

    env = {**os.environ, "CADS_DATABASE_NAME": database}
    launcher = [sys.executable, str(ROOT / "bench" / "reporting_child.py")]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        code = subprocess.call(
            [*launcher, sys.executable, "manage.py", *argv],
            cwd=ROOT, env=env, stdout=out, stderr=err,
        )  # fmt: skip
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    found = re.search(r"peak_kib=(\d+) seconds=([\d.]+)\s*$", stderr)
    peak = int(found[1]) / 1024 if found else float("nan")
    seconds = float(found[2]) if found else seconds
    return Run(argv, seconds, peak, code, stdout, stderr)


def _timed_page(client: Any, url: str, params: dict[str, str], count: int, budget: float) -> str:
    """p50 / p95 / p99 of `count` requests after a warm-up request, or of as many as fit in
    `budget` seconds (at least five) when the page is slow."""
    queries = 0

    def counted(execute: Any, sql: str, values: Any, many: bool, context: Any) -> Any:
        nonlocal queries
        queries += 1
        return execute(sql, values, many, context)

    with connection.execute_wrapper(counted):  # the warm-up request
        first = client.get(url, params)
    if first.status_code != 200:
        return f"not measured: the page answered {first.status_code}"
    samples: list[float] = []
    began = time.perf_counter()
    while len(samples) < count and (len(samples) < 5 or time.perf_counter() - began < budget):
        start = time.perf_counter()
        response = client.get(url, params)
        samples.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            return f"not measured: a request answered {response.status_code}"
    pcts = " / ".join(f"{percentile(samples, p):,.0f}" for p in (50, 95, 99))
    cut = f", stopped by the {budget:.0f} s time budget" if len(samples) < count else ""
    return f"{pcts} ms ({len(samples)} requests{cut}; {queries} SQL queries a page)"


def dashboard_rows(
    requests: int, budget: float, log: Callable[[str], None]
) -> list[tuple[str, str, str]]:
    """The dashboard as a signed-in team manager (two-factor passed), for the full year, one
    month and the full year for one team."""
    try:
        url = reverse("reporting:dashboard")
    except NoReverseMatch:
        return [("Dashboard", "not measured: there is no reporting:dashboard page", "")]
    from bench.reporting_staff import measured_manager
    from conftest import signed_in_client

    client = signed_in_client(measured_manager())
    year = {"from": YEAR_START.isoformat(), "to": YEAR_END.isoformat()}
    month = {"from": YEAR_END.replace(day=1).isoformat(), "to": YEAR_END.isoformat()}
    variants = [("full year", year), ("one month (March 2026)", month)]
    try:
        from cads.reporting.models import Team

        team = Team.objects.filter(members__isnull=False).order_by("name").first()
        if team is not None:
            variants.append((f"full year, one team ({team.name})", {**year, "team": str(team.pk)}))
    except ImportError:
        pass
    rows = []
    for name, params in variants:
        try:
            result = _timed_page(client, url, params, requests, budget)
        except Exception as exc:  # the other figures are still worth having
            result = f"not measured: the page failed ({type(exc).__name__}: {exc})"
        log(f"dashboard, {name}: {result}")
        rows.append((f"Dashboard page, {name}, p50 / p95 / p99", result, TARGETS["dashboard"]))
    return rows


def _wrote(run: Run, what: str) -> str:
    found = re.search(rf"Wrote ([\d,]+) {what}", run.stdout)
    return f"{int(found[1].replace(',', '')):,}" if found else "?"


def _checks_line(run: Run) -> str:
    found = re.search(r"(\d+) error\(s\), (\d+) query\(ies\)", run.stderr)
    return f"; DfE rules: {found[1]} errors, {found[2]} queries" if found else ""


def census_row(
    label: str, database: str, folder: Path, log: Callable[[str], None], target: str = "census"
) -> tuple[Run, tuple[str, str, str]]:
    output = folder / f"{database}.xml"
    run = command_run(
        ["cin_census", "--year", str(CENSUS_YEAR), "--output", str(output), "--force"], database
    )
    if not run.ok:
        log(f"cin_census on {database} failed: {run.stderr[-2000:]}")
        return run, (label, run.failure(), TARGETS[target])
    size = output.stat().st_size / 2**20 if output.exists() else 0
    result = (f"{run.seconds:,.1f} s for {_wrote(run, 'children')} children, peak memory "
              f"{run.peak_mb:,.0f} MB, {size:,.1f} MB of XML{_checks_line(run)}")  # fmt: skip
    log(f"{label}: {result}")
    return run, (label, result, TARGETS[target])


def half_database(source: str, log: Callable[[str], None]) -> str:
    """A copy of the benchmark database with the referrals of half the children removed
    (children whose id starts 0-7), so the census can be run on half as many children."""
    import psycopg
    from psycopg import sql

    from config import embedded_db

    name = f"{source}_half"
    host = embedded_db.ensure_running("postgres")["HOST"]
    connections.close_all()  # a template database must have no other sessions
    with psycopg.connect(host=host, user="postgres", dbname="postgres", autocommit=True) as c:
        c.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        c.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(source)
            )
        )
    with psycopg.connect(host=host, user="postgres", dbname=name, autocommit=True) as c:
        c.execute("SET session_replication_role = replica")
        c.execute(
            "UPDATE referrals_referral SET previous_referral_id = NULL WHERE previous_referral_id "
            "IN (SELECT id FROM referrals_referral WHERE child_id::text >= '8')"
        )
        c.execute("DELETE FROM referrals_referral WHERE child_id::text >= '8'")
        c.execute("ANALYZE")
    log(f"made {name} with half the children's referrals")
    return name


def database_remove(name: str) -> None:
    import psycopg
    from psycopg import sql

    from config import embedded_db

    host = embedded_db.ensure_running("postgres")["HOST"]
    with psycopg.connect(host=host, user="postgres", dbname="postgres", autocommit=True) as c:
        c.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
