"""The load benchmark's front door (bench/bench_load.py): a register of people, a year of
closed contacts, open contacts received over the last few days, and the signed-in staff.

Built with the reporting benchmark's generators and COPY loader (bench/reporting_*.py): the
register and the year exactly as that benchmark makes them; the open contacts are the same
generator's contacts at the stages a bad week leaves them (awaiting screening, being
screened, screened and awaiting a decision), received from a few minutes to three days ago
so most of them are overdue. Staff who sign in are ordinary team managers with a password and
a confirmed authenticator, made through the accounts services."""

from __future__ import annotations

import datetime
import random
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.register_load import copy_rows
from bench.reporting_activity import ActivityGenerator, Plan
from bench.reporting_data import Family, Profile
from bench.reporting_load import _copy_all, activity_load, activity_loaded
from bench.reporting_staff import staff_ensure
from cads.accounts.models import Organisation, OrganisationKind, User
from cads.accounts.roles import Role
from cads.accounts.services import two_factor_device_create, user_create
from cads.authority.selectors import office_hours
from cads.contacts.models import Contact
from cads.people.matching.keys import name_key_rows
from cads.people.models import Person, PersonNameKey

OPEN_STATES = ("submitted",) * 5 + ("screening",) * 3 + ("screened",) * 2
USER_PREFIX = "load-user-"
PASSWORD = "load-benchmark-password-2026"  # loopback-only benchmark users, fictional
Log = Callable[[str], None]


def profile_for(people: int, closed: int) -> Profile:
    """About 1.8 people a child with their parents (bench/reporting_data.py)."""
    children = max(100, int(people / 1.8))
    return Profile(
        f"load-{people}-{closed}", children, closed, closed // 3, teams=2, screeners=20,
        managers=4,
    )  # fmt: skip


def register_and_year(profile: Profile, seed: int, log: Log) -> dict[str, Any]:
    """The register and the closed year, loaded once and reused while unchanged."""
    report = activity_loaded(profile=profile, seed=seed)
    if report is not None:
        log(f"Reusing the register and year loaded at {report['loaded_at']}")
        return report
    log(f"Loading {profile.children:,} children and a year of {profile.contacts:,} contacts")
    return activity_load(profile=profile, seed=seed, log=log)


def name_keys_ensure(log: Log) -> None:
    """The person search's name keys (cads.people.matching.keys), which the reporting loader
    leaves out: without them every search in the run would find nobody."""
    if PersonNameKey.objects.exists():
        return
    started = time.perf_counter()
    made = 0
    ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 10_000):
        # Each chunk read in full before its COPY: the COPY holds the connection.
        chunk = Person.objects.filter(pk__in=ids[start : start + 10_000])
        people = list(chunk.select_related("household"))
        made += copy_rows(PersonNameKey, (r for p in people for r in name_key_rows(p, [])))
    log(f"{made:,} name keys made for the person search in {time.perf_counter() - started:.0f} s")


def open_count() -> int:
    return Contact.objects.filter(status__in=("submitted", "in_screening")).count()


def _families() -> list[Family]:
    """The register's families as the generator wants them, read back from the database."""
    today = timezone.localdate()
    by_home: dict[Any, Family] = {}
    rows = Person.objects.filter(household__isnull=False).values_list(
        "household_id", "id", "date_of_birth"
    )
    for household, person, born in rows.iterator(chunk_size=20_000):
        family = by_home.setdefault(household, Family(household, [], [], False))
        child = born is not None and (today - born).days < 18 * 365
        (family.children if child else family.adults).append(person)
    return [f for f in by_home.values() if f.children]


def open_contacts_add(*, target: int, profile: Profile, seed: int, log: Log) -> int:
    """Add open contacts until `target` are open; returns how many were added."""
    wanted = target - open_count()
    if wanted <= 0:
        return 0
    started = time.perf_counter()
    generator = ActivityGenerator(
        seed=seed + target, profile=profile, families=_families(),
        staff=staff_ensure(profile), hours=office_hours(),
    )  # fmt: skip
    rng = random.Random(seed + target)
    now = timezone.now()
    first = Contact.objects.count() + 1_000_000
    rows: dict[str, list[dict[str, object]]] = defaultdict(list)
    for n in range(first, first + wanted):
        received = now - datetime.timedelta(minutes=rng.randint(5, 3 * 24 * 60))
        generator._contact(n, Plan(received, False, rng.choice(OPEN_STATES)), rows)
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
    try:
        _copy_all(rows, counts)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("ANALYZE contacts_contact")
    log(f"Added {wanted:,} open contacts in {time.perf_counter() - started:.1f} s")
    return wanted


def facts_refresh(log: Log) -> None:
    """Contact facts up to date, as the five-minute sweep leaves them (ADR 0015)."""
    from cads.reporting import facts

    started = time.perf_counter()
    done = facts.refresh(office_hours())
    log(f"Contact facts refreshed for {done:,} contacts in {time.perf_counter() - started:.1f} s")


def users_ensure(count: int) -> list[tuple[str, bytes]]:
    """`count` team managers who sign in during the run: (username, TOTP key)."""
    authority, _ = Organisation.objects.get_or_create(
        name="Wessex County Council", defaults={"kind": OrganisationKind.LOCAL_AUTHORITY}
    )
    found = []
    for i in range(count):
        username = f"{USER_PREFIX}{i:03d}"
        user = User.objects.filter(username=username).first() or user_create(
            actor=None, username=username, password=PASSWORD, first_name="Load",
            last_name=f"Tester {i}", role=Role.TEAM_MANAGER, organisation=authority,
        )  # fmt: skip
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = two_factor_device_create(user=user, confirmed=True)
        found.append((username, bytes(device.bin_key)))
    return found
