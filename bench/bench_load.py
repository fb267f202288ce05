"""Load benchmark: a busy front door under 5, 20 and 50 signed-in users (ADR 0026).

Builds a front door (a register of people, a year of closed contacts, open contacts from the
last three days; bench/load_data.py), starts gunicorn on loopback as `make demo` would, signs
users in with their password and authenticator code and runs the read mix (work tray,
screening page, person search, public form, dashboard) and the write mix (a full staff
intake) with a think time of 0.5 to 1.5 s (bench/load_users.py). Then ten people sign in at
once while the public form is timed, and the tray is timed again with more open contacts.
p50 and p95 per page, with the load average before each run, go to docs/benchmarks.md.

Bounded: each run lasts --seconds, every thread has a deadline and the web server is stopped
at the end whatever happens. Loopback only. Uses its own database, `cads_bench_load`, on the
embedded server; with DATABASE_URL it uses (and empties) that database instead.

    make bench-load                                   # the issue's sizes
    .venv/bin/python -m bench.bench_load --small      # a quick check that it works
"""

from __future__ import annotations

import argparse
import datetime
import os
import runpy
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")  # the real hasher

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open", type=int, default=2_000, help="open contacts")
    parser.add_argument("--tray-open", type=int, default=10_000, help="open for the tray run")
    parser.add_argument("--people", type=int, default=100_000, help="people on the register")
    parser.add_argument("--closed", type=int, default=12_000, help="contacts in the year")
    parser.add_argument("--users", default="5,20,50", help="signed-in users per run")
    parser.add_argument("--seconds", type=float, default=60, help="length of each run")
    served = runpy.run_path(str(ROOT / "gunicorn.conf.py"))  # as `make demo` serves
    parser.add_argument("--workers", type=int, default=served["workers"], help="gunicorn processes")
    parser.add_argument(
        "--threads", type=int, default=served["threads"], help="threads per process"
    )
    parser.add_argument("--seed", type=int, default=20261205)
    parser.add_argument("--small", action="store_true", help="a small front door, short runs")
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args(argv)
    if args.small:
        args.open, args.tray_open, args.people, args.closed = 200, 1_000, 5_000, 1_000
        args.users, args.seconds = "2,5,10", min(args.seconds, 20)
    return args


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def web_start(args: argparse.Namespace) -> tuple[subprocess.Popen[bytes], str]:
    """gunicorn on loopback with threads, so a sign-in's password hash never holds a process
    another request (the public form) needs."""
    port = _free_port()
    command = [
        str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(args.workers), "--worker-class", "gthread",
        "--threads", str(args.threads), "--log-level", "warning", "--timeout", "60",
    ]  # fmt: skip
    log_file = (ROOT / ".cads").joinpath("bench-load-web.log")
    log_file.parent.mkdir(exist_ok=True)
    web = subprocess.Popen(command, cwd=ROOT, stdout=log_file.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    import requests

    for _ in range(120):
        try:
            if requests.get(base + "/health/", timeout=2).status_code == 200:
                return web, base
        except requests.RequestException:
            time.sleep(0.5)
    web.terminate()
    raise SystemExit(f"gunicorn did not start; see {log_file}")


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def table(timings: object) -> list[str]:
    from bench.load_users import Timings

    assert isinstance(timings, Timings)
    rows = ["| Page | Requests | p50 ms | p95 ms | Errors |", "|---|---:|---:|---:|---:|"]
    for page in sorted(timings.seconds):
        got = timings.seconds[page]
        rows.append(
            f"| {page} | {len(got)} | {statistics.median(got) * 1000:.0f} | "
            f"{percentile(got, 95) * 1000:.0f} | {timings.errors.get(page, 0)} |"
        )
    return rows


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 min)"


CROWD: dict[str, Any] = {}


def run_users(base: str, users: list[tuple[str, bytes]], seconds: float, ids: list[str]) -> object:
    from bench.load_users import Timings, VirtualUser

    timings = Timings()
    crowd = [CROWD.setdefault(name, VirtualUser(base, name, key, timings)) for name, key in users]
    for user in crowd:
        user.timings = timings
    # Signed in once and kept for the later runs (an authenticator code is good only once).
    signed = [u for u in crowd if u.signed_in or u.sign_in()]
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=u.run, args=(until, ids), daemon=True) for u in signed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return timings


def sign_in_burst(base: str, users: list[tuple[str, bytes]]) -> object:
    """Ten people sign in at the same moment while a member of the public uses the form."""
    from bench.load_users import Timings, VirtualUser

    timings = Timings()
    crowd = [VirtualUser(base, name, key, timings) for name, key in users]
    go = threading.Barrier(len(crowd) + 1)
    done = threading.Event()

    def sign_in(user: VirtualUser) -> None:
        go.wait(timeout=30)
        user.sign_in()

    def public() -> None:
        go.wait(timeout=30)
        probe = VirtualUser(base, "public", b"", timings)
        while not done.is_set():
            probe.read("public form", [])
            time.sleep(0.1)

    threads = [threading.Thread(target=sign_in, args=(u,), daemon=True) for u in crowd]
    probe = threading.Thread(target=public, daemon=True)
    for thread in [*threads, probe]:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    done.set()
    probe.join(timeout=30)
    return timings


def hashing_cost() -> list[str]:
    import argon2

    from cads.accounts.hashers import CadsArgon2PasswordHasher as Cads

    lines = []
    for name, t, m, p in (("Django's default Argon2", 2, 102_400, 8),
                          ("CADS (cads/accounts/hashers.py)", Cads.time_cost, Cads.memory_cost,
                           Cads.parallelism)):  # fmt: skip
        hasher = argon2.PasswordHasher(time_cost=t, memory_cost=m, parallelism=p)
        took = []
        for _ in range(5):
            started = time.perf_counter()
            hasher.hash("correct-horse-battery-staple")
            took.append(time.perf_counter() - started)
        lines.append(f"- {name} (time {t}, memory {m // 1024} MiB, lanes {p}): "
                     f"{statistics.median(took) * 1000:.0f} ms a hash")  # fmt: skip
    return lines


def database_ready(args: argparse.Namespace) -> None:
    os.environ.setdefault("CADS_DATABASE_NAME", "cads_bench_load")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    # Stopped from outside (timeout, Ctrl-C): still stop the web server (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    database_ready(args)
    from bench import load_data
    from bench.bench_matching import log, machine
    from cads.screening.models import Screening

    profile = load_data.profile_for(args.people, args.closed)
    load_data.register_and_year(profile, args.seed, log)
    load_data.name_keys_ensure(log)
    load_data.open_contacts_add(target=args.open, profile=profile, seed=args.seed, log=log)
    load_data.facts_refresh(log)
    counts = [int(n) for n in args.users.split(",")]
    users = load_data.users_ensure(max(counts) + 10)
    ids = [str(pk) for pk in Screening.objects.filter(
        contact__status="in_screening").values_list("contact_id", flat=True)[:2000]]  # fmt: skip
    from bench import load_users
    from cads.people.models import Person

    children = Person.objects.filter(contacts__role="child").values_list(
        "given_name", "family_name"
    )
    load_users.NAMES[:] = list(children.distinct()[:500]) or load_users.NAMES
    from django.db import connections

    connections.close_all()  # the web server's processes open their own
    body = [f"Front door: {load_data.open_count():,} open contacts, {args.people:,} people, "
            f"a year of {args.closed:,} contacts. Web: gunicorn, {args.workers} processes x "
            f"{args.threads} threads, on loopback.", ""]  # fmt: skip
    web, base = web_start(args)
    try:
        for count in counts:
            body += [f"#### {count} users, {args.seconds:.0f} s ({load_average()} before)", ""]
            body += [*table(run_users(base, users[:count], args.seconds, ids)), ""]
            log(f"{count} users done")
        body += [f"#### Ten people signing in at once, the public form timed meanwhile "
                 f"({load_average()} before)", ""]  # fmt: skip
        body += [*table(sign_in_burst(base, users[-10:])), "", *hashing_cost(), ""]
        load_data.open_contacts_add(target=args.tray_open, profile=profile, seed=args.seed, log=log)
        connections.close_all()
        # The fewest users first: what the backlog costs apart from a queue for the cores.
        for count in sorted({counts[0], counts[-1]}):
            body += [f"#### {count} users with {load_data.open_count():,} open contacts "
                     f"({load_average()} before)", ""]  # fmt: skip
            body += [*table(run_users(base, users[:count], args.seconds, ids)), ""]
    finally:
        web.terminate()
        web.wait(timeout=30)
    now = datetime.datetime.now(tz=datetime.UTC)
    header = [f"Run {now:%Y-%m-%d %H:%M} UTC: `.venv/bin/python -m bench.bench_load "
              f"{shlex.join(argv)}`. Machine: {machine()}.", ""]  # fmt: skip
    print("\n".join(header + body))
    if args.write_docs:
        docs_write(args, header + body)
        log("docs/benchmarks.md updated")


def docs_write(args: argparse.Namespace, body: list[str]) -> None:
    from bench.docs_section import subsection_write

    title = f"### {args.open:,} open contacts, {args.people:,} people"
    subsection_write(
        ROOT / "docs" / "benchmarks.md", "## Load: a busy front door", INTRO, title, body,
        order=lambda text: -len(text.split("\n", 1)[0]), rewrite_intro=False,
    )  # fmt: skip


INTRO = (
    "`make bench-load` (bench/bench_load.py). Targets (issue: a busy front door): p95 at "
    "most 300 ms for every page with 50 users and 2,000 open contacts; the tray's p95 at most "
    "300 ms with 10,000 open; sign-in p95 at most 1 s with ten people signing in at once. "
    "Findings and whether the targets were met are under each run."
)


if __name__ == "__main__":
    main(sys.argv[1:])
