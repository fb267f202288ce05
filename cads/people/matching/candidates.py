"""Gather candidates in one SQL statement: a handful of indexed look-ups on PersonNameKey
(and the identifier columns on Person), each capped, unioned, pre-ranked by a cheap
agreement count on the key columns, cut to CANDIDATE_CAP people, and joined to the
details the scorer needs (ADR 0009)."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

import psycopg
from django.db import connection

from cads.people.matching.dates import date_variants
from cads.people.matching.keys import family_parts, root_expansion, sound
from cads.people.matching.profile import Profile

BRANCH_CAP = 200  # rows one look-up may add; a common name on a common date stays cheap
DATE_CAP = 400  # everyone born on the day, whatever their name
CANDIDATE_CAP = 150  # people passed on to the scorer
# Bulk matching keeps only the best candidate, so it scores the SQL's 40 likeliest: on 2,000
# of the 1M benchmark's probes the true person came first 1,121 times instead of 1,123, and
# the search ran about 2.5 times faster. Searches people read keep the full cap.
BULK_CANDIDATE_CAP = 40

# A look-up over a list of name keys (roots, sounds) joins the list unnested to the key
# table on plain equalities, rather than `col = ANY(list)`: then the server picks the
# two-column index whether or not it sees the lists' values, which a statement for a block
# of searches (block.py) needs. The date variants stay one `= ANY(list)` on an index's
# second column, which the server walks in a few index searches rather than one each.
_KEYS = (
    "SELECT k.person_id, {weight} AS w, k.given_root, k.given_sound, k.family_sound, "
    "k.date_of_birth, k.postcode FROM {source} WHERE {where} LIMIT {cap}"
)
_PEOPLE = (
    "SELECT p.id, {weight}, NULL, NULL, NULL, NULL::date, NULL FROM people_person p "
    "WHERE {where} LIMIT {cap}"
)
_KEY_TABLE = "people_personnamekey k"
# The columns profile_from_row reads, in its order.
_DETAIL_COLUMNS = """p.id, p.given_name, p.middle_names, p.family_name, p.preferred_name,
       p.date_of_birth, p.sex, p.nhs_number, p.upn, p.former_upn, p.household_id, h.address,
       h.postcode, h.uprn,
       (SELECT json_agg(json_build_array(n.kind, n.given_name, n.family_name))
          FROM people_personname n WHERE n.person_id = p.id) AS other_names"""
# `agreement` counts, cheaply and in SQL, how well a key row agrees with the search, so
# that the cut to CANDIDATE_CAP keeps the likeliest people when a look-up returns many
# (ties go to the lower person id, so the cut is the same whichever plan the server picks).
_AGREEMENT = """
    CASE WHEN date_of_birth = %(dob)s THEN 6
         WHEN date_of_birth = ANY(%(dates)s::date[]) THEN 3 ELSE 0 END
    + CASE WHEN given_root = ANY(%(roots)s::text[]) THEN 4
           WHEN given_sound = %(given_sound)s THEN 3 ELSE 0 END
    + CASE WHEN family_sound = ANY(%(sounds)s::text[]) THEN 4 ELSE 0 END
    + CASE WHEN postcode = %(postcode)s THEN 3 ELSE 0 END"""
_DETAILS = """
WITH hits(person_id, w, given_root, given_sound, family_sound, date_of_birth, postcode)
  AS ({branches}),
agreement AS (SELECT person_id, w, {agreement} AS a FROM hits),
best AS (
  SELECT person_id, 10 * coalesce(max(a), 0) + sum(w) AS rank
  FROM agreement GROUP BY person_id ORDER BY 2 DESC, 1 LIMIT {cap})
SELECT {details}
FROM best JOIN people_person p ON p.id = best.person_id
LEFT JOIN people_household h ON h.id = p.household_id
WHERE p.merged_into_id IS NULL AND NOT (p.id = ANY(%(exclude)s::uuid[]))
"""


@dataclass(frozen=True)
class QueryKeys:
    """The search turned into the values the key columns hold (None or empty: not given)."""

    nhs_number: str | None
    upn: str | None
    dob: date | None
    dates: list[date]  # the date of birth and its typing variants
    roots: list[str]
    given_sound: str | None
    family_sound: str | None  # the whole family name's sound
    part_sounds: list[str]  # the sounds of the parts of a multi-part family name
    sounds: list[str]  # both of those
    swapped_roots: list[str]  # the family name read as a given name
    swapped_sounds: list[str]  # the given name read as a family name
    postcode: str | None


def query_keys(q: Profile, today: date | None = None) -> QueryKeys:
    """`today` bounds the date variants (default: today in the local zone; a block of
    searches looks it up once)."""
    name = q.names[0]
    family_forms = [name.family, *family_parts(name.family)] if name.family else []
    return QueryKeys(
        nhs_number=q.nhs_number if len(q.nhs_number) == 10 else None,
        upn=q.upns[0] if q.upns else None,
        dob=q.date_of_birth,
        dates=date_variants(q.date_of_birth, today) if q.date_of_birth else [],
        roots=list(root_expansion(name.given)),
        given_sound=sound(name.given) or None,
        family_sound=sound(name.family) or None,
        part_sounds=sorted({sound(f) for f in family_forms[1:]}),
        sounds=sorted({sound(f) for f in family_forms} - {""}),
        swapped_roots=sorted({r for f in family_forms for r in root_expansion(f)}),
        swapped_sounds=[sound(name.given)] if name.given else [],
        postcode=q.postcode or None,
    )


def _each(*lists: str) -> str:
    """The key table beside every combination of the listed values, one row each, as
    `x.<list name>`: `_each("part_sounds:text", "roots:text")`. OFFSET 0 keeps the combinations
    one relation, so the server looks each one up in the two-column index rather than
    scanning by one value and filtering by the other."""
    names = [x.split(":")[0] for x in lists]
    unnested = ", ".join(
        f"unnest(%({n})s::{t}[]) AS {n}(v)" for n, t in (x.split(":") for x in lists)
    )
    picked = ", ".join(f"{n}.v AS {n}" for n in names)
    return f"(SELECT {picked} FROM {unnested} OFFSET 0) AS x, {_KEY_TABLE}"  # noqa: S608 - our names


@dataclass(frozen=True)
class Lookup:
    """One indexed look-up: it runs when the search has every value in `needs` and none in
    `unless`. `weight` only breaks ties in the cut to CANDIDATE_CAP."""

    name: str
    weight: int
    where: str
    needs: tuple[str, ...]
    cap: int = BRANCH_CAP
    source: str = _KEY_TABLE
    sql: str = _KEYS
    unless: tuple[str, ...] = ()

    def applies(self, keys: QueryKeys) -> bool:
        return all(getattr(keys, n) for n in self.needs) and not any(
            getattr(keys, n) for n in self.unless
        )

    def select(self, where: str | None = None) -> str:
        return self.sql.format(
            weight=self.weight, source=self.source, where=where or self.where, cap=self.cap
        )


LOOKUPS: tuple[Lookup, ...] = (
    Lookup("NHS number", 100, "p.nhs_number = %(nhs_number)s", ("nhs_number",), 5, sql=_PEOPLE),
    # Two index scans, not an OR the server may answer by reading the whole table.
    Lookup(
        "UPN",
        100,
        "p.id IN (SELECT id FROM people_person WHERE upn = %(upn)s AND upn <> '' UNION "
        "SELECT id FROM people_person WHERE former_upn = %(upn)s AND former_upn <> '')",
        ("upn",),
        5,
        sql=_PEOPLE,
    ),
    Lookup("date of birth", 10, "k.date_of_birth = %(dob)s", ("dob",), DATE_CAP),
    Lookup(
        "given name, and date of birth or a typing variant of it",
        8,
        "k.given_root = x.roots AND k.date_of_birth = ANY(%(dates)s::date[])",
        ("roots", "dates"),
        source=_each("roots:text"),
    ),
    Lookup(
        "family name sound, and date of birth or a typing variant of it",
        8,
        "k.family_sound = x.sounds AND k.date_of_birth = ANY(%(dates)s::date[])",
        ("sounds", "dates"),
        source=_each("sounds:text"),
    ),
    Lookup(
        "family name typed as the given name, and date of birth or a variant",
        6,
        "k.given_root = x.swapped_roots AND k.date_of_birth = ANY(%(dates)s::date[])",
        ("swapped_roots", "dates"),
        source=_each("swapped_roots:text"),
    ),
    Lookup(
        "family name sound and given name",
        9,
        "k.family_sound = %(family_sound)s AND k.given_root = x.roots",
        ("family_sound", "roots"),
        source=_each("roots:text"),
    ),
    # Apart from the whole name's: a common part ("Murphy") would crowd it out of the cap.
    Lookup(
        "part of a double-barrelled family name, and given name",
        7,
        "k.family_sound = x.part_sounds AND k.given_root = x.roots",
        ("part_sounds", "roots"),
        source=_each("part_sounds:text", "roots:text"),
    ),
    # With no date of birth to catch a mistyped given name, its sound has to.
    Lookup(
        "family name sound and given name sound",
        6,
        "k.family_sound = x.sounds AND k.given_sound = %(given_sound)s",
        ("sounds", "given_sound"),
        source=_each("sounds:text"),
        unless=("dob",),
    ),
    Lookup(
        "given and family names swapped",
        7,
        "k.family_sound = x.swapped_sounds AND k.given_root = x.swapped_roots",
        ("swapped_sounds", "swapped_roots"),
        source=_each("swapped_sounds:text", "swapped_roots:text"),
    ),
    Lookup("postcode", 4, "k.postcode = %(postcode)s", ("postcode",)),
    Lookup(
        "family name alone",
        3,
        "k.family_sound = x.sounds",
        ("sounds",),
        source=_each("sounds:text"),
        unless=("roots", "dates", "postcode"),
    ),
)


def candidate_sql(keys: QueryKeys, cap: int = CANDIDATE_CAP) -> str | None:
    """The one statement for this search's look-ups; None when the search has nothing to
    look up by."""
    branches = [lookup.select() for lookup in LOOKUPS if lookup.applies(keys)]
    if not branches:
        return None
    union = " UNION ALL ".join(f"({b})" for b in branches)
    return _DETAILS.format(
        branches=union, agreement=_AGREEMENT, cap=int(cap), details=_DETAIL_COLUMNS
    )


def fetch(
    q: Profile, exclude_ids: Collection[uuid.UUID] = (), cap: int = CANDIDATE_CAP
) -> list[tuple[Any, ...]]:
    """Candidate rows (columns as `_DETAILS` selects them), at most `cap` people."""
    keys = query_keys(q)
    sql = candidate_sql(keys, cap)
    if sql is None:
        return []
    params = {**keys.__dict__, "exclude": list(exclude_ids)}
    connection.ensure_connection()
    # Server-side parameters. `prepare=True` asks for a prepared statement, but Django opens
    # its connections with prepared statements off (prepare_threshold None, for connection
    # poolers), so the server plans each search with its values: a plan made without them
    # was slower for these look-ups (measured 2026-12-04).
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        return list(cursor.fetchall())


# Everyone holding one of a batch's identifiers, and whether someone else in their household
# shares their date of birth (a twin, for the twins rule).
_HOLDERS = f"""
SELECT {_DETAIL_COLUMNS},
       EXISTS (SELECT 1 FROM people_person t
               WHERE t.household_id = p.household_id AND t.date_of_birth = p.date_of_birth
                 AND t.id <> p.id AND t.merged_into_id IS NULL) AS has_twin
FROM people_person p LEFT JOIN people_household h ON h.id = p.household_id
WHERE p.merged_into_id IS NULL
  AND (p.nhs_number = ANY(%(nhs)s::text[]) OR p.upn = ANY(%(upns)s::text[])
       OR p.former_upn = ANY(%(upns)s::text[]))
"""  # noqa: S608 - only the module's own column list is interpolated


def fetch_holders(nhs_numbers: Collection[str], upns: Collection[str]) -> list[tuple[Any, ...]]:
    """Detail rows (as `fetch` returns, plus has_twin) of everyone holding one of these NHS
    numbers or UPNs (current or former), in one query for a whole batch."""
    if not nhs_numbers and not upns:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_HOLDERS, {"nhs": list(nhs_numbers), "upns": list(upns)})
        return list(cursor.fetchall())
