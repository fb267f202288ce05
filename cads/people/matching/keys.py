"""Name normalising, nickname roots, sound keys, and the PersonNameKey rows built from them.

A person gets one key row for every name they are known by: the main name, the preferred
name, the first middle name (people often go by it), every also-known-as and previous
name, and each part of a double-barrelled or multi-part family name on its own. Date of
birth and postcode are copied onto each row so the candidate query needs no joins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import jellyfish
from django.db import transaction

from cads.people.matching.nicknames import GROUPS
from cads.people.models import Person, PersonNameKey

# Letters Unicode decomposition leaves alone (Polish ł, Nordic ø and so on).
_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
     "ß": "ss", "đ": "d", "Đ": "d", "\u0131": "i", "þ": "th", "ð": "d"}
)  # fmt: skip
_APOSTROPHES = re.compile("['`\u2018\u2019]")
_NOT_LETTERS = re.compile(r"[^a-z]+")
# Words inside family names that are not a family name on their own.
PARTICLES = frozenset(
    {"al", "el", "bin", "bint", "ibn", "van", "von", "der", "den", "de", "del", "della", "la",
     "le", "da", "di", "du", "dos", "das", "st", "saint", "mac", "mc", "o"}
)  # fmt: skip
# Spellings that sound the same at the start of a name. Soundex keeps the first letter as
# written, so without this "Philips"/"Fillips" and "Catherine"/"Katherine" would part; a
# first vowel is often misheard or mistyped, so all first vowels count as one.
_SOUND_PREFIXES = (("ph", "f"), ("kn", "n"), ("wr", "r"), ("ps", "s"), ("gn", "n"),
                   ("wh", "w"), ("ch", "k"), ("c", "k"), ("q", "k"), ("z", "s"))  # fmt: skip
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=65536)
def normalise_name(s: str) -> str:
    """Lower case, accents off, apostrophes dropped, hyphens and other marks as spaces:
    "O'Brien-Łukasik" becomes "obrien lukasik"."""
    decomposed = unicodedata.normalize("NFKD", s.translate(_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(_NOT_LETTERS.sub(" ", _APOSTROPHES.sub("", plain)).split())


def _group_index() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    primary: dict[str, str] = {}
    roots: dict[str, set[str]] = {}
    for group in GROUPS:
        for name in group:
            primary.setdefault(name, group[0])
            roots.setdefault(name, set()).add(group[0])
    return primary, {name: frozenset(r) for name, r in roots.items()}


_PRIMARY, _ROOTS = _group_index()


def _lookup_form(name: str) -> str:
    """The form of a (normalised) given name the nickname list knows: the whole name run
    together ("jo anne" is "joanne") if listed, otherwise its first word."""
    joined = name.replace(" ", "")
    if joined in _PRIMARY:
        return joined
    return name.split(" ", 1)[0] if name else ""


def given_root(s: str) -> str:
    """The root of a given name's nickname group ("Alfie" -> "alfred", "Mohd" ->
    "muhammad"); the name itself, normalised, when it is in no group."""
    form = _lookup_form(normalise_name(s))
    return _PRIMARY.get(form, form)


@lru_cache(maxsize=65536)
def given_roots(s: str) -> frozenset[str]:
    """Every group root the name belongs to ("fred" -> alfred and frederick)."""
    form = _lookup_form(normalise_name(s))
    return _ROOTS.get(form, frozenset({form} if form else ()))


@lru_cache(maxsize=65536)
def root_expansion(s: str) -> tuple[str, ...]:
    """The stored `given_root` values a searched-for given name can meet: the roots of
    every name sharing a group with it. Stored rows keep one root per name, so a search
    for "Alfred" must also look under "frederick", where a stored "Freddie" sits."""
    form = _lookup_form(normalise_name(s))
    if not form:
        return ()
    members = {name for group in GROUPS if form in group for name in group} | {form}
    return tuple(sorted({_PRIMARY.get(name, name) for name in members}))


@lru_cache(maxsize=65536)
def sound(s: str) -> str:
    """Sound key of a name: Soundex after evening out first letters that sound alike
    ("Philips", "Fillips" -> F412; "Catherine", "Katherine" -> K365)."""
    joined = normalise_name(s).replace(" ", "")
    if not joined:
        return ""
    for written, spoken in _SOUND_PREFIXES:
        if joined.startswith(written):
            joined = spoken + joined[len(written) :]
            break
    if joined[0] in _VOWELS:
        joined = "a" + joined[1:]
    return str(jellyfish.soundex(joined))


def family_parts(family: str) -> tuple[str, ...]:
    """The separate names in a double-barrelled or multi-part family name ("Smith-Jones" ->
    smith, jones; "Al-Hassan" -> hassan); empty for a one-part name."""
    words = normalise_name(family).split()
    if len(words) < 2:
        return ()
    return tuple(w for w in words if w not in PARTICLES and len(w) > 1)


def person_names(
    person: Person, other: Iterable[tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    """Every (given, family) name the person is known by, the main name first. `other`
    are the also-known-as and previous names; None reads them from the database."""
    if other is None:
        saved = not person._state.adding
        other = person.other_names.values_list("given_name", "family_name") if saved else []
    names = [(person.given_name, person.family_name)]
    if person.preferred_name:
        names.append((person.preferred_name, person.family_name))
    if person.middle_names:
        names.append((person.middle_names.split()[0], person.family_name))
    names += [(g or person.given_name, f or person.family_name) for g, f in other]
    return names


def name_key_rows(
    person: Person, names: Iterable[tuple[str, str]] | None = None
) -> list[PersonNameKey]:
    """Unsaved key rows for a person, for `bulk_create` by bulk loaders. `names` are the
    person's also-known-as and previous names (None reads them from the database); the
    main, preferred and middle names come from the person."""
    household = person.household if person.household_id else None
    postcode = household.postcode if household else ""
    rows: list[PersonNameKey] = []
    seen: set[tuple[str, str]] = set()
    for index, (given, family) in enumerate(person_names(person, names)):
        for family_form in (family, *family_parts(family)):
            key = (normalise_name(given), normalise_name(family_form))
            if key in seen or key == ("", ""):
                continue
            seen.add(key)
            rows.append(
                PersonNameKey(
                    person=person,
                    is_main=index == 0 and family_form == family,
                    given=key[0][:100],
                    family=key[1][:100],
                    given_root=given_root(given)[:100],
                    given_sound=sound(given),
                    family_sound=sound(family_form),
                    date_of_birth=person.date_of_birth,
                    postcode=postcode,
                )
            )
    return rows


@transaction.atomic
def name_keys_refresh(person: Person) -> None:
    """Rebuild the person's key rows after any change to names, birth date or address. A
    record merged into another has none, so searches never offer it."""
    PersonNameKey.objects.filter(person_id=person.pk).delete()
    if person.merged_into_id is None:
        PersonNameKey.objects.bulk_create(name_key_rows(person))
