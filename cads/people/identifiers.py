"""Check and tidy the identifiers recorded about children and addresses.

NHS number, UPN, LA child ID, UPRN and postcode, as set out in statutory-and-data-specs.md §2.3
and §5. Every normaliser returns the stored form or raises ``ValidationError`` with a message
that can be shown to the user as it is. Checking the format never proves that the identifier
exists: that takes PDS (NHS number), the school census (UPN) or AddressBase (UPRN, postcode).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError

# --- NHS number (NHS Data Dictionary "NHS NUMBER"; spec §5.1) -----------------------------------

NHS_NUMBER_EXAMPLE = "943 476 5870"
_NHS_SEPARATORS = re.compile(r"[\s-]")


def nhs_number_check_digit(first9: str) -> int | None:
    """Return the Modulus 11 check digit for nine digits, or None when it would be 10 (§5.1)."""
    if len(first9) != 9 or not first9.isascii() or not first9.isdigit():
        raise ValueError("nhs_number_check_digit needs exactly 9 digits")
    total = sum(int(digit) * weight for digit, weight in zip(first9, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def normalise_nhs_number(raw: str) -> str:
    """Return the 10 digits of an NHS number after the Modulus 11 check (spec §5.1)."""
    value = _NHS_SEPARATORS.sub("", raw)
    if not value:
        raise ValidationError("Enter an NHS number", code="nhs_number_required")
    if not value.isascii() or not value.isdigit():
        raise ValidationError(
            f"An NHS number must only include numbers, like {NHS_NUMBER_EXAMPLE}",
            code="nhs_number_characters",
        )
    if len(value) != 10:
        raise ValidationError(
            f"Enter an NHS number with 10 digits, like {NHS_NUMBER_EXAMPLE}",
            code="nhs_number_length",
        )
    # A check digit of 10 means no valid NHS number starts with these nine digits.
    if nhs_number_check_digit(value[:9]) != int(value[9]):
        raise ValidationError(
            "The NHS number is not valid: check the digits", code="nhs_number_check_digit"
        )
    return value


def format_nhs_number(value: str) -> str:
    """Return an NHS number in the NHS display format, 3-3-4 digits: "943 476 5870" (§5.1)."""
    digits = normalise_nhs_number(value)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def is_test_nhs_number(value: str) -> bool:
    """Whether a valid NHS number is in the 9000000000-9999999999 range never issued to patients.

    The spec (§5.1) reserves that range for synthetic and test patients on PDS; all fixtures and
    demo data use it (the 999 numbers are part of it). An invalid number returns False.
    """
    try:
        return normalise_nhs_number(value).startswith("9")
    except ValidationError:
        return False


# --- UPN (DfE "unique pupil numbers"; CIN census rules 1510-1550; spec §2.3) -------------------

# Check letters: A-Z without I, O and S. A temporary UPN's final letter is valued by its index.
_UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"
UPN_EXAMPLE = "Q938200012345"

# LA codes accepted in UPN characters 2-4 by CIN rule 1530 (2023-24 list). It keeps the codes of
# former authorities (835-837 Dorset/Poole/Bournemouth, 909 Cumbria, 928 Northamptonshire) because
# a UPN keeps the LA code of the school that issued it; 838/839 (2019), 940/941 (2021) and
# 942/943 (2023) are the newest. 001-005 are DfE pseudo-LA codes.
# (Kept as text, one code after another, so that the list reads like the rule and greps.)
_LA_CODES_TEXT = (
    "001 002 003 004 005 201 202 203 204 205 206 207 208 209 210 211 212 213 301 302 "
    "303 304 305 306 307 308 309 310 311 312 313 314 315 316 317 318 319 320 330 331 "
    "332 333 334 335 336 340 341 342 343 344 350 351 352 353 354 355 356 357 358 359 "
    "370 371 372 373 380 381 382 383 384 390 391 392 393 394 420 660 661 662 663 664 "
    "665 666 667 668 669 670 671 672 673 674 675 676 677 678 679 680 681 701 702 703 "
    "704 705 706 707 708 800 801 802 803 805 806 807 808 810 811 812 813 815 816 820 "
    "821 822 823 825 826 830 831 835 836 837 838 839 840 841 845 846 850 851 852 855 "
    "856 857 860 861 865 866 867 868 869 870 871 872 873 874 875 876 877 878 879 880 "
    "881 882 883 884 885 886 887 888 889 890 891 892 893 894 895 896 908 909 916 919 "
    "921 925 926 928 929 931 933 935 936 937 938 940 941 942 943"
)
DFE_LA_CODES: frozenset[str] = frozenset(_LA_CODES_TEXT.split())


def upn_check_letter(body12: str) -> str:
    """Return the DfE check letter for UPN characters 2-13 (CIN rule 1510; spec §2.3).

    Character k (k = 2..13) is weighted by k; the sum mod 23 indexes A-Z without I, O and S.
    A temporary UPN's 13th character is a letter valued by its index in the same list.
    """
    body = body12.upper()
    if len(body) != 12 or not body[:11].isascii() or not body[:11].isdigit():
        raise ValueError("upn_check_letter needs 11 digits then a digit or a check-list letter")
    last = body[11]
    if not (last.isascii() and last.isdigit()) and last not in _UPN_ALPHABET:
        raise ValueError("upn_check_letter needs 11 digits then a digit or a check-list letter")
    total = sum(
        weight * (int(char) if char.isdigit() else _UPN_ALPHABET.index(char))
        for weight, char in enumerate(body, start=2)
    )
    return _UPN_ALPHABET[total % 23]


def _upn_shape_error(value: str) -> ValidationError | None:
    """Return the error for a 13-character UPN that is not letter, 11 digits, digit or letter."""
    if not ("A" <= value[0] <= "Z"):
        return ValidationError(
            f"A UPN must start with a letter, like {UPN_EXAMPLE}", code="upn_first_character"
        )
    # Rule 1540: characters 5-12 numeric (2-4 are the LA code, which is numeric too).
    if not value[1:12].isascii() or not value[1:12].isdigit():
        return ValidationError(
            f"Characters 2 to 12 of a UPN must be numbers, like {UPN_EXAMPLE}", code="upn_digits"
        )
    # Rule 1550: character 13 is a digit or one of the 23 check letters.
    if not (value[12].isascii() and value[12].isdigit()) and value[12] not in _UPN_ALPHABET:
        return ValidationError(
            "The last character of a UPN must be a number or a letter other than I, O or S",
            code="upn_last_character",
        )
    return None


def normalise_upn(raw: str, extra_la_codes: Iterable[str] = ()) -> str:
    """Return a UPN in capitals without spaces after the DfE checks (rules 1510-1550; §2.3).

    Structure: check letter, LA code of the issuing school (in ``DFE_LA_CODES`` or
    ``extra_la_codes``, for example the demo authority's 999), 4-digit establishment number,
    2-digit year of issue and 3-digit serial; a temporary UPN has a 2-digit serial and a letter.
    """
    value = re.sub(r"\s", "", raw).upper()
    if not value:
        raise ValidationError("Enter a UPN", code="upn_required")
    if len(value) != 13:
        raise ValidationError(
            f"Enter a UPN with 13 characters, like {UPN_EXAMPLE}", code="upn_length"
        )
    shape_error = _upn_shape_error(value)
    if shape_error is not None:
        raise shape_error
    if value[1:4] not in DFE_LA_CODES | frozenset(extra_la_codes):
        raise ValidationError(
            "Characters 2 to 4 of the UPN must be a local authority number, like 926",
            code="upn_la_code",
        )
    if upn_check_letter(value[1:]) != value[0]:
        raise ValidationError(
            "The UPN check letter does not match the rest of the UPN: check each character",
            code="upn_check_letter",
        )
    return value


def is_temporary_upn(value: str) -> bool:
    """Whether a UPN is in the temporary form, its 13th character a letter (spec §2.3).

    Only the form is looked at: check the UPN with ``normalise_upn`` first.
    """
    compact = re.sub(r"\s", "", value).upper()
    return len(compact) == 13 and compact[12] in _UPN_ALPHABET


# --- LA child ID (CIN census LAchildID, rules 1570/1580; spec §5.4) -------------------------------

LA_CHILD_ID_MAX_LENGTH = 20
_ALPHANUMERIC = re.compile(r"[A-Za-z0-9]+")


def validate_la_child_id(value: str) -> str:
    """Return an LA child ID of at most 20 letters and numbers (CIN rules 1570/1580; §5.4)."""
    stripped = value.strip()
    if not stripped:
        raise ValidationError("Enter an LA child ID", code="la_child_id_required")
    if len(stripped) > LA_CHILD_ID_MAX_LENGTH:
        raise ValidationError(
            f"LA child ID must be {LA_CHILD_ID_MAX_LENGTH} characters or fewer",
            code="la_child_id_length",
        )
    if not _ALPHANUMERIC.fullmatch(stripped):
        raise ValidationError(
            "LA child ID must only include letters a to z and numbers 0 to 9",
            code="la_child_id_characters",
        )
    return stripped


def generate_la_child_id(sequence: int, prefix: str = "WX") -> str:
    """Return the LA child ID for a sequence number: prefix and 7 digits, "WX0000123" (§5.4)."""
    if sequence < 0:
        raise ValueError("An LA child ID sequence number cannot be negative")
    try:
        return validate_la_child_id(f"{prefix}{sequence:07d}")
    except ValidationError as exc:
        raise ValueError(f"Cannot make an LA child ID from {prefix!r} and {sequence}") from exc


# --- UPRN (GeoPlace / OS AddressBase; spec §5.3) --------------------------------------------------

UPRN_MAX = 999_999_999_999


def normalise_uprn(raw: str | int) -> int:
    """Return a UPRN as an integer from 1 to 999,999,999,999 (spec §5.3).

    Leading zeros and surrounding spaces are allowed in text ("000000199356").
    """
    if isinstance(raw, bool):
        raise ValidationError("UPRN must only include numbers 0 to 9", code="uprn_characters")
    if isinstance(raw, int):
        number = raw
    else:
        text = raw.strip()
        if not text:
            raise ValidationError("Enter a UPRN", code="uprn_required")
        if not text.isascii() or not text.isdigit():
            raise ValidationError("UPRN must only include numbers 0 to 9", code="uprn_characters")
        number = int(text)
    if not 1 <= number <= UPRN_MAX:
        raise ValidationError("UPRN must be a number between 1 and 999999999999", code="uprn_range")
    return number


# --- Postcode (BS 7666 PostCodeType; spec §5.3) ---------------------------------------------------

NO_FIXED_ABODE = "NFA"
POSTCODE_EXAMPLE = "SW1A 1AA"

# BS 7666 PostCodeType translated from XSD class subtraction: area letter 1 is not Q, V or X,
# letter 2 not I, J or Z; inward letters are not C, I, K, M, O or V. The A9A third letter also
# allows P (Royal Mail's list), since format validity is all we check here.
_POSTCODE = re.compile(
    r"GIR0AA|(?:"
    r"[A-PR-UWYZ][0-9][0-9]?"  # A9, A99
    r"|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?"  # AA9, AA99
    r"|[A-PR-UWYZ][0-9][A-HJKPSTUW]"  # A9A
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]"  # AA9A
    r")[0-9][ABD-HJLNP-UW-Z]{2}"
)


def normalise_postcode(raw: str) -> str:
    """Return a UK postcode in capitals with one space before the inward code (BS 7666; §5.3).

    "sw1a1aa" becomes "SW1A 1AA". BFPO, NHS pseudo-postcodes (ZZ99) and "no fixed abode"
    (``NO_FIXED_ABODE``) are for the caller to handle.
    """
    compact = re.sub(r"\s", "", raw).upper()
    if not compact:
        raise ValidationError("Enter a postcode", code="postcode_required")
    if not _POSTCODE.fullmatch(compact):
        raise ValidationError(
            f"Enter a real postcode, like {POSTCODE_EXAMPLE}", code="postcode_format"
        )
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_outward(postcode: str) -> str:
    """Return the outward code of a postcode: "SW1A" for "SW1A 1AA" (spec §5.3)."""
    return normalise_postcode(postcode).split(" ")[0]


def postcode_sector(postcode: str) -> str:
    """Return the postcode sector, outward code and inward digit: "SW1A 1" (spec §5.3)."""
    return normalise_postcode(postcode)[:-2]
