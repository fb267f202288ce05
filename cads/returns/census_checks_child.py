"""CIN census checks on a child's identifiers and characteristics (one function per DfE
rule, named in `census_rules.RULES`). Each returns True when the child FAILS the rule."""

from __future__ import annotations

import datetime
import functools
import re
from typing import Final

from dateutil.relativedelta import relativedelta

from cads.people.identifiers import DFE_LA_CODES, upn_check_letter
from cads.people.models import Disability, Ethnicity, Sex
from cads.returns.census_data import CensusChild, CensusYear

UPN_LETTERS: Final = "ABCDEFGHJKLMNPQRTUVWXYZ"
FORMER_UPN: Final = re.compile(r"^[A-Za-z]\d{12}$")
ALPHANUMERIC: Final = re.compile(r"^[A-Za-z0-9]*$")
# Django's `Choices.values` builds a new list on every call: read each code list once.
SEXES: Final = frozenset(Sex.values)
ETHNICITIES: Final = frozenset(Ethnicity.values)
DISABILITIES: Final = frozenset(Disability.values)


# --- Identifiers ------------------------------------------------------------------------


def upn_check_letter_wrong(child: CensusChild, year: CensusYear) -> bool:  # 1510
    upn = child.upn.upper()
    try:
        return bool(upn) and upn_check_letter(upn[1:]) != upn[0]
    except ValueError:  # not 11 digits and a last character: rules 1540 and 1550 say so
        return False


def upn_duplicated(child: CensusChild, year: CensusYear) -> bool:  # 1520
    return bool(child.upn) and child.upn in year.duplicate_upns


def upn_la_code_unknown(child: CensusChild, year: CensusYear) -> bool:  # 1530
    return bool(child.upn) and child.upn[1:4] not in DFE_LA_CODES | {year.la_code}


def upn_middle_not_numeric(child: CensusChild, year: CensusYear) -> bool:  # 1540
    return bool(child.upn) and not (child.upn[4:12].isascii() and child.upn[4:12].isdigit())


def upn_last_character_invalid(child: CensusChild, year: CensusYear) -> bool:  # 1550
    last = child.upn[12:13].upper()
    return bool(child.upn) and not (last.isdigit() or (last != "" and last in UPN_LETTERS))


def former_upn_badly_formed(child: CensusChild, year: CensusYear) -> bool:  # 1560Q
    return bool(child.former_upn) and not FORMER_UPN.match(child.former_upn)


def child_id_too_long(child: CensusChild, year: CensusYear) -> bool:  # 1570
    return len(child.la_child_id) > 20


def child_id_not_alphanumeric(child: CensusChild, year: CensusYear) -> bool:  # 1580
    return not ALPHANUMERIC.match(child.la_child_id)


def child_id_missing(child: CensusChild, year: CensusYear) -> bool:  # 8500
    return not child.la_child_id.strip()


def child_id_duplicated(child: CensusChild, year: CensusYear) -> bool:  # 8510
    return bool(child.la_child_id) and child.la_child_id in year.duplicate_child_ids


def school_age_without_upn(child: CensusChild, year: CensusYear) -> bool:  # 8770Q
    # CADS records no UPN-unknown reason, so a school-age child with no UPN is a query.
    dob = child.date_of_birth
    if child.upn or dob is None:
        return False
    oldest, youngest = _school_age_births(year.end)
    return oldest < dob <= youngest


@functools.cache
def _school_age_births(end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Born after the first and on or before the second: aged 6 to 15 on 31 March."""
    return end - relativedelta(years=16), end - relativedelta(years=6)


# --- Characteristics --------------------------------------------------------------------


def sex_invalid(child: CensusChild, year: CensusYear) -> bool:  # 4180
    return child.sex not in SEXES


def unborn_sex_not_u(child: CensusChild, year: CensusYear) -> bool:  # 8750
    unborn = child.date_of_birth is None and child.expected_date_of_birth is not None
    return unborn and child.sex != Sex.UNKNOWN


def ethnicity_invalid(child: CensusChild, year: CensusYear) -> bool:  # 4220
    return child.ethnicity not in ETHNICITIES


def birth_after_year(child: CensusChild, year: CensusYear) -> bool:  # 8520
    return child.date_of_birth is not None and child.date_of_birth > year.end


def birth_date_not_one_of_two(child: CensusChild, year: CensusYear) -> bool:  # 8525Q
    return (child.date_of_birth is None) == (child.expected_date_of_birth is None)


def expected_birth_out_of_range(child: CensusChild, year: CensusYear) -> bool:  # 8530Q
    expected = child.expected_date_of_birth
    in_range = expected is not None and (
        datetime.date(year.year, 3, 1) <= expected <= datetime.date(year.year, 12, 31)
    )
    return expected is not None and child.date_of_birth is None and not in_range


def disability_invalid(child: CensusChild, year: CensusYear) -> bool:  # 8540
    return any(code not in DISABILITIES for code in child.disabilities)


def disability_none_with_others(child: CensusChild, year: CensusYear) -> bool:  # 8790
    return Disability.NONE in child.disabilities and len(set(child.disabilities)) > 1


def disability_repeated(child: CensusChild, year: CensusYear) -> bool:  # 8794
    return len(set(child.disabilities)) != len(child.disabilities)
