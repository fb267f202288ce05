"""Identifier rules: NHS number, UPN, LA child ID, UPRN and postcode (specs §2.3 and §5).

Fixed examples were worked by hand or come from the spec ("verified examples"); the rest are
generated with the module's own check-digit helpers, whose results the fixed examples pin down.
All numbers are fictional: NHS numbers from the 9xxxxxxxxx range never issued to patients.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from cads.people.identifiers import (
    DFE_LA_CODES,
    NO_FIXED_ABODE,
    format_nhs_number,
    generate_la_child_id,
    is_temporary_upn,
    is_test_nhs_number,
    nhs_number_check_digit,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    normalise_uprn,
    postcode_outward,
    postcode_sector,
    upn_check_letter,
    validate_la_child_id,
)


def _error(function: Callable[..., Any], *args: Any, **kwargs: Any) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        function(*args, **kwargs)
    return excinfo.value


def _valid_999_nhs_numbers() -> list[str]:
    numbers = []
    for serial in range(1, 40):
        first9 = f"999{serial:06d}"
        check = nhs_number_check_digit(first9)
        if check is not None:
            numbers.append(f"{first9}{check}")
    return numbers


# --- NHS number ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("9434765870", "9434765870"),  # NHS Data Dictionary example
        ("943 476 5870", "9434765870"),
        ("943-476-5870", "9434765870"),
        (" 401 023 2137 ", "4010232137"),
        ("9990000018", "9990000018"),  # 9*10+9*9+9*8+1*2 = 245; 245 % 11 = 3; 11 - 3 = 8
        ("999 000 0050", "9990000050"),  # check 11 becomes 0
    ],
)
def test_nhs_number_valid(raw: str, expected: str) -> None:
    assert normalise_nhs_number(raw) == expected


@pytest.mark.parametrize("number", _valid_999_nhs_numbers())
def test_generated_999_nhs_numbers_are_valid_test_numbers(number: str) -> None:
    assert normalise_nhs_number(number) == number
    assert is_test_nhs_number(number)


def test_some_999_prefixes_have_no_check_digit() -> None:
    # 999000000: 9*10 + 9*9 + 9*8 = 243; 243 % 11 = 1; 11 - 1 = 10, so no number is valid.
    assert nhs_number_check_digit("999000000") is None
    assert len(_valid_999_nhs_numbers()) < 39


@pytest.mark.parametrize("last_digit", range(10))
def test_nhs_number_with_check_digit_10_is_never_valid(last_digit: int) -> None:
    error = _error(normalise_nhs_number, f"999000000{last_digit}")
    assert error.code == "nhs_number_check_digit"


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        ("", "nhs_number_required", "Enter an NHS number"),
        ("  - ", "nhs_number_required", "Enter an NHS number"),
        ("943476587", "nhs_number_length", "Enter an NHS number with 10 digits, like 943 476 5870"),
        ("94347658701", "nhs_number_length", "Enter an NHS number with 10 digits"),
        ("943476587O", "nhs_number_characters", "An NHS number must only include numbers"),
        ("NHS9434765870", "nhs_number_characters", "must only include numbers"),
        ("943.476.5870", "nhs_number_characters", "must only include numbers"),
        (
            "\uff19\uff14\uff13\uff14\uff17\uff16\uff15\uff18\uff17\uff10",  # full-width
            "nhs_number_characters",
            "must only include numbers",
        ),
        ("9434765871", "nhs_number_check_digit", "The NHS number is not valid: check the digits"),
        ("9990000019", "nhs_number_check_digit", "The NHS number is not valid: check the digits"),
    ],
)
def test_nhs_number_invalid(raw: str, code: str, message: str) -> None:
    error = _error(normalise_nhs_number, raw)
    assert error.code == code
    assert message in error.message


def test_format_nhs_number() -> None:
    assert format_nhs_number("9434765870") == "943 476 5870"
    assert format_nhs_number("999-000-0018") == "999 000 0018"
    assert _error(format_nhs_number, "9434765871").code == "nhs_number_check_digit"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9990000018", True),
        ("999 000 0018", True),
        ("9434765870", True),  # the whole 9 range is never issued to patients
        ("4010232137", False),
        ("9990000019", False),  # not a valid NHS number at all
        ("", False),
    ],
)
def test_is_test_nhs_number(value: str, expected: bool) -> None:
    assert is_test_nhs_number(value) is expected


@pytest.mark.parametrize("first9", ["", "99900001", "9990000012", "99900001A"])
def test_nhs_number_check_digit_needs_nine_digits(first9: str) -> None:
    with pytest.raises(ValueError, match="9 digits"):
        nhs_number_check_digit(first9)


# --- UPN ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body12", "letter"),
    [
        ("926200012401", "G"),  # spec §2.3 verified example
        ("92620001240A", "T"),  # spec §2.3 verified temporary example
        ("92620001240a", "T"),
        ("938200012345", "Q"),
    ],
)
def test_upn_check_letter(body12: str, letter: str) -> None:
    assert upn_check_letter(body12) == letter


@pytest.mark.parametrize(
    "body12", ["", "92620001240", "9262000124011", "9X6200012401", "9262000124I"]
)
def test_upn_check_letter_rejects_a_bad_body(body12: str) -> None:
    with pytest.raises(ValueError, match="11 digits"):
        upn_check_letter(body12)


@pytest.mark.parametrize(
    ("raw", "expected", "temporary"),
    [
        ("G926200012401", "G926200012401", False),
        ("g926200012401", "G926200012401", False),
        (" g926 2000 12 401 ", "G926200012401", False),
        ("T92620001240A", "T92620001240A", True),
        ("t92620001240a", "T92620001240A", True),
        ("Q938200012345", "Q938200012345", False),
    ],
)
def test_upn_valid(raw: str, expected: str, temporary: bool) -> None:
    assert normalise_upn(raw) == expected
    assert is_temporary_upn(expected) is temporary


@pytest.mark.parametrize("la_code", ["001", "420", "838", "839", "926", "940", "941", "942", "943"])
@pytest.mark.parametrize("tail", ["2000", "1234", "9999"])
def test_upn_generated_for_each_new_la_is_valid(la_code: str, tail: str) -> None:
    for body in (f"{la_code}{tail}19001", f"{la_code}{tail}1901Z"):
        upn = upn_check_letter(body) + body
        assert normalise_upn(upn) == upn
        assert is_temporary_upn(upn) is body.endswith("Z")


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        ("", "upn_required", "Enter a UPN"),
        ("G92620001240", "upn_length", "Enter a UPN with 13 characters, like Q938200012345"),
        ("G9262000124011", "upn_length", "Enter a UPN with 13 characters"),
        ("1926200012401", "upn_first_character", "A UPN must start with a letter"),
        ("G9262X0012401", "upn_digits", "Characters 2 to 12 of a UPN must be numbers"),
        ("G92620001240-", "upn_last_character", "a letter other than I, O or S"),
        ("G92620001240I", "upn_last_character", "a letter other than I, O or S"),
        ("G92620001240S", "upn_last_character", "a letter other than I, O or S"),
        ("H926200012401", "upn_check_letter", "The UPN check letter does not match"),
        ("G926200012402", "upn_check_letter", "The UPN check letter does not match"),
        ("I926200012401", "upn_check_letter", "The UPN check letter does not match"),
        ("A92620001240A", "upn_check_letter", "The UPN check letter does not match"),
    ],
)
def test_upn_invalid(raw: str, code: str, message: str) -> None:
    error = _error(normalise_upn, raw)
    assert error.code == code
    assert message in error.message


@pytest.mark.parametrize("la_code", ["000", "006", "421", "804", "939", "944", "999"])
def test_upn_with_unknown_la_code_is_rejected(la_code: str) -> None:
    body = f"{la_code}200012345"
    error = _error(normalise_upn, upn_check_letter(body) + body)
    assert error.code == "upn_la_code"
    assert "Characters 2 to 4 of the UPN must be a local authority number" in error.message


def test_upn_accepts_a_configured_extra_la_code() -> None:
    # The demo authority's LA 999 is not a DfE code: only accepted when configured.
    permanent = upn_check_letter("999200012345") + "999200012345"
    temporary = upn_check_letter("99920001234A") + "99920001234A"
    assert temporary == "U99920001234A"
    assert normalise_upn(permanent, extra_la_codes=["999"]) == permanent
    assert normalise_upn(temporary.lower(), extra_la_codes=("999",)) == temporary
    assert is_temporary_upn(temporary)
    assert _error(normalise_upn, permanent, extra_la_codes=["998"]).code == "upn_la_code"


def test_dfe_la_codes() -> None:
    assert len(DFE_LA_CODES) == 195
    assert {"838", "839", "926", "940", "941", "942", "943"} <= DFE_LA_CODES
    assert "999" not in DFE_LA_CODES
    assert all(len(code) == 3 and code.isdigit() for code in DFE_LA_CODES)


@pytest.mark.parametrize("value", ["G926200012401", "", "T92620001240", "T9262000124AO"])
def test_is_temporary_upn_false(value: str) -> None:
    assert not is_temporary_upn(value)


# --- LA child ID --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("WX0000123", "WX0000123"),
        ("a", "a"),
        ("1" * 20, "1" * 20),
        (" ABC123 ", "ABC123"),
    ],
)
def test_la_child_id_valid(raw: str, expected: str) -> None:
    assert validate_la_child_id(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        ("", "la_child_id_required", "Enter an LA child ID"),
        ("   ", "la_child_id_required", "Enter an LA child ID"),
        ("A" * 21, "la_child_id_length", "LA child ID must be 20 characters or fewer"),
        ("WX-0000123", "la_child_id_characters", "must only include letters a to z and numbers"),
        ("WX 0000123", "la_child_id_characters", "must only include letters a to z and numbers"),
        ("WX_0000123", "la_child_id_characters", "must only include letters a to z and numbers"),
        ("WXé000123", "la_child_id_characters", "must only include letters a to z and numbers"),
    ],
)
def test_la_child_id_invalid(raw: str, code: str, message: str) -> None:
    error = _error(validate_la_child_id, raw)
    assert error.code == code
    assert message in error.message


@pytest.mark.parametrize(
    ("sequence", "prefix", "expected"),
    [
        (123, "WX", "WX0000123"),
        (0, "WX", "WX0000000"),
        (9_999_999, "NF", "NF9999999"),
        (10**12, "WX", "WX1000000000000"),
        (42, "", "0000042"),
    ],
)
def test_generate_la_child_id(sequence: int, prefix: str, expected: str) -> None:
    assert generate_la_child_id(sequence, prefix=prefix) == expected
    assert validate_la_child_id(expected) == expected


def test_generate_la_child_id_defaults_to_wx() -> None:
    assert generate_la_child_id(123) == "WX0000123"


@pytest.mark.parametrize(("sequence", "prefix"), [(-1, "WX"), (1, "W-X"), (1, "W" * 14)])
def test_generate_la_child_id_rejects_bad_input(sequence: int, prefix: str) -> None:
    with pytest.raises(ValueError, match="LA child ID"):
        generate_la_child_id(sequence, prefix=prefix)


# --- UPRN ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1, 1),
        ("1", 1),
        (999_999_999_999, 999_999_999_999),
        ("999999999999", 999_999_999_999),
        ("000000199356", 199_356),
        (" 42 ", 42),
    ],
)
def test_uprn_valid(raw: str | int, expected: int) -> None:
    assert normalise_uprn(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (0, "uprn_range"),
        ("0", "uprn_range"),
        ("000000000000", "uprn_range"),
        (1_000_000_000_000, "uprn_range"),
        ("1000000000000", "uprn_range"),
        (-1, "uprn_range"),
        ("", "uprn_required"),
        ("  ", "uprn_required"),
        ("abc", "uprn_characters"),
        ("12 34", "uprn_characters"),
        ("1.5", "uprn_characters"),
        ("-5", "uprn_characters"),
        ("\uff11\uff12", "uprn_characters"),  # full-width 12
        (True, "uprn_characters"),
    ],
)
def test_uprn_invalid(raw: str | int, code: str) -> None:
    assert _error(normalise_uprn, raw).code == code


def test_uprn_range_message() -> None:
    error = _error(normalise_uprn, 0)
    assert error.message == "UPRN must be a number between 1 and 999999999999"


# --- Postcode -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected", "outward", "sector"),
    [
        ("M1 1AE", "M1 1AE", "M1", "M1 1"),  # A9 9AA
        ("B33 8TH", "B33 8TH", "B33", "B33 8"),  # A99 9AA
        ("W1A 0AX", "W1A 0AX", "W1A", "W1A 0"),  # A9A 9AA
        ("CR2 6XH", "CR2 6XH", "CR2", "CR2 6"),  # AA9 9AA
        ("DN55 1PT", "DN55 1PT", "DN55", "DN55 1"),  # AA99 9AA
        ("EC1A 1BB", "EC1A 1BB", "EC1A", "EC1A 1"),  # AA9A 9AA
        ("GIR 0AA", "GIR 0AA", "GIR", "GIR 0"),
        ("sw1a1aa", "SW1A 1AA", "SW1A", "SW1A 1"),
        ("  sw1a   1aa ", "SW1A 1AA", "SW1A", "SW1A 1"),
        ("wx1\t1aa", "WX1 1AA", "WX1", "WX1 1"),
        ("gir0aa", "GIR 0AA", "GIR", "GIR 0"),
    ],
)
def test_postcode_valid(raw: str, expected: str, outward: str, sector: str) -> None:
    assert normalise_postcode(raw) == expected
    assert postcode_outward(raw) == outward
    assert postcode_sector(raw) == sector


@pytest.mark.parametrize(
    "raw",
    [
        "SW1A",  # outward code only
        "SW1A 1A",
        "SW1A 1AAA",
        "Q1 1AA",  # Q, V and X never start a postcode
        "V1 1AA",
        "AI1 1AA",  # I, J and Z are never the second letter
        "AZ1 1AA",
        "SW1A 1CA",  # C, I, K, M, O and V are never in the inward code
        "SW1A 1AV",
        "W1L 1AA",  # L is not a third letter in A9A
        "EC1Z 1AA",  # Z is not a fourth letter in AA9A
        "SW123 1AA",
        "1W1 1AA",
        "SW1A AAA",
        "BFPO 1234",
        "ZZ99 3VZ",  # NHS pseudo-postcode, for the caller
        "NFA",
        "SW1A-1AA",
    ],
)
def test_postcode_invalid(raw: str) -> None:
    error = _error(normalise_postcode, raw)
    assert error.code == "postcode_format"
    assert error.message == "Enter a real postcode, like SW1A 1AA"


def test_postcode_blank() -> None:
    error = _error(normalise_postcode, "  ")
    assert error.code == "postcode_required"
    assert error.message == "Enter a postcode"


def test_no_fixed_abode_is_not_a_postcode() -> None:
    assert NO_FIXED_ABODE == "NFA"
    assert _error(normalise_postcode, NO_FIXED_ABODE).code == "postcode_format"
    assert _error(postcode_sector, "").code == "postcode_required"
