"""The indexed look-ups the candidate query unions (candidates.py, block.py; ADR 0009):
the search turned into the values the key columns hold (`QueryKeys`), and for each look-up
the condition, the index it walks and how many rows it may add.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cads.people.matching.dates import date_variants
from cads.people.matching.keys import family_parts, normalise_name, root_expansion, sound
from cads.people.matching.profile import Profile

BRANCH_CAP = 200  # rows one look-up may add; a common name on a common date stays cheap
DATE_CAP = 400  # everyone born on the day, whatever their name

# A look-up over a list of name keys (roots, sounds) joins the list unnested to the key
# table on plain equalities, rather than `col = ANY(list)`: then the server picks the
# two-column index whether or not it sees the lists' values, which a statement for a block
# of searches (block.py) needs. The date variants stay one `= ANY(list)` on an index's
# second column, which the server walks in a few index searches rather than one each.
_KEYS = (
    "SELECT k.person_id, {weight} AS w, k.given_root, k.given_sound, k.family_sound, "
    "k.date_of_birth, k.postcode, k.given, k.family FROM {source} WHERE {where} LIMIT {cap}"
)
_PEOPLE = (
    "SELECT p.id, {weight}, NULL, NULL, NULL, NULL::date, NULL, NULL, NULL "
    "FROM people_person p "
    "WHERE {where} LIMIT {cap}"
)
_KEY_TABLE = "people_personnamekey k"

# Names only (no date of birth): a typing-error look-up reads at most this many key rows on
# each side of the search's sound key, for each family name sound or given name root. At
# 1M people the commonest family sound holds about 5,700 key rows whose given names start
# with one letter; reading them all took several milliseconds.
SCAN_CAP = 500
_SIDE = (
    "SELECT * FROM people_personnamekey WHERE {exact} = x.{values} AND {near} {op} %({sound})s "
    "AND {near} {edge_op} %({initial})s || '{edge}' ORDER BY {near} {order} LIMIT {cap}"
)
_EDIT_DISTANCE = "levenshtein_less_equal({column}, %({name})s, 2) <= 2"


def _side(values: str, exact: str, name: str, upward: bool) -> str:
    """One direction of the walk from the search's sound key: the SCAN_CAP nearest keys."""
    op, edge_op, edge, order = (">=", "<=", "999", "") if upward else ("<", ">=", "000", "DESC")
    return _SIDE.format(
        exact=exact, values=values, near=f"{name}_sound", op=op, sound=f"{name}_sound",
        edge_op=edge_op, initial=f"{name}_initial", edge=edge, order=order, cap=SCAN_CAP,
    )  # fmt: skip


def _nearest(values: str, exact: str, name: str) -> str:
    """Key rows with `exact` equal to one of the search's `values` and `<name>_sound`
    starting with the search's letter, the SCAN_CAP nearest to the search's sound key on
    either side in the index's order (keys sharing the longest start come first), as `k`.
    Sound keys are a letter and three digits (Soundex), so one letter's keys are one range
    of the two-column index in any collation."""
    up, down = (_side(values, exact, name, upward) for upward in (True, False))
    return (
        f"(SELECT unnest(%({values})s::text[]) AS {values} OFFSET 0) AS x "
        f"CROSS JOIN LATERAL (({up}) UNION ALL ({down})) AS k"
    )  # fmt: skip


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
    # For the typing-error look-ups with no date of birth: the names as the key table holds
    # them, and the first letter of each name's sound key.
    given: str | None
    family: str | None
    given_initial: str | None
    family_initial: str | None


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
        given=normalise_name(name.given)[:100] or None,
        family=normalise_name(name.family)[:100] or None,
        given_initial=sound(name.given)[:1] or None,
        family_initial=sound(name.family)[:1] or None,
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


def _misspelt(name: str, *, kept: str, kept_column: str, label: str) -> Lookup:
    """Names only: with no date of birth, a typing slip that changes a name's sound key
    (Olicer for Oliver, Pemnerton for Pemberton) would leave nothing to find the person by
    when the postcode differs too. The look-up keeps the other name's key exact (`kept`, the
    search's values for `kept_column`) and walks the sound keys of `name` ("given" or
    "family") that start with the search's letter (first letters are seldom mistyped),
    keeping names at most two edits away."""
    sound_key = f"{name}_sound"
    return Lookup(
        f"{label}, and {name} name spelt slightly differently",
        5,
        _EDIT_DISTANCE.format(column=f"k.{name}", name=name),
        (kept, sound_key, name),
        source=_nearest(kept, kept_column, name),
        unless=("dob",),
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
    _misspelt("given", kept="sounds", kept_column="family_sound", label="family name sound"),
    _misspelt("family", kept="roots", kept_column="given_root", label="given name"),
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
