"""Candidates for a whole block of searches in one SQL statement (bulk matching, ADR 0009).

The block's searches travel as one JSON parameter, become rows with `jsonb_to_recordset`,
and a LATERAL subquery runs, for each row, the same indexed look-ups, the same agreement
pre-rank and the same cut as `candidates.fetch` does for one search. Built from the same
`LOOKUPS`, so the two cannot drift apart. The server plans the statement once per block
instead of once per row (about 0.6 ms a search at 1M people), and the block costs one
round trip instead of one per row.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import fields
from datetime import date
from functools import cache
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from cads.people.matching.candidates import _AGREEMENT, _DETAIL_COLUMNS
from cads.people.matching.lookups import LOOKUPS, Lookup, QueryKeys, query_keys
from cads.people.matching.profile import Profile

_LISTS = frozenset(f.name for f in fields(QueryKeys) if f.type.startswith("list"))
_SQL_TYPES = {"dob": "date", "dates": "date[]"}  # the rest are text or text[]
_PARAM = re.compile(r"%\((\w+)\)s")

# A key row holds a copy of the household's postcode, so the household itself is read only
# when the search has an address to compare or the person came by identifier alone (then
# there is no key row); the scorer compares the address and UPRN only when the search has
# them, and a search never has a UPRN.
_BLOCK = """
SELECT q.ord, {details}
FROM jsonb_to_recordset(%(rows)s::jsonb) AS q({columns})
CROSS JOIN LATERAL (
  SELECT person_id, 10 * coalesce(max(a), 0) + sum(w) AS rank, max(postcode) AS postcode
  FROM (SELECT person_id, w, postcode, {agreement} AS a
        FROM ({branches})
          AS hits(person_id, w, given_root, given_sound, family_sound, date_of_birth, postcode,
             given, family)
       ) AS agreement
  GROUP BY person_id ORDER BY 2 DESC, 1 LIMIT {cap}) AS best
JOIN people_person p ON p.id = best.person_id
LEFT JOIN LATERAL (
  SELECT address, postcode, uprn FROM people_household
  WHERE id = p.household_id AND (q.has_address OR best.postcode IS NULL) OFFSET 0) AS h
  ON true
WHERE p.merged_into_id IS NULL
"""
_HOUSEHOLD_POSTCODE = "h.postcode,"
# The ids come as text: a block brings up to 40 candidates a row, and making two UUID
# objects for each cost about 0.1 ms of Python a row. The scorer only compares ids; the
# chosen candidate's id becomes a UUID.
_PERSON_ID, _HOUSEHOLD_ID = "p.id,", "p.household_id,"

# Settings for the block statement's transaction only, put back after it in case this runs
# inside a longer transaction (tests):
# - Planned without the rows' values, a look-up by a mostly empty column (a former UPN) or
#   by one common value may look cheapest read from the whole table, stopping at its LIMIT;
#   every look-up has an index, so the statement does without table scans.
# - At 1M people the statement reads about 160 scattered pages a row that are not in
#   shared_buffers (most from the operating system's cache). With read-ahead on, bitmap
#   scans hand those reads to PostgreSQL's I/O workers (io_method "worker"), which cost
#   more CPU than the reads: 2.3 ms of the server's CPU a row, 1.8 ms with it off
#   (measured 2026-12-04). The plan is the same either way.
# - No JIT compilation. The LATERAL look-ups' estimated cost (about 900,000 for a block at
#   100k people) is far above jit_above_cost, so a server built with LLVM (Debian's
#   PostgreSQL 15 is) compiled about 250 functions with optimisation for every block: 3.2 s
#   of compiling for a statement that runs in 40 ms, which made `match_people` about 40
#   times slower there than on a server without JIT (measured 2026-12-07).
_SETTINGS = {"enable_seqscan": "off", "effective_io_concurrency": "0", "jit": "off"}
_SETTINGS_READ = "SELECT " + ", ".join(f"current_setting('{name}')" for name in _SETTINGS)
_SETTINGS_WRITE = "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in _SETTINGS)


def _on_row(sql: str) -> str:
    """`%(dob)s` becomes `q.dob`: the value from the block's row."""
    return _PARAM.sub(r"q.\1", sql)


def _given(name: str) -> str:
    return f"cardinality(q.{name}) > 0" if name in _LISTS else f"q.{name} IS NOT NULL"


def _branch(lookup: Lookup) -> str:
    """The look-up reading its values from the row `q`; its `needs` and `unless` become a
    condition on `q` alone, which the server checks once per row before any index scan."""
    gate = [_given(n) for n in lookup.needs] + [f"NOT ({_given(n)})" for n in lookup.unless]
    return "(" + _on_row(lookup.select(" AND ".join([*gate, f"({lookup.where})"]))) + ")"


@cache
def block_sql(cap: int) -> str:
    columns = ", ".join(
        f"{f.name} {_SQL_TYPES.get(f.name, 'text[]' if f.name in _LISTS else 'text')}"
        for f in fields(QueryKeys)
    )
    return _BLOCK.format(
        details=_DETAIL_COLUMNS.replace(
            _HOUSEHOLD_POSTCODE, "coalesce(h.postcode, best.postcode, ''),"
        )
        .replace(_PERSON_ID, "p.id::text,", 1)
        .replace(_HOUSEHOLD_ID, "p.household_id::text,", 1),
        columns=f"ord int, has_address boolean, {columns}",
        agreement=_on_row(_AGREEMENT),
        branches=" UNION ALL ".join(_branch(lookup) for lookup in LOOKUPS),
        cap=int(cap),
    )


def _json_row(ord_: int, wanted: Profile, today: date) -> dict[str, Any]:
    """The row's values; a value not given is null, or an empty list (as in `fetch`)."""
    keys = query_keys(wanted, today)
    values = {f.name: getattr(keys, f.name) for f in fields(keys)}
    return {"ord": ord_, "has_address": bool(wanted.address or wanted.uprn)} | {
        k: v if k in _LISTS else v or None for k, v in values.items()
    }


def fetch_block(wanted: Sequence[Profile], cap: int) -> list[list[tuple[Any, ...]]]:
    """For each search, its candidate rows (as `candidates.fetch` returns them, at most
    `cap` people, but with the person and household ids as text), from one statement for
    the whole block."""
    if not wanted:
        return []
    today = timezone.localdate()
    rows = [_json_row(i, w, today) for i, w in enumerate(wanted)]
    found: defaultdict[int, list[tuple[Any, ...]]] = defaultdict(list)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_SETTINGS_READ)
        before = cursor.fetchone()
        cursor.execute(_SETTINGS_WRITE, list(_SETTINGS.values()))
        cursor.execute(block_sql(cap), {"rows": json.dumps(rows, default=date.isoformat)})
        for row in cursor.fetchall():
            found[row[0]].append(row[1:])
        cursor.execute(_SETTINGS_WRITE, list(before))  # in case the transaction goes on
    return [found[i] for i in range(len(wanted))]
