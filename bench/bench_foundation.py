"""Foundation benchmark: embedded PostgreSQL start, audit writes, and a signed-in page.

Run with `make bench` (or `.venv/bin/python -m bench.bench_foundation`). It uses its own
database, `cads_bench`, on the embedded server (or DATABASE_URL), never the demo data.
Figures go to stdout as a Markdown table; copy them to docs/benchmarks.md with the date.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

os.environ.setdefault("CADS_DATABASE_NAME", "cads_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def timed(func: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock milliseconds of each of `repeat` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


def embedded_start_ms() -> float | None:
    """Cold start of the embedded server (stop, then start), or None with DATABASE_URL."""
    if os.environ.get("DATABASE_URL"):
        return None
    python = sys.executable
    subprocess.run([python, "-m", "config.embedded_db", "stop"], check=True, capture_output=True)
    start = time.perf_counter()
    subprocess.run([python, "-m", "config.embedded_db", "start"], check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    cold_start = embedded_start_ms()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django_otp.plugins.otp_totp.models import TOTPDevice

    setup_test_environment()
    from cads.accounts.models import User
    from cads.accounts.roles import Role
    from cads.accounts.services import two_factor_device_create, user_create
    from cads.audit.services import case_event_record
    from cads.authority.services import authority_get
    from conftest import signed_in_client

    subject = authority_get()
    user = User.objects.filter(username="bench-manager").first() or user_create(
        actor=None,
        username="bench-manager",
        password="bench-password-not-secret",
        first_name="Bench",
        last_name="Manager",
        role=Role.TEAM_MANAGER,
        organisation=None,
    )
    if not TOTPDevice.objects.filter(user=user).exists():
        two_factor_device_create(user=user, confirmed=True)
    events = timed(
        lambda: case_event_record(subject=subject, actor=user, kind="bench.event", new={"n": 1}),
        2000,
    )
    client: Client = signed_in_client(user)
    client.get("/")  # warm caches and the connection
    pages = timed(lambda: client.get("/"), 300)
    rows = [
        (
            "Embedded PostgreSQL cold start (stop, start)",
            f"{cold_start:.0f} ms" if cold_start else "n/a",
        ),
        (
            "case_event_record, 2,000 sequential commits",
            f"{2000 / (sum(events) / 1000):.0f} events/s",
        ),
        (
            "case_event_record latency p50 / p95",
            f"{percentile(events, 50):.2f} / {percentile(events, 95):.2f} ms",
        ),
        (
            "Signed-in home page, 300 requests p50 / p95",
            f"{percentile(pages, 50):.1f} / {percentile(pages, 95):.1f} ms",
        ),
        ("Signed-in home page mean", f"{statistics.mean(pages):.1f} ms"),
    ]
    print("| Measure | Result |")
    print("|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
