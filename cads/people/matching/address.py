"""Addresses typed differently: compare the postcode and the house number, and the street
once common abbreviations are spelt out ("12a High St" is "12A High Street")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from functools import lru_cache

from django.core.exceptions import ValidationError
from rapidfuzz import fuzz

from cads.people.identifiers import normalise_postcode

_ABBREVIATIONS = {
    "rd": "road", "st": "street", "str": "street", "ave": "avenue", "av": "avenue",
    "ln": "lane", "dr": "drive", "drv": "drive", "cres": "crescent", "cresc": "crescent",
    "cl": "close", "ct": "court", "crt": "court", "pl": "place", "gdns": "gardens",
    "gdn": "gardens", "sq": "square", "tce": "terrace", "terr": "terrace", "gr": "grove",
    "gro": "grove", "pk": "park", "hse": "house", "ho": "house", "mt": "mount", "wy": "way",
    "bldgs": "buildings", "blvd": "boulevard", "hts": "heights", "est": "estate",
    "flt": "flat", "apt": "flat", "apartment": "flat", "no": "", "nr": "",
}  # fmt: skip
_WORDS = re.compile(r"[a-z]+|\d+[a-z]?(?![a-z])")
_POSTCODE_IN_TEXT = re.compile(r"\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b")


class PostcodeAgreement(StrEnum):
    SAME = "same"
    NEAR = "near"  # same sector ("SW1A 1"), or one character different
    DIFFERENT = "different"
    MISSING = "missing"


def tidy_postcode(raw: str) -> str:
    """The BS 7666 form of a searched-for postcode; a malformed one is kept, squashed, so a
    partial or mistyped postcode still compares character by character."""
    if not raw.strip():
        return ""
    try:
        return normalise_postcode(raw)
    except ValidationError:
        return re.sub(r"\s", "", raw).upper()


def compare_postcodes(a: str, b: str) -> PostcodeAgreement:
    if not a or not b:
        return PostcodeAgreement.MISSING
    if a == b:
        return PostcodeAgreement.SAME
    if len(a) > 2 and a[:-2] == b[:-2]:  # the same sector
        return PostcodeAgreement.NEAR
    ca, cb = a.replace(" ", ""), b.replace(" ", "")
    if len(ca) == len(cb) and sum(map(str.__ne__, ca, cb)) == 1:  # one character different
        return PostcodeAgreement.NEAR
    return PostcodeAgreement.DIFFERENT


def address_words(address: str) -> list[str]:
    """Lower-case words with abbreviations spelt out and any postcode removed."""
    return list(_words(address))


@lru_cache(maxsize=4096)  # a search's address is compared with each candidate's
def _words(address: str) -> tuple[str, ...]:
    text = _POSTCODE_IN_TEXT.sub(" ", address.lower())
    words = (_ABBREVIATIONS.get(w, w) for w in _WORDS.findall(text))
    return tuple(w for w in words if w)


def house_numbers(words: Sequence[str]) -> tuple[str, ...]:
    """The numbers in an address ("flat 3, 12 high street" -> 3, 12), in order."""
    return tuple(w for w in words if w[0].isdigit())


def same_house(a: str, b: str) -> bool | None:
    """Whether two addresses name the same house (last number) and flat (numbers before
    it, when both give them) on a similar street; None when either has no number."""
    wa, wb = _words(a), _words(b)
    na, nb = house_numbers(wa), house_numbers(wb)
    if not na or not nb:
        return None
    if na[-1] != nb[-1] or (len(na) > 1 and len(nb) > 1 and na[:-1] != nb[:-1]):
        return False
    street_a = " ".join(w for w in wa if not w[0].isdigit() and w != "flat")
    street_b = " ".join(w for w in wb if not w[0].isdigit() and w != "flat")
    if not street_a or not street_b:
        return True
    return fuzz.token_set_ratio(street_a, street_b) >= 80
