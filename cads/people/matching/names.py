"""How two names agree: exactly, as nickname variants, as parts of a double-barrelled name,
by sound, or with a typing slip."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from cads.people.matching.keys import PARTICLES, given_roots, sound


class NameAgreement(StrEnum):
    EXACT = "exact"
    NICKNAME = "nickname"  # short form or spelling variant on the nickname list
    PART = "part"  # one part of a double-barrelled or multi-part family name
    SOUNDS = "sounds"  # sounds alike (same sound key and broadly similar spelling)
    TYPO = "typo"  # one or two letters different
    INITIAL = "initial"  # one side is only an initial, and it agrees
    DIFFERENT = "different"
    MISSING = "missing"


# Names that agree this well are "the same name" for the certain rule and the twins rule.
AGREEING = frozenset(
    {NameAgreement.EXACT, NameAgreement.NICKNAME, NameAgreement.PART, NameAgreement.SOUNDS,
     NameAgreement.TYPO}
)  # fmt: skip


def close_spelling(a: str, b: str) -> bool:
    """A typing slip: one edit (two in a long name), or a Jaro-Winkler of 0.92 or more."""
    longest = max(len(a), len(b))
    allowed = 2 if longest >= 9 else 1 if longest >= 4 else 0
    if allowed and DamerauLevenshtein.distance(a, b, score_cutoff=allowed) <= allowed:
        return True
    return longest >= 5 and JaroWinkler.similarity(a, b) >= 0.92


def sounds_alike(a: str, b: str) -> bool:
    """Same sound key and same Metaphone or similar spelling: "Thompson"/"Tomson" yes,
    "Smith"/"Snaith" no."""
    if sound(a) != sound(b):
        return False
    return _metaphone(a) == _metaphone(b) or JaroWinkler.similarity(a, b) >= 0.85


@lru_cache(maxsize=65536)
def _metaphone(name: str) -> str:
    return str(jellyfish.metaphone(name))


def _spelling(a: str, b: str) -> NameAgreement:
    if sounds_alike(a, b):
        return NameAgreement.SOUNDS
    if close_spelling(a, b):
        return NameAgreement.TYPO
    return NameAgreement.DIFFERENT


# Pairs of names met again and again in a bulk match (a family's names against each namesake).
@lru_cache(maxsize=262144)
def compare_given(a: str, b: str) -> NameAgreement:
    """Agreement of two normalised given names."""
    if not a or not b:
        return NameAgreement.MISSING
    ja, jb = a.replace(" ", ""), b.replace(" ", "")
    if ja == jb or a.split(maxsplit=1)[0] == b.split(maxsplit=1)[0]:
        return NameAgreement.EXACT
    if given_roots(a) & given_roots(b):
        return NameAgreement.NICKNAME
    if len(ja) == 1 or len(jb) == 1:
        return NameAgreement.INITIAL if ja[0] == jb[0] else NameAgreement.DIFFERENT
    return _spelling(a.split(maxsplit=1)[0], b.split(maxsplit=1)[0])


@lru_cache(maxsize=262144)
def compare_family(a: str, b: str) -> NameAgreement:
    """Agreement of two normalised family names; a shared part of a double-barrelled name
    ("Smith" and "Smith Jones") counts."""
    if not a or not b:
        return NameAgreement.MISSING
    ja, jb = a.replace(" ", ""), b.replace(" ", "")
    if ja == jb:
        return NameAgreement.EXACT
    parts_a = {w for w in a.split() if w not in PARTICLES and len(w) > 1}
    parts_b = {w for w in b.split() if w not in PARTICLES and len(w) > 1}
    if parts_a and parts_a == parts_b:  # only a particle differs: "Al-Hassan", "Hassan"
        return NameAgreement.EXACT
    if parts_a & parts_b:
        return NameAgreement.PART
    return _spelling(ja, jb)
