"""Dates of birth typed wrongly: day and month swapped, one digit wrong, two neighbouring
digits swapped, or the year a little out. The candidate query looks under every such
variant; the scorer names which one it was."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from django.utils import timezone

EARLIEST = date(1900, 1, 1)


class DateAgreement(StrEnum):
    EXACT = "exact"
    SWAPPED = "swapped"  # day and month the wrong way round
    ONE_DIGIT = "one_digit"  # one digit of DD/MM/YYYY different
    TRANSPOSED = "transposed"  # two neighbouring digits the wrong way round
    YEAR = "year"  # same day and month, year one out
    DIFFERENT = "different"
    MISSING = "missing"


def _digits(d: date) -> str:
    return f"{d.day:02d}{d.month:02d}{d.year:04d}"


def _from_digits(s: str) -> date | None:
    try:
        return date(int(s[4:]), int(s[2:4]), int(s[:2]))
    except ValueError:
        return None


def _typing_variants(s: str) -> set[str]:
    """Every string one digit different from `s`, and every one with two neighbouring
    digits inside the same field (DD, MM or YYYY) swapped."""
    out = {s[:i] + c + s[i + 1 :] for i in range(len(s)) for c in "0123456789"}
    for start, end in ((0, 2), (2, 4), (4, 8)):
        for i in range(start, end - 1):
            out.add(s[:i] + s[i + 1] + s[i] + s[i + 2 :])
    return out


def _neighbours_swapped(sa: str, sb: str, wrong: list[int]) -> bool:
    """Two neighbouring digits inside one field (DD, MM or YYYY) the other way round."""
    if len(wrong) != 2 or wrong[1] != wrong[0] + 1 or wrong[0] in (1, 3):
        return False
    i = wrong[0]
    return sa[i] == sb[i + 1] and sa[i + 1] == sb[i]


def date_variants(d: date, today: date | None = None) -> list[date]:
    """The dates someone meaning `d` may have typed (or `d` itself), within 1900..today."""
    latest = today or timezone.localdate()
    found = {_from_digits(s) for s in _typing_variants(_digits(d))}
    found.add(_from_digits(f"{d.month:02d}{d.day:02d}{d.year:04d}"))
    for year in (d.year - 1, d.year + 1):
        found.add(_from_digits(f"{d.day:02d}{d.month:02d}{year:04d}"))
    return sorted(v for v in found if v is not None and EARLIEST <= v <= latest)


def compare_dates(a: date | None, b: date | None) -> DateAgreement:
    """How two dates of birth agree, naming the likeliest typing error."""
    if a is None or b is None:
        return DateAgreement.MISSING
    if a == b:
        return DateAgreement.EXACT
    if a.day == b.month and a.month == b.day and a.year == b.year:
        return DateAgreement.SWAPPED
    return _typing_error(a, b)


def _typing_error(a: date, b: date) -> DateAgreement:
    sa, sb = _digits(a), _digits(b)
    wrong = [i for i in range(len(sa)) if sa[i] != sb[i]]
    if len(wrong) == 1:
        return DateAgreement.ONE_DIGIT
    if _neighbours_swapped(sa, sb, wrong):
        return DateAgreement.TRANSPOSED
    if a.day == b.day and a.month == b.month and abs(a.year - b.year) == 1:
        return DateAgreement.YEAR
    return DateAgreement.DIFFERENT
