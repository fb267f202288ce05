"""The timed runs of the matching benchmark: the candidate query, `find_candidates`, the
search page (Django test client, whole middleware stack) for one or several concurrent
users, and the `match_people` command. Several users are forked processes, each with its
own database connection, sending requests back to back (no think time)."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from django.db import connections

from bench.probes import Probe
from cads.people.matching import Candidate, find_candidates


@dataclass(frozen=True)
class Timing:
    """Latencies of one run (ms) and its wall-clock time (s), to give requests per second."""

    samples: list[float]
    wall_seconds: float
    users: int = 1

    def pct(self, p: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]

    @property
    def per_second(self) -> float:
        return len(self.samples) / self.wall_seconds

    def summary(self) -> str:
        return (
            f"{self.pct(50):.1f} / {self.pct(95):.1f} / {self.pct(99):.1f} ms "
            f"({len(self.samples):,} requests, {self.per_second:.0f}/s)"
        )


def service_search(probes: list[Probe]) -> tuple[list[list[Candidate]], Timing]:
    """find_candidates (limit 10) for every probe, one after another: results and timing."""
    results, samples = [], []
    start = time.perf_counter()
    for probe in probes:
        query = probe.query()
        t = time.perf_counter()
        results.append(find_candidates(query, limit=10))
        samples.append((time.perf_counter() - t) * 1000)
    return results, Timing(samples, time.perf_counter() - start)


def candidate_query(probes: list[Probe]) -> Timing | None:
    """The engine's one indexed candidate query alone, when the engine exposes it."""
    try:
        from cads.people.matching import candidates
        from cads.people.matching.profile import profile_from_query
    except ImportError:
        return None
    samples = []
    start = time.perf_counter()
    for probe in probes:
        profile = profile_from_query(probe.query())
        t = time.perf_counter()
        candidates.fetch(profile)
        samples.append((time.perf_counter() - t) * 1000)
    return Timing(samples, time.perf_counter() - start)


def _service_worker(probes: list[Probe]) -> list[float]:
    samples = []
    for probe in probes:
        t = time.perf_counter()
        find_candidates(probe.query(), limit=10)
        samples.append((time.perf_counter() - t) * 1000)
    connections.close_all()
    return samples


def _page_worker(job: tuple[int, list[Probe]]) -> list[float]:
    from cads.accounts.models import User
    from conftest import signed_in_client

    user_id, probes = job
    client = signed_in_client(User.objects.get(pk=user_id))
    samples = []
    for probe in probes:
        t = time.perf_counter()
        response = client.get("/children-and-families/search/", probe.page_params())
        samples.append((time.perf_counter() - t) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"search page answered {response.status_code}")
    connections.close_all()
    return samples


def concurrent(kind: str, probes: list[Probe], users: int, user_id: int = 0) -> Timing:
    """`users` processes share the probes, each sending its requests back to back."""
    shares = [probes[i::users] for i in range(users)]
    connections.close_all()  # a forked child must open its own connection
    start = time.perf_counter()
    with get_context("fork").Pool(users) as pool:
        if kind == "service":
            parts = pool.map(_service_worker, shares)
        else:
            parts = pool.map(_page_worker, [(user_id, share) for share in shares])
    wall = time.perf_counter() - start
    return Timing([s for part in parts for s in part], wall, users)


def warm_up(probes: list[Probe], call: Callable[[Probe], object]) -> None:
    for probe in probes:
        call(probe)


@dataclass(frozen=True)
class CommandRun:
    rows: int
    workers: int
    wall_seconds: float
    summary: str

    @property
    def per_second(self) -> float:
        return self.rows / self.wall_seconds

    @property
    def reported(self) -> str:
        """The command's own rows per second (from reading the file to the summary)."""
        found = re.search(r"([\d,]+) rows/s", self.summary)
        return found.group(1) if found else "?"


def match_people(probes: list[Probe], folder: Path, workers: int) -> CommandRun:
    """Run `manage.py match_people` on the probes written as a partner's CSV file; the
    wall clock includes starting Python and Django (about a second)."""
    source, output = folder / "probes.csv", folder / "matched.csv"
    columns = ["external_id", "given_name", "family_name", "date_of_birth", "sex", "address"]
    columns += ["postcode", "nhs_number", "upn"]
    with source.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for n, p in enumerate(probes):
            row = {k: getattr(p, k) for k in columns[1:]}
            row["date_of_birth"] = p.date_of_birth.isoformat() if p.date_of_birth else ""
            writer.writerow({"external_id": f"P{n}", **row})
    command = [sys.executable, "manage.py", "match_people", str(source), "--output", str(output)]
    command += ["--workers", str(workers)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ), check=True)
    wall = time.perf_counter() - start
    return CommandRun(len(probes), workers, wall, done.stdout.strip().splitlines()[-1])


def nhs_list(count: int, seed: int) -> list[Probe]:
    """A CP-IS style list: `count` people from the register with an NHS number, each with
    that number, their names and date of birth as held (a seeded, repeatable choice)."""
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT id, given_name, family_name, date_of_birth, sex, nhs_number "
            "FROM people_person WHERE nhs_number <> '' AND merged_into_id IS NULL "
            "ORDER BY md5(id::text || %s) LIMIT %s",
            [str(seed), count],
        )
        rows = cursor.fetchall()
    return [
        Probe("nhs_list", "nhs_list", pid, given, family, born, sex, nhs_number=nhs)
        for pid, given, family, born, sex, nhs in rows
    ]


def bench_user_id() -> int:
    """A signed-in casework user with two-factor set up, for the search page runs."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cads.accounts.models import User
    from cads.accounts.roles import Role
    from cads.accounts.services import two_factor_device_create, user_create

    user = User.objects.filter(username="bench-searcher").first() or user_create(
        actor=None,
        username="bench-searcher",
        password=f"bench-{uuid.uuid4().hex}",
        first_name="Bench",
        last_name="Searcher",
        role=Role.CADS_SOCIAL_WORKER,
        organisation=None,
    )
    if not TOTPDevice.objects.filter(user=user).exists():
        two_factor_device_create(user=user, confirmed=True)
    return user.pk
