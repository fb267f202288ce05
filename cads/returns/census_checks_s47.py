"""CIN census checks on what the assessment social worker records after the referral: the
assessment's factors, the section 47 enquiry and its conference, and a referral with no
further action (one function per DfE rule, named in `census_rules.RULES`). Each returns
True when the child FAILS the rule."""

from __future__ import annotations

from collections.abc import Callable

from cads.returns.census_checks_episode import working_days_cutoff
from cads.returns.census_data import CensusChild, CensusYear, Episode

NO_FACTORS = "21"
CLOSED_AFTER_ASSESSMENT = frozenset({"RC8", "RC9"})
# Working Together 2023: the initial conference within 15 working days.
ICPC_WORKING_DAYS = 15


def _any(child: CensusChild, fails: Callable[[Episode], bool]) -> bool:
    return any(fails(e) for e in child.episodes)


# --- Assessment factors -------------------------------------------------------------------


def factors_on_open_assessment(child: CensusChild, year: CensusYear) -> bool:  # 8614
    return _any(child, lambda e: bool(e.factors) and e.assessment_end is None)


def no_factors_with_others(child: CensusChild, year: CensusYear) -> bool:  # 8869
    return _any(child, lambda e: NO_FACTORS in e.factors and len(e.factors) > 1)


def factor_repeated(child: CensusChild, year: CensusYear) -> bool:  # 8898
    return _any(child, lambda e: len(set(e.factors)) != len(e.factors))


def no_factors_but_not_closed_after_assessment(child: CensusChild, year: CensusYear) -> bool:
    # 8873Q: "21 No factors identified" is for an episode closed after the assessment.
    return _any(
        child,
        lambda e: NO_FACTORS in e.factors and e.closure_reason not in CLOSED_AFTER_ASSESSMENT,
    )


# --- Section 47 and the initial conference ----------------------------------------------


def section_47_before_referral(child: CensusChild, year: CensusYear) -> bool:  # 2889
    def fails(e: Episode) -> bool:
        start, referred = e.s47_start, e.referral_date
        return start is not None and referred is not None and start < referred

    return _any(child, fails)


def conference_before_referral(child: CensusChild, year: CensusYear) -> bool:  # 1104
    def fails(e: Episode) -> bool:
        held, referred = e.icpc_date, e.referral_date
        return held is not None and referred is not None and held < referred

    return _any(child, fails)


def conference_before_section_47(child: CensusChild, year: CensusYear) -> bool:  # 8615
    def fails(e: Episode) -> bool:
        return e.icpc_date is not None and (e.s47_start is None or e.s47_start > e.icpc_date)

    return _any(child, fails)


def conference_outside_year(child: CensusChild, year: CensusYear) -> bool:  # 8715
    return _any(child, lambda e: e.icpc_date is not None and not year.in_year(e.icpc_date))


def conference_on_a_weekend(child: CensusChild, year: CensusYear) -> bool:  # 8875
    return _any(child, lambda e: e.icpc_date is not None and e.icpc_date.weekday() >= 5)


def closed_with_section_47_unfinished(child: CensusChild, year: CensusYear) -> bool:  # 8868
    def fails(e: Episode) -> bool:
        if e.closure_date is None or e.s47_start is None:
            return False
        return (e.icpc_date is None) != e.icpc_not_required

    return _any(child, fails)


def section_47_without_conference(child: CensusChild, year: CensusYear) -> bool:  # 8675Q
    limit = working_days_cutoff(year.end, ICPC_WORKING_DAYS)

    def fails(e: Episode) -> bool:
        waiting = e.icpc_date is None and not e.icpc_not_required
        return e.s47_start is not None and waiting and e.s47_start < limit

    return _any(child, fails)


# --- Referral with no further action ----------------------------------------------------


def activity_on_no_further_action(child: CensusChild, year: CensusYear) -> bool:  # 8831
    def fails(e: Episode) -> bool:
        dates = (e.assessment_start, e.assessment_end, e.s47_start, e.icpc_date)
        return e.referral_nfa and any(d is not None for d in dates)

    return _any(child, fails)
