"""CIN census checks on a child's identifiers and characteristics (one function per DfE
rule, named in `census_rules.RULES`). Each returns True when the child FAILS the rule."""

from __future__ import annotations

import datetime
import re
from typing import Final

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
SCHOOL_AGE_UPN_REASONS: Final = frozenset({"UN2", "UN3", "UN4", "UN5", "UN6", "UN7"})


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
    # The DfE: born on or before 31 August six years before the reference date's year (of
    # school age, with no upper age), with an episode that led to further action, and no
    # UPN nor a reason UN2-UN7 for it.
    dob = child.date_of_birth
    if child.upn or dob is None or child.upn_unknown in SCHOOL_AGE_UPN_REASONS:
        return False
    further_action = any(not e.referral_nfa for e in child.episodes)
    return further_action and dob <= school_age_born_by(year.end)


def school_age_born_by(end: datetime.date) -> datetime.date:
    """31 August after the reference date, six years before (the DfE validator: 31 March
    plus 4 months and 31 days, less 6 years): 31 August 2020 for the 2025-26 census."""
    return datetime.date(end.year - 6, 8, 31)


def upn_unknown_un7_with_further_action(child: CensusChild, year: CensusYear) -> bool:  # 8772
    return child.upn_unknown == "UN7" and any(not e.referral_nfa for e in child.episodes)


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
