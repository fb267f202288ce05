"""Loading the reporting benchmark's generated year (bench/reporting_data.py,
bench/reporting_activity.py) into the real tables with PostgreSQL COPY.

Rows are dicts keyed by field name; a field left out gets the model's default. Foreign-key
triggers are switched off for the load (`session_replication_role = replica`, as pg_restore
does) because the generator only points at rows it has already made; the test
(tests/test_bench_reporting_data.py) checks that every reference resolves. Staff, partner
organisations and assessment teams are made through the ordinary services first.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection, models

from bench.register import SynthHousehold
from bench.register_load import meta_get, meta_set
from bench.reporting_activity import ActivityGenerator
from bench.reporting_data import REGISTERED_AT, Family, Profile, family_of, households, person_row
from bench.reporting_staff import staff_ensure
from cads.authority.selectors import office_hours
from cads.checks.models import CheckRequest, ConsentOverride, InformationSharingRecord
from cads.contacts.models import Contact, ContactSubject
from cads.decisions.models import Decision, EarlyHelpRequest
from cads.people.models import AddressPeriod, Household, Person, PersonStatus, Relationship
from cads.referrals.models import Referral
from cads.screening.models import Screening

MODELS: dict[str, type[models.Model]] = {
    m.__name__: m
    for m in (
        Household, Person, AddressPeriod, Relationship, PersonStatus, Contact, ContactSubject,
        Screening, Decision, CheckRequest, InformationSharingRecord, ConsentOverride,
        EarlyHelpRequest, Referral,
    )
}  # fmt: skip
META_KEY = "reporting"
CHUNK_CONTACTS = 20_000
CHUNK_CHILDREN = 20_000
ROOT = Path(__file__).resolve().parent.parent
SOURCES = (
    "bench/register.py", "bench/names.py", "bench/reporting_data.py", "bench/reporting_words.py",
    "bench/reporting_activity.py", "bench/reporting_outcomes.py", "bench/reporting_load.py",
    "bench/reporting_staff.py",
)  # fmt: skip


def sources_digest() -> str:
    digest = hashlib.sha256()
    for name in SOURCES:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()[:16]


def _column_specs(model: type[models.Model]) -> list[tuple[str, str, Any, bool]]:
    """(column, attname, default, is_json) for every column COPY fills; serial ids are left
    to the database."""
    specs = []
    for f in model._meta.concrete_fields:
        if f.primary_key and isinstance(f, models.AutoField | models.BigAutoField):
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            default: Any = REGISTERED_AT
        elif f.has_default() and not callable(f.default):
            default = f.get_default()
        elif f.has_default():  # a callable default (a list, a uuid) is made per row
            default = [] if f.default is list else None
        else:
            default = None if f.null else ""
        is_json = isinstance(f, models.JSONField)
        specs.append(
            (connection.ops.quote_name(f.column or f.attname), f.attname, default, is_json)
        )
    return specs


def copy_dicts(model: type[models.Model], rows: list[dict[str, Any]]) -> int:
    """COPY dict rows into the model's table; returns the number of rows."""
    specs = _column_specs(model)
    names = ", ".join(column for column, *_ in specs)
    sql = f"COPY {model._meta.db_table} ({names}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            values = [row.get(attname, default) for _, attname, default, _ in specs]
            for i, (*_, is_json) in enumerate(specs):
                if is_json:
                    values[i] = json.dumps(values[i])
            copy.write_row(values)
    return len(rows)


def activity_empty() -> None:
    """Empty the people and front-door tables (and everything that points at them)."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE people_household, people_person, contacts_contact CASCADE")


def _people_rows(chunk: list[SynthHousehold], rng: random.Random) -> dict[str, list[Any]]:
    rows: dict[str, list[Any]] = {
        "Household": [],
        "Person": [],
        "AddressPeriod": [],
        "Relationship": [],
    }
    for h in chunk:
        rows["Household"].append({"id": h.id, "address": h.address, "postcode": h.postcode})
        for p in h.members:
            rows["Person"].append(person_row(p, h.id, rng))
            since = max(h.moved_in, p.date_of_birth)
            rows["AddressPeriod"].append(
                {"person_id": p.id, "household_id": h.id, "valid_from": since}
            )
        for i, adult in enumerate(h.adults):
            for child in h.children:
                rows["Relationship"].append({"from_person_id": adult.id, "to_person_id": child.id,
                    "kind": "parent", "parental_responsibility": i == 0})  # fmt: skip
        for i, older in enumerate(h.children):
            for younger in h.children[i + 1 :]:
                rows["Relationship"].append({"from_person_id": older.id, "to_person_id": younger.id,
                    "kind": "sibling", "parental_responsibility": None})  # fmt: skip
    return rows


def _copy_all(rows: dict[str, list[Any]], counts: dict[str, int]) -> None:
    for name, objects in rows.items():
        counts[name] = counts.get(name, 0) + copy_dicts(MODELS[name], objects)


def people_load(
    profile: Profile, seed: int, counts: dict[str, int], log: Callable[[str], None]
) -> list[Family]:
    families: list[Family] = []
    rng = random.Random(seed + 1)
    chunk: list[SynthHousehold] = []
    children = 0
    for household in households(profile, seed):
        chunk.append(household)
        families.append(family_of(household))
        children += len(household.children)
        if sum(len(h.children) for h in chunk) >= CHUNK_CHILDREN:
            _copy_all(_people_rows(chunk, rng), counts)
            chunk = []
            log(f"  {children:,} children loaded")
    _copy_all(_people_rows(chunk, rng), counts)
    return families


def activity_load(*, profile: Profile, seed: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Empty the tables and load the profile's register and year; the load report."""
    meta_set(META_KEY, None)
    activity_empty()
    start = time.perf_counter()
    staff = staff_ensure(profile)
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
    try:
        families = people_load(profile, seed, counts, log)
        people_seconds = time.perf_counter() - start
        generator = ActivityGenerator(
            seed=seed, profile=profile, families=families, staff=staff, hours=office_hours()
        )
        for rows in generator.chunks(CHUNK_CONTACTS):
            _copy_all(rows, counts)
            log(f"  {counts['Contact']:,} contacts loaded ({time.perf_counter() - start:.0f} s)")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval('contacts_reference_seq', %s)", [max(1, counts["Contact"])])
        analyse = time.perf_counter()
        cursor.execute("ANALYZE")
    report = {
        "profile": profile.name, "seed": seed, "sources": sources_digest(), "rows": counts,
        "people_seconds": round(people_seconds, 1),
        "load_seconds": round(analyse - start, 1),
        "analyse_seconds": round(time.perf_counter() - analyse, 1),
        "loaded_at": datetime.datetime.now(tz=datetime.UTC).isoformat(timespec="seconds"),
    }  # fmt: skip
    meta_set(META_KEY, report)
    return report


def activity_loaded(*, profile: Profile, seed: int) -> dict[str, Any] | None:
    """The report of the load already in the database, when it is the one asked for and
    the generator has not changed since."""
    saved = meta_get(META_KEY)
    wanted = {"profile": profile.name, "seed": seed, "sources": sources_digest()}
    if not saved or any(saved.get(k) != v for k, v in wanted.items()):
        return None
    return saved
