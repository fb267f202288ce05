"""Person matching benchmark: a seeded synthetic register, labelled probes, latency and
quality figures for docs/benchmarks.md (issue 3, "Performance").

Run with `make bench-matching SIZE=100000` or
`.venv/bin/python -m bench.bench_matching --size 100000 [--keep] [--write-docs]`.
It uses its own database, `cads_bench_matching_<size>`, on the embedded server (or
DATABASE_URL, whose people tables it empties and reloads), never the demo data. Without --keep the
database is dropped at the end; with --keep the register stays loaded and a later run with
the same size and seed reuses it (load and index figures then come from the original load).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shlex
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.register_load import LoadReport

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="people on the register")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--probes", type=int, default=6000, help="probes (at least 5,000)")
    parser.add_argument(
        "--no-dob-probes", type=int, default=1000, help="present probes with no date of birth"
    )
    parser.add_argument("--page-probes", type=int, default=1000, help="probes sent to the page")
    parser.add_argument("--match-rows", type=int, default=5000, help="rows given to match_people")
    parser.add_argument("--keep", action="store_true", help="keep the register for a rerun")
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    return parser.parse_args(argv)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def database_drop() -> None:
    """Drop the benchmark database on the embedded server (a fresh one is made on setup)."""
    import psycopg
    from psycopg import sql

    from config import embedded_db

    name = os.environ["CADS_DATABASE_NAME"]
    settings = embedded_db.ensure_running("postgres")
    with psycopg.connect(
        host=settings["HOST"], user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        conn.execute(drop.format(sql.Identifier(name)))


def machine() -> str:
    from django.db import connection

    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            ln.split(":", 1)[1].strip()
            for ln in cpuinfo.read_text().splitlines()
            if ln.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        buffers = cursor.fetchone()[0]
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GB RAM, PostgreSQL {pg} "
        f"(shared_buffers {buffers}), Python {platform.python_version()}"
    )  # fmt: skip


def register_ready(args: argparse.Namespace) -> tuple[LoadReport, bool]:
    """The load report of the register to measure, loading it when needed."""
    from bench.register_load import register_load, register_loaded

    report = register_loaded(seed=args.seed, size=args.size) if args.keep else None
    if report is not None:
        log(f"Reusing the register loaded at {report.loaded_at}")
        return report, True
    log(f"Loading a register of {args.size:,} people (seed {args.seed})")
    return register_load(seed=args.seed, size=args.size, log=log), False


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    # One database a size, so a kept 100k register and a kept 1M register live side by side.
    os.environ.setdefault("CADS_DATABASE_NAME", f"cads_bench_matching_{args.size}")
    if not args.keep and not os.environ.get("DATABASE_URL"):
        database_drop()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # The test client's host, without setup_test_environment(): that one also wraps every
    # template render to record its context, which would make the page look slower.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    from bench.matching_measure import measure

    report, reused = register_ready(args)
    load_avg = os.getloadavg()
    body = measure(args, report, reused, log)
    command = f"`.venv/bin/python -m bench.bench_matching {shlex.join(argv)}`"
    if argv == _make_argv(args):
        command += f" (what `make bench-matching SIZE={args.size}` runs)"
    header = [
        f"Run {datetime.date.today().isoformat()}, command: {command}.",  # noqa: DTZ011
        f"Machine: {machine()}; load average before the run {load_avg[0]:.2f}, after "
        f"{os.getloadavg()[0]:.2f} (other work shares this machine).",
        "",
    ]
    print("\n".join(header + body))
    if args.write_docs:
        from bench.matching_report import docs_write

        docs_write(args.size, header + body)
        log("docs/benchmarks.md updated")
    if not args.keep and not os.environ.get("DATABASE_URL"):
        from django.db import connections

        connections.close_all()
        database_drop()


def _make_argv(args: argparse.Namespace) -> list[str]:
    return ["--size", str(args.size), "--keep", "--write-docs"]


if __name__ == "__main__":
    main(sys.argv[1:])
