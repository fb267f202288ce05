"""Loading the synthetic register (bench/register.py) into PostgreSQL quickly.

Rows go in with COPY (psycopg 3 `cursor.copy`), a chunk of households at a time. The
secondary indexes of the loaded tables are dropped first and rebuilt afterwards, one by one,
so each index's build time and size can be reported. Their definitions are kept in
`bench_matching_meta` while they are dropped, so an interrupted load can put them back.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from django.db import connection, models
from django.utils import timezone

from bench.register import RegisterGenerator, SynthHousehold, SynthPerson
from cads.people.matching.keys import name_key_rows
from cads.people.models import (
    AddressPeriod,
    Household,
    Person,
    PersonName,
    PersonNameKey,
    Relationship,
    RelationshipKind,
)

LOADED_MODELS: tuple[type[models.Model], ...] = (
    Household,
    Person,
    AddressPeriod,
    PersonName,
    Relationship,
    PersonNameKey,
)
CHUNK_PEOPLE = 20_000
META_TABLE = "bench_matching_meta"
ROOT = Path(__file__).resolve().parent.parent
# A kept register is reloaded when any of these change: they decide what is loaded.
SOURCES = (
    "bench/register.py",
    "bench/names.py",
    "bench/register_load.py",
    "cads/people/matching/keys.py",
    "cads/people/matching/nicknames.py",
    "cads/people/models/person.py",
    "cads/people/models/household.py",
    "cads/people/models/matching.py",
)


def sources_digest() -> str:
    digest = hashlib.sha256()
    for name in SOURCES:
        path = ROOT / name
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


@dataclass
class LoadReport:
    """How long the load took and what it built (kept with a register reused by --keep)."""

    rows: dict[str, int] = field(default_factory=dict)
    load_seconds: float = 0.0
    index_seconds: dict[str, float] = field(default_factory=dict)
    analyse_seconds: float = 0.0
    loaded_at: str = ""


def meta_get(key: str) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key text PRIMARY KEY, value jsonb)"
        )
        cursor.execute(f"SELECT value FROM {META_TABLE} WHERE key = %s", [key])  # noqa: S608
        row = cursor.fetchone()
    return None if row is None else json.loads(row[0]) if isinstance(row[0], str) else row[0]


def meta_set(key: str, value: Any) -> None:
    meta_get(key)  # creates the table when missing
    with connection.cursor() as cursor:
        if value is None:
            cursor.execute(f"DELETE FROM {META_TABLE} WHERE key = %s", [key])  # noqa: S608
            return
        cursor.execute(
            f"INSERT INTO {META_TABLE} VALUES (%s, %s::jsonb) "  # noqa: S608
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [key, json.dumps(value)],
        )


def _constant(value: Any) -> Callable[[Any], Any]:
    def get(_obj: Any) -> Any:
        return value

    return get


def _row_getters(model: type[models.Model]) -> tuple[list[str], list[Callable[[Any], Any]]]:
    """COPY column names and a value getter per column (serial ids left to the database)."""
    now = timezone.now()
    columns: list[str] = []
    getters: list[Callable[[Any], Any]] = []
    for f in model._meta.concrete_fields:
        if f.primary_key and isinstance(f, models.AutoField | models.BigAutoField):
            continue
        columns.append(connection.ops.quote_name(f.column or f.attname))
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            getters.append(_constant(now))
        else:
            getters.append(attrgetter(f.attname))
    return columns, getters


def copy_rows(model: type[models.Model], objects: Iterable[models.Model]) -> int:
    """COPY `objects` into the model's table; returns the number of rows."""
    columns, getters = _row_getters(model)
    sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    count = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for obj in objects:
            copy.write_row([get(obj) for get in getters])
            count += 1
    return count


def _person(p: SynthPerson, household: Household) -> Person:
    return Person(
        id=p.id,
        la_child_id=p.la_child_id,
        given_name=p.given_name,
        middle_names=p.middle_names,
        family_name=p.family_name,
        date_of_birth=p.date_of_birth,
        sex=p.sex,
        ethnicity=p.ethnicity,
        nhs_number=p.nhs_number,
        upn=p.upn,
        household=household,
    )


def _relationships(h: SynthHousehold) -> Iterator[Relationship]:
    for i, adult in enumerate(h.adults):
        for child in h.children:
            yield Relationship(
                from_person_id=adult.id,
                to_person_id=child.id,
                kind=RelationshipKind.PARENT,
                parental_responsibility=i == 0 or adult.family_name == child.family_name,
            )
    for i, older in enumerate(h.children):
        for younger in h.children[i + 1 :]:
            yield Relationship(
                from_person_id=older.id, to_person_id=younger.id, kind=RelationshipKind.SIBLING
            )


def _chunk_rows(households: list[SynthHousehold]) -> dict[type[models.Model], list[Any]]:
    rows: dict[type[models.Model], list[Any]] = {m: [] for m in LOADED_MODELS}
    for h in households:
        household = Household(id=h.id, address=h.address, postcode=h.postcode)
        rows[Household].append(household)
        for p in h.members:
            person = _person(p, household)
            rows[Person].append(person)
            since = max(h.moved_in, p.date_of_birth)
            rows[AddressPeriod].append(
                AddressPeriod(person=person, household=household, valid_from=since)
            )
            for kind, given, family, valid_to in p.other_names:
                rows[PersonName].append(
                    PersonName(
                        person=person,
                        kind=kind,
                        given_name=given,
                        family_name=family,
                        valid_to=valid_to,
                    )
                )
            names = [(given, family) for _, given, family, _ in p.other_names]
            rows[PersonNameKey].extend(name_key_rows(person, names))
        rows[Relationship].extend(_relationships(h))
    return rows


def _chunks(generator: RegisterGenerator) -> Iterator[list[SynthHousehold]]:
    chunk: list[SynthHousehold] = []
    people = 0
    for household in generator.households():
        chunk.append(household)
        people += len(household.members)
        if people >= CHUNK_PEOPLE:
            yield chunk
            chunk, people = [], 0
    if chunk:
        yield chunk


def secondary_indexes() -> dict[str, str]:
    """Name → definition of every index of the loaded tables that backs no constraint."""
    tables = [m._meta.db_table for m in LOADED_MODELS]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
            "WHERE t.relname = ANY(%s) AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) ORDER BY 1",
            [tables],
        )
        return dict(cursor.fetchall())


def indexes_drop() -> None:
    definitions = secondary_indexes()
    meta_set("dropped_indexes", definitions)
    with connection.cursor() as cursor:
        for name in definitions:
            cursor.execute(f'DROP INDEX "{name}"')


def indexes_restore(log: Callable[[str], None]) -> dict[str, float]:
    """Rebuild the dropped indexes one at a time; seconds per index."""
    definitions: dict[str, str] = meta_get("dropped_indexes") or {}
    seconds = {}
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for name, definition in definitions.items():
            start = time.perf_counter()
            cursor.execute(definition.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))
            seconds[name] = time.perf_counter() - start
            log(f"  index {name}: {seconds[name]:.1f} s")
    meta_set("dropped_indexes", None)
    return seconds


def register_empty() -> None:
    tables = ", ".join(m._meta.db_table for m in LOADED_MODELS)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} CASCADE")


def register_load(*, seed: int, size: int, log: Callable[[str], None]) -> LoadReport:
    """Empty the people tables and load a register of `size` people made from `seed`."""
    indexes_restore(log)  # an earlier load may have been interrupted with indexes dropped
    meta_set("register", None)
    register_empty()
    indexes_drop()
    report = LoadReport(rows={m.__name__: 0 for m in LOADED_MODELS})
    start = time.perf_counter()
    for chunk in _chunks(RegisterGenerator(seed=seed, size=size)):
        for model, objects in _chunk_rows(chunk).items():
            report.rows[model.__name__] += copy_rows(model, objects)
        log(f"  loaded {report.rows['Person']:,} people ({time.perf_counter() - start:.0f} s)")
    report.load_seconds = time.perf_counter() - start
    report.index_seconds = indexes_restore(log)
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    report.analyse_seconds = time.perf_counter() - start
    report.loaded_at = datetime.datetime.now(tz=datetime.UTC).isoformat(timespec="seconds")
    meta = {"seed": seed, "size": size, "sources": sources_digest(), "report": report.__dict__}
    meta_set("register", meta)
    return report


def register_loaded(*, seed: int, size: int) -> LoadReport | None:
    """The report of the register already loaded, if it is the one asked for and was
    made by the generator and key code as they are now."""
    saved = meta_get("register")
    wanted = {"seed": seed, "size": size, "sources": sources_digest()}
    if not saved or any(saved.get(k) != v for k, v in wanted.items()):
        return None
    return LoadReport(**saved["report"])
