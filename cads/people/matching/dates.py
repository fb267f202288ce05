"""Dates of birth typed wrongly: day and month swapped, one digit wrong, two neighbouring
digits swapped, or the year a little out. The candidate query looks under every such
variant; the scorer names which one it was."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import cache

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


def _neighbours_swapped(sa: str, sb: str, wrong: list[int]) -> bool:
    """Two neighbouring digits inside one field (DD, MM or YYYY) the other way round."""
    if len(wrong) != 2 or wrong[1] != wrong[0] + 1 or wrong[0] in (1, 3):
        return False
    i = wrong[0]
    return sa[i] == sb[i + 1] and sa[i + 1] == sb[i]


@cache  # a few hundred days, months and years
def _slips(value: int, width: int) -> frozenset[int]:
    """`value` written with `width` digits, with any one digit typed as another or two
    neighbouring digits the wrong way round (the value itself included)."""
    powers = [10**k for k in range(width)]
    digits = [value // p % 10 for p in powers]
    out = {value + (c - d) * p for d, p in zip(digits, powers, strict=True) for c in range(10)}
    for k in range(width - 1):
        low, high = digits[k], digits[k + 1]
        out.add(value + (low - high) * powers[k + 1] + (high - low) * powers[k])
    return frozenset(out)


def _real(year: int, month: int, day: int) -> date | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    try:
        return date(year, month, day)
    except ValueError:  # 30 February, 31 April, 29 February in a common year
        return None


def date_variants(d: date, today: date | None = None) -> list[date]:
    """The dates someone meaning `d` may have typed (or `d` itself), within 1900..today:
    a slip in one field of DD/MM/YYYY, day and month swapped, or the year one out."""
    latest = today or timezone.localdate()
    found = {_real(d.year, d.month, day) for day in _slips(d.day, 2)}
    found.update(_real(d.year, month, d.day) for month in _slips(d.month, 2))
    years = {y for y in _slips(d.year, 4) if EARLIEST.year <= y <= latest.year}
    found.update(_real(y, d.month, d.day) for y in years | {d.year - 1, d.year + 1})
    found.add(_real(d.year, d.day, d.month))
    return sorted(v for v in found if v is not None and EARLIEST <= v <= latest)


def compare_dates(a: date | None, b: date | None) -> DateAgreement:
    """How two dates of birth agree, naming the likeliest typing error."""
    if a is None or b is None:
        return DateAgreement.MISSING
    if a == b:
        return DateAgreement.EXACT
    if a.day == b.month and a.month == b.day and a.year == b.year:
        return DateAgreement.SWAPPED
    # Each typing error below stays inside one field (day, month or year); most candidates'
    # dates differ in two or more, and this answers them without comparing digits.
    if (a.day != b.day) + (a.month != b.month) + (a.year != b.year) > 1:
        return DateAgreement.DIFFERENT
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
