"""Gather candidates in one SQL statement: a handful of indexed look-ups on PersonNameKey
(and the identifier columns on Person), each capped, unioned, pre-ranked by a cheap
agreement count on the key columns, cut to CANDIDATE_CAP people, and joined to the
details the scorer needs (ADR 0009)."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

import psycopg
from django.db import connection

from cads.people.matching.lookups import LOOKUPS, QueryKeys, query_keys
from cads.people.matching.profile import Profile

CANDIDATE_CAP = 150  # people passed on to the scorer
# Bulk matching keeps only the best candidate, so it scores the SQL's 40 likeliest: on 2,000
# of the 1M benchmark's probes the true person came first 1,121 times instead of 1,123, and
# the search ran about 2.5 times faster. Searches people read keep the full cap.
BULK_CANDIDATE_CAP = 40

# The columns profile_from_row reads, in its order.
_DETAIL_COLUMNS = """p.id, p.given_name, p.middle_names, p.family_name, p.preferred_name,
       p.date_of_birth, p.sex, p.nhs_number, p.upn, p.former_upn, p.household_id, h.address,
       h.postcode, h.uprn,
       (SELECT json_agg(json_build_array(n.kind, n.given_name, n.family_name))
          FROM people_personname n WHERE n.person_id = p.id) AS other_names"""
# `agreement` counts, cheaply and in SQL, how well a key row agrees with the search, so
# that the cut to CANDIDATE_CAP keeps the likeliest people when a look-up returns many
# (ties go to the lower person id, so the cut is the same whichever plan the server picks).
# Without a date of birth the postcode takes the date's weight: it is then the only detail
# that tells namesakes apart, and the person at the search's address with one name slightly
# misspelt must not be cut for 150 namesakes elsewhere whose name keys agree (at 1M people,
# "Agnieszka Kowalczyi" at her own postcode was cut for 184 Agnieszkas of another family
# name that sounds like it). A name spelt exactly as searched counts one more than one that
# only sounds alike: at 1M people, 150 Tunde Oseis and Tunde Owusus (one sound key) were
# otherwise cut by person id, leaving out Tunde Owusus the scorer would put first.
_AGREEMENT = """
    CASE WHEN date_of_birth = %(dob)s THEN 6
         WHEN date_of_birth = ANY(%(dates)s::date[]) THEN 3 ELSE 0 END
    + CASE WHEN given_root = ANY(%(roots)s::text[]) THEN 4
           WHEN given_sound = %(given_sound)s THEN 3 ELSE 0 END
    + CASE WHEN family_sound = ANY(%(sounds)s::text[]) THEN 4 ELSE 0 END
    + CASE WHEN postcode = %(postcode)s THEN
        CASE WHEN %(dob)s::date IS NULL THEN 6 ELSE 3 END ELSE 0 END
    + CASE WHEN given = %(given)s THEN 1 ELSE 0 END
    + CASE WHEN family = %(family)s THEN 1 ELSE 0 END"""
_DETAILS = """
WITH hits(person_id, w, given_root, given_sound, family_sound, date_of_birth, postcode,
         given, family)
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
