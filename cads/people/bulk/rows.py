"""Reading a partner's CSV file: every data row becomes a `PersonRow` or a `RowError` with
its spreadsheet row number (the header is row 1), so one bad row never stops the rest."""

from __future__ import annotations

import csv
import datetime
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from cads.people.identifiers import (
    NO_FIXED_ABODE,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
)
from cads.people.matching import SearchQuery

COLUMNS = (
    "external_id",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "address",
    "postcode",
    "nhs_number",
    "upn",
)
OUTPUT_COLUMNS = (
    "external_id", "person_id", "person_external_id", "band", "score", "reasons", "warnings",
)  # fmt: skip
ERROR_COLUMNS = ("row", "external_id", "reason")

# Model column widths, checked here so a long value is a row error, not a database error.
_MAX_LENGTHS = {"external_id": 100, "given_name": 100, "family_name": 100}
_SEX = {"m": "M", "f": "F", "u": "U", "male": "M", "female": "F"}
_NO_FIXED_ABODE_WORDS = {"nfa", "no fixed abode"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ImpossibleDateError(ValidationError):
    """A date of birth written correctly that cannot be one: not in the calendar (29 February
    in a common year, 31 April) or still to come. `why` says which, after the date."""

    def __init__(self, message: str, why: str) -> None:
        super().__init__(message)
        self.why = why


class BulkFileError(Exception):
    """The file as a whole cannot be used: missing, not UTF-8 or not CSV, no header row, or
    columns we do not know. Nothing is loaded or matched."""


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One valid input row, normalised: sex is M/F/U, postcode BS 7666 or "NFA"."""

    row_number: int
    external_id: str = ""
    given_name: str = ""
    family_name: str = ""
    date_of_birth: datetime.date | None = None
    sex: str = "U"
    address: str = ""
    postcode: str = ""
    nhs_number: str = ""
    upn: str = ""
    # Values left out of the search, said in words the sender can act on.
    warnings: tuple[str, ...] = ()

    def search_query(self) -> SearchQuery:
        """The row as a search; "U" and "NFA" say nothing about who the person is."""
        return SearchQuery(
            given_name=self.given_name,
            family_name=self.family_name,
            date_of_birth=self.date_of_birth,
            sex="" if self.sex == "U" else self.sex,
            postcode="" if self.postcode == NO_FIXED_ABODE else self.postcode,
            address=self.address,
            nhs_number=self.nhs_number,
            upn=self.upn,
        )


@dataclass(frozen=True, slots=True)
class RowError:
    """A row that was not loaded or matched, and why, in words the sender can act on."""

    row_number: int
    external_id: str
    reason: str


RowResult = PersonRow | RowError


def read_rows(
    path: str | Path,
    *,
    la_codes: Iterable[str] = (),
    today: datetime.date | None = None,
    impossible_date_missing: bool = False,
) -> Iterator[RowResult]:
    """Each data row of a CSV file as a PersonRow or a RowError, in file order.

    The header is checked at once, so a wrong file fails before any row is used.
    `la_codes` are LA codes to accept in UPNs besides the DfE list (the authority's own);
    `today` bounds dates of birth (default: today in Europe/London). With
    `impossible_date_missing` (matching), a date of birth that cannot be one is left out
    with a warning on the row instead of making the row an error (importing refuses it).
    """
    _check_encoding(path)
    file = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed by _rows)
    try:
        reader = csv.reader(file)
        columns = _check_header(_next_or_fail(reader, 1))
    except BaseException:
        file.close()
        raise
    check = functools.partial(
        check_row,
        la_codes=tuple(la_codes),
        today=today or timezone.localdate(),
        impossible_date_missing=impossible_date_missing,
    )
    return _rows(file, reader, columns, check)


def _rows(
    file: IO[str], reader: Any, columns: list[str], check: Callable[..., RowResult]
) -> Iterator[RowResult]:
    with file:
        for row_number in itertools.count(2):
            values = _next_or_fail(reader, row_number)
            if values is None:
                return
            if values:  # a blank line is not a row
                yield check(row_number, columns, values)


def _check_encoding(path: str | Path) -> None:
    """Refuse a file saved in another encoding before any row is loaded, naming the first
    line at fault (a spreadsheet's plain "CSV" export is often Windows-1252)."""
    with open(path, "rb") as file:
        for line_number, line in enumerate(file, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                raise BulkFileError(
                    f'Line {line_number} is not UTF-8 text: save the file as "CSV UTF-8" '
                    "and try again"
                ) from None


def _next_or_fail(reader: Any, row_number: int) -> list[str] | None:
    """The next row, or None at the end; a file that cannot be read as CSV stops here
    (continuing would misnumber every row after it)."""
    try:
        return next(reader, None)
    except csv.Error as exc:
        raise BulkFileError(f"Row {row_number} cannot be read as CSV: {exc}") from None


def _check_header(header: list[str] | None) -> list[str]:
    if not header:
        raise BulkFileError(f"The file has no header row; it needs: {', '.join(COLUMNS)}")
    columns = [name.strip().lower() for name in header]
    unknown = [name for name in columns if name not in COLUMNS]
    # A misspelt column would otherwise be read as blank in every row, and match nothing.
    if unknown:
        raise BulkFileError(
            f"Unknown column(s) {', '.join(map(repr, unknown))}; the columns are: "
            + ", ".join(COLUMNS)
        )
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    if repeated:
        raise BulkFileError(f"Column(s) appear more than once: {', '.join(repeated)}")
    return columns


def check_row(
    row_number: int,
    columns: list[str],
    values: list[str],
    *,
    la_codes: tuple[str, ...] = (),
    today: datetime.date,
    impossible_date_missing: bool = False,
) -> RowResult:
    """Normalise one row, or explain every problem in it at once (column: message; ...)."""
    raw = {name: " ".join(value.split()) for name, value in zip(columns, values, strict=False)}
    external_id = raw.get("external_id", "")
    if len(values) > len(columns):
        return RowError(row_number, external_id, "The row has more values than the header")
    if not any(raw.values()):
        return RowError(row_number, external_id, "The row is empty")
    warnings: list[str] = []
    if impossible_date_missing:
        raw, warnings = _impossible_date_left_out(raw, today)
    cleaned, problems = _clean_fields(raw, la_codes=la_codes, today=today)
    if problems:
        return RowError(row_number, external_id, "; ".join(problems))
    return PersonRow(row_number=row_number, warnings=tuple(warnings), **cleaned)


def _impossible_date_left_out(
    raw: dict[str, str], today: datetime.date
) -> tuple[dict[str, str], list[str]]:
    """The row without a date of birth that cannot be one, and the warning saying so: a
    partner's list often holds a slip like 29 February in a common year, and the row's
    other details can still find the person (ADR 0009)."""
    value = raw.get("date_of_birth", "")
    try:
        if value:
            _clean_date(value, today)
    except ImpossibleDateError as exc:
        warning = f"date_of_birth: {value} {exc.why}, so the row was matched without it"
        return raw | {"date_of_birth": ""}, [warning]
    except ValidationError:
        pass  # written wrongly: reported as an error with the row's other problems
    return raw, []


def _clean_fields(
    raw: dict[str, str], *, la_codes: tuple[str, ...], today: datetime.date
) -> tuple[dict[str, Any], list[str]]:
    cleaners: dict[str, Callable[[str], Any]] = {
        "date_of_birth": lambda value: _clean_date(value, today),
        "sex": _clean_sex,
        "postcode": _clean_postcode,
        "nhs_number": normalise_nhs_number,
        "upn": lambda value: normalise_upn(value, extra_la_codes=la_codes),
    }
    blank: dict[str, Any] = {"date_of_birth": None, "sex": "U"}
    cleaned: dict[str, Any] = {}
    problems: list[str] = []
    for column in COLUMNS:
        value = raw.get(column, "")
        clean = cleaners.get(column)
        try:
            if len(value) > _MAX_LENGTHS.get(column, len(value)):
                raise ValidationError(f"Must be {_MAX_LENGTHS[column]} characters or fewer")
            cleaned[column] = clean(value) if clean and value else blank.get(column, value)
        except ValidationError as exc:
            problems.append(f"{column}: {exc.messages[0]}")
    return cleaned, problems


def _clean_date(value: str, today: datetime.date) -> datetime.date:
    # fromisoformat alone would also take 20150327 and 2015-W13; partners must send one form.
    if not _ISO_DATE.fullmatch(value):
        raise ValidationError("Enter a real date as YYYY-MM-DD, like 2015-03-27")
    try:
        date = datetime.date.fromisoformat(value)
    except ValueError:
        raise ImpossibleDateError(
            "Enter a real date as YYYY-MM-DD, like 2015-03-27", "is not a real date"
        ) from None
    if date > today:
        raise ImpossibleDateError(
            "The date of birth must be today or in the past", "is in the future"
        )
    return date


def _clean_sex(value: str) -> str:
    try:
        return _SEX[value.lower()]
    except KeyError:
        raise ValidationError("Enter M, F or U (male, female, or blank if not known)") from None


def _clean_postcode(value: str) -> str:
    if value.lower() in _NO_FIXED_ABODE_WORDS:
        return NO_FIXED_ABODE
    return normalise_postcode(value)
