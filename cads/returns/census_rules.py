# ruff: noqa: E501, RUF001 (one rule per line, with the DfE message in full, its quotes too)
"""The DfE CIN census validation rules that concern data CADS holds (spec §2.4, the rules
marked "front-door relevant"), one small function each (census_checks_child.py,
census_checks_episode.py,
census_checks_s47.py) in one table, and the rules about the return as a whole
(census_checks_return.py) in a second.

Each check returns True when the child (or the return) FAILS the rule. Messages are the DfE
rule text as the DfE validator (csc-validator-be-cin, rule set cin2026_27) words them. An
ERROR blocks the export unless forced; a QUERY is listed for the authority to explain in DfE
COLLECT.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from cads.returns import census_checks_child as child_checks
from cads.returns import census_checks_episode as episode_checks
from cads.returns import census_checks_return as return_checks
from cads.returns import census_checks_s47 as later_checks
from cads.returns.census_checks_return import ReturnTally
from cads.returns.census_data import CensusChild, CensusYear

ERROR: Final = "error"
QUERY: Final = "query"

Check = Callable[[CensusChild, CensusYear], bool]
ReturnCheck = Callable[[ReturnTally], bool]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    message: str
    check: Check


RULES: Final[tuple[Rule, ...]] = (
    Rule("1104", ERROR, "The date of the initial child protection conference cannot be before the referral date", later_checks.conference_before_referral),
    Rule("1103", ERROR, "The assessment start date cannot be before the referral date", episode_checks.assessment_before_referral),
    Rule("1510", ERROR, "UPN invalid (wrong check letter at character 1)", child_checks.upn_check_letter_wrong),
    Rule("1520", ERROR, "More than one record with the same UPN.", child_checks.upn_duplicated),
    Rule("1530", ERROR, "UPN invalid (characters 2-4 not a recognised LA code)", child_checks.upn_la_code_unknown),
    Rule("1540", ERROR, "UPN invalid (characters 5-12 not all numeric)", child_checks.upn_middle_not_numeric),
    Rule("1550", ERROR, "UPN invalid (character 13 not a recognised value)", child_checks.upn_last_character_invalid),
    Rule("1560Q", QUERY, "Please check and either amend or provide a reason: Former UPN wrongly formatted", child_checks.former_upn_badly_formed),
    Rule("1570", ERROR, "LA Child ID must not be longer than 20 characters", child_checks.child_id_too_long),
    Rule("1580", ERROR, "LA Child ID must not contain any non-alphanumeric characters", child_checks.child_id_not_alphanumeric),
    Rule("2889", ERROR, "The S47 start date cannot be before the referral date.", later_checks.section_47_before_referral),
    Rule("2990", ERROR, "Activity is recorded against a case marked as 'Case closed after assessment, no further action' or 'case closed after assessment, referred to early help'.", episode_checks.activity_after_closed_after_assessment),
    Rule("2991Q", QUERY, "Please check and either amend data or provide a reason: A Section 47 module is recorded and there is no assessment on the episode", episode_checks.section_47_without_assessment),
    Rule("4180", ERROR, "Sex must be provided and equal M, F, or U", child_checks.sex_invalid),
    Rule("4220", ERROR, "Ethnicity is missing or invalid (see Ethnicity table)", child_checks.ethnicity_invalid),
    Rule("8500", ERROR, "LA Child ID missing", child_checks.child_id_missing),
    Rule("8510", ERROR, "More than one child record with the same LA Child ID", child_checks.child_id_duplicated),
    Rule("8520", ERROR, "Date of Birth is after data collection period (must be on or before the end of the census period)", child_checks.birth_after_year),
    Rule("8525Q", QUERY, "Either Date of Birth or Expected Date of Birth must be provided (but not both)", child_checks.birth_date_not_one_of_two),
    Rule("8530Q", QUERY, "Please check and either amend data or provide a reason: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)", child_checks.expected_birth_out_of_range),
    Rule("8540", ERROR, "Child's disability is missing or invalid (see Disability table)", child_checks.disability_invalid),
    Rule("8555Q", QUERY, "Child cannot be referred after its recorded date of death", episode_checks.referred_after_death),
    Rule("8565", ERROR, "Activity shown after a case has been closed", episode_checks.activity_after_closure),
    Rule("8600", ERROR, "Child referral date missing or after data collection period", episode_checks.referral_date_missing_or_late),
    Rule("8608", ERROR, "Assessment Start Date cannot be later than its End Date", episode_checks.assessment_ends_before_it_starts),
    Rule("8606", ERROR, "Child referral date is more than 40 weeks before DOB or expected DOB", episode_checks.referral_long_before_birth),
    Rule("8610", ERROR, "Primary Need code is missing for a referral which led to further action.", episode_checks.primary_need_missing),
    Rule("8614", ERROR, "Parental or child factors at assessment should only be present for a completed assessment.", later_checks.factors_on_open_assessment),
    Rule("8615", ERROR, "Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference", later_checks.conference_before_section_47),
    Rule("8620", ERROR, "CIN Closure Date present and does not fall within the Census year", episode_checks.closure_outside_year),
    Rule("8630", ERROR, "CIN Closure Date is before CIN Referral Date for the same CIN episode", episode_checks.closure_before_referral),
    Rule("8640", ERROR, "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)", episode_checks.closure_reason_invalid),
    Rule("8650", ERROR, "Primary Need Code invalid (see Primary Need table in CIN census code set)", episode_checks.primary_need_invalid),
    Rule("8670Q", QUERY, "Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.", episode_checks.assessment_open_too_long),
    Rule("8675Q", QUERY, "Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.", later_checks.section_47_without_conference),
    Rule("8696", ERROR, "Assessment end date must fall within the census year", episode_checks.assessment_end_outside_year),
    Rule("8715", ERROR, "Date of Initial Child Protection Conference must fall within the census year", later_checks.conference_outside_year),
    Rule("8736", ERROR, "For an Assessment that has not been completed, the start date must fall within the census year", episode_checks.open_assessment_started_before_year),
    Rule("8750", ERROR, "Sex must equal U for an unborn child", child_checks.unborn_sex_not_u),
    Rule("8770Q", QUERY, "Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.", child_checks.school_age_without_upn),
    Rule("8772", ERROR, "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action", child_checks.upn_unknown_un7_with_further_action),
    Rule("8790", ERROR, "Disability information includes both None and other values", child_checks.disability_none_with_others),
    Rule("8794", ERROR, "Child has two or more disabilities with the same code", child_checks.disability_repeated),
    Rule("8805", ERROR, "A CIN case cannot have a CIN closure date without a Reason for Closure", episode_checks.closure_date_without_reason),
    Rule("8810", ERROR, "A CIN case cannot have a Reason for Closure without a CIN Closure Date", episode_checks.closure_reason_without_date),
    Rule("8815", ERROR, "More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.", episode_checks.several_open_episodes),
    Rule("8816", ERROR, "An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.", episode_checks.open_episode_not_the_latest),
    Rule("8820", ERROR, "The dates on the CIN episodes for this child overlap", episode_checks.episodes_overlap),
    Rule("8825Q", QUERY, "Please check and either amend data or provide a reason: Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after assessment, referred to early help) has been returned but there is no assessment present for the episode.", episode_checks.closed_after_assessment_without_one),
    Rule("8831", ERROR, "Activity is recorded against a case marked as a referral with no further action", later_checks.activity_on_no_further_action),
    Rule("8866", ERROR, "Source of Referral is missing or an invalid code", episode_checks.referral_source_invalid),
    Rule("8868", ERROR, "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag", later_checks.closed_with_section_47_unfinished),
    Rule("8869", ERROR, "The assessment factors code “21” cannot be used in conjunction with any other assessment factors.", later_checks.no_factors_with_others),
    Rule("8873Q", QUERY, "Please check and either amend data or provide a reason: When there is only one assessment on the episode and the factors code “21 No factors identified” has been used for the completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.", later_checks.no_factors_but_not_closed_after_assessment),
    Rule("8875", ERROR, "The Date of Initial Child Protection Conference cannot be a weekend", later_checks.conference_on_a_weekend),
    Rule("8897Q", QUERY, "Parental or child factors at assessment information is missing from a completed assessment", episode_checks.completed_assessment_without_factors),
    Rule("8898", ERROR, " The assessment has more than one parental or child factors with the same code", later_checks.factor_repeated),
)  # fmt: skip


@dataclass(frozen=True)
class ReturnRule:
    """A rule the DfE raises once for the return, not for a child. Those CADS checks are
    all queries ("Please check and either amend or provide a reason"): they never block
    the export."""

    code: str
    message: str
    check: ReturnCheck
    severity: str = QUERY


RETURN_RULES: Final[tuple[ReturnRule, ...]] = (
    ReturnRule("2886Q", "Please check and either amend or provide a reason: Percentage of children with no sex recorded is more than 2% (excluding unborns)", return_checks.sex_not_recorded_for_over_2_percent),
    ReturnRule("2887Q", "Please check and either amend or provide a reason: Less than 8 disability codes have been used in your return", return_checks.fewer_than_8_disability_codes),
    ReturnRule("2888Q", "Please check and either amend or provide a reason: Only one disability code is recorded per child and multiple disabilities should be recorded where possible.", return_checks.one_disability_per_child),
)  # fmt: skip


def failed_rules(child: CensusChild, year: CensusYear) -> list[Rule]:
    """The rules this child fails, in rule-code order."""
    return [rule for rule in RULES if rule.check(child, year)]


def failed_return_rules(tally: ReturnTally) -> list[ReturnRule]:
    """The return-level rules the whole return fails, in rule-code order; none for a return
    with no children, which is never written."""
    if tally.children == 0:
        return []
    return [rule for rule in RETURN_RULES if rule.check(tally)]
