"""UK phone numbers as people write them: "01632 960 001", "07700 900982", "0800 1111",
"+44 (0)20 7946 0000", "0044 20 7946 0000", the three-digit lines people are told to ring
(101 police non-emergency, 111 NHS, 999 and 112 emergencies, 105 power cuts), the 116
helplines (116 123 Samaritans), a Relay UK prefix (18001), and numbers abroad with their
country code. Ofcom's National Telephone Numbering Plan: national numbers are 0 and 9 or 10
more digits (Childline keeps its short 0800 1111)."""

from __future__ import annotations

import re
from typing import Final

SERVICE_NUMBERS: Final = frozenset({"101", "105", "111", "112", "119", "999"})
# Characters people put between digits; "(0)" after +44 is the trunk 0 written for callers
# in the UK, and "ext" introduces an extension.
SEPARATORS: Final = re.compile(r"[\s().\-/]")
TRUNK_NOTE: Final = re.compile(r"^(\+44|0044)\s*\(0\)")
EXTENSION: Final = re.compile(r"\s*(ext\.?|extension|x)\s*\d{1,6}$", re.IGNORECASE)
RELAY: Final = re.compile(r"^1800[12]")


def _national(digits: str) -> bool:
    """0 then 9 or 10 digits (10 or 11 in all), or Childline's 0800 1111."""
    if digits == "08001111":
        return True
    return digits.startswith("0") and not digits.startswith("00") and len(digits) in (10, 11)


def phone_number_ok(value: str) -> bool:
    """True when `value` is a phone number someone could dial from the UK."""
    text = EXTENSION.sub("", TRUNK_NOTE.sub(r"\1", value.strip()))
    plus = text.startswith("+")
    digits = SEPARATORS.sub("", text.removeprefix("+"))
    if not digits.isdigit():
        return False
    if plus or digits.startswith("00"):
        digits = digits.removeprefix("00")
        if digits.startswith("44"):
            return _national("0" + digits[2:])
        return 7 <= len(digits) <= 15  # E.164: a country code and up to 15 digits in all
    if digits in SERVICE_NUMBERS or (digits.startswith("116") and len(digits) == 6):
        return True
    if RELAY.match(digits) and len(digits) > 5:
        return phone_number_ok(digits[5:])
    return _national(digits)
