"""Management information and returns benchmark (issue 7): a generated year of front-door
activity, then the dashboard page, the CIN census export and the Annex A export, timed.

Run with `make bench-reporting PROFILE=large` or
`.venv/bin/python -m bench.bench_reporting --profile large [--keep] [--write-docs]`.
It uses its own database, `cads_bench_reporting_<profile>`, on the embedded server (or
DATABASE_URL, whose people and front-door tables it empties and reloads), never the demo
data. Without --keep the database is dropped at the end; with --keep the year stays loaded
and a later run with the same profile and seed reuses it (the load figures then come from
the original load). Profiles are in bench/reporting_data.py.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shlex
import sys
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", choices=("large", "stress"), default="large")
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--requests", type=int, default=40, help="dashboard requests a filter")
    parser.add_argument(
        "--budget", type=float, default=240, help="seconds of dashboard requests a filter at most"
    )
    parser.add_argument("--keep", action="store_true", help="keep the loaded year for a rerun")
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    return parser.parse_args(argv)


def data_ready(args: argparse.Namespace) -> tuple[dict[str, Any], bool]:
    """The load report of the year to measure, loading it when needed."""
    from bench.bench_matching import log
    from bench.reporting_data import PROFILES
    from bench.reporting_load import activity_load, activity_loaded

    profile = PROFILES[args.profile]
    report = activity_loaded(profile=profile, seed=args.seed) if args.keep else None
    if report is not None:
        log(f"Reusing the {profile.name} year loaded at {report['loaded_at']}")
        return report, True
    log(f"Loading the {profile.name} profile (seed {args.seed}): {profile}")
    return activity_load(profile=profile, seed=args.seed, log=log), False


def facts_refresh(log: Any) -> None:
    """Bring the dashboard's contact facts up to date, as the five-minute sweep does after a
    day's work (ADR 0015); a fresh load queues every contact, which takes minutes at 1M."""
    import time

    from cads.authority.selectors import office_hours
    from cads.reporting import facts

    started = time.perf_counter()
    done = facts.refresh(office_hours())
    log(f"Contact facts refreshed for {done} contacts in {time.perf_counter() - started:.1f} s")


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    # One database a profile, so a kept large year and a kept stress year live side by side.
    os.environ.setdefault("CADS_DATABASE_NAME", f"cads_bench_reporting_{args.profile}")
    from bench.bench_matching import database_drop, log, machine

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
    from bench.reporting_report import measure

    report, reused = data_ready(args)
    facts_refresh(log)
    load_avg = os.getloadavg()
    body = measure(args, report, reused, log)
    command = f"`.venv/bin/python -m bench.bench_reporting {shlex.join(argv)}`"
    if argv == ["--profile", args.profile, "--keep", "--write-docs"]:
        command += f" (what `make bench-reporting PROFILE={args.profile}` runs)"
    now = datetime.datetime.now(tz=datetime.UTC)
    header = [
        f"Run {now:%Y-%m-%d %H:%M} UTC, command: {command}.",
        f"Machine: {machine()}; load average before the measurements {load_avg[0]:.2f}, "
        f"after {os.getloadavg()[0]:.2f} (other work shares this machine).",
        "",
    ]
    print("\n".join(header + body))
    if args.write_docs:
        from bench.reporting_report import docs_write

        docs_write(args.profile, header + body)
        log("docs/benchmarks.md updated")
    if not args.keep and not os.environ.get("DATABASE_URL"):
        from django.db import connections

        connections.close_all()
        database_drop()


if __name__ == "__main__":
    main(sys.argv[1:])
