"""CIN census checks on a child's episodes (one function per DfE rule, named in
`census_rules.RULES`). Each returns True when the child FAILS the rule."""

from __future__ import annotations

import datetime
import functools
import itertools
from collections.abc import Callable
from typing import Final

from cads.core.clocks import is_working_day
from cads.referrals.codes import PrimaryNeed
from cads.returns.census_data import CensusChild, CensusYear, Episode

REFERRAL_SOURCES: Final = frozenset(
    ("1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B",
     "5C", "5D", "6", "7", "8", "9", "10")
)  # fmt: skip
CLOSURE_REASONS: Final = frozenset(f"RC{n}" for n in range(1, 10))
CLOSED_AFTER_ASSESSMENT: Final = frozenset({"RC8", "RC9"})
PRIMARY_NEEDS: Final = frozenset(PrimaryNeed.values)


def _any_episode(child: CensusChild, test: Callable[[Episode], bool]) -> bool:
    return any(test(e) for e in child.episodes)


@functools.cache
def working_days_cutoff(end: datetime.date, days: int) -> datetime.date:
    """The day `days` working days back from the reference date, counting 31 March itself as
    day 1 (the DfE validator: `end - CustomBusinessDay(days - 1)`, rules 8670Q and 8675Q),
    so with 45 days the cut-off for 31 March 2027 is 26 January 2027."""
    day, left = end, days - 1
    while left:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


# --- Episodes ---------------------------------------------------------------------------


def assessment_before_referral(child: CensusChild, year: CensusYear) -> bool:  # 1103
    def fails(e: Episode) -> bool:
        start, referred = e.assessment_start, e.referral_date
        return start is not None and referred is not None and start < referred

    return _any_episode(child, fails)


def activity_after_closed_after_assessment(child: CensusChild, year: CensusYear) -> bool:  # 2990
    return _any_episode(
        child, lambda e: e.closure_reason in CLOSED_AFTER_ASSESSMENT and e.s47_start is not None
    )


def section_47_without_assessment(child: CensusChild, year: CensusYear) -> bool:  # 2991Q
    return _any_episode(child, lambda e: e.s47_start is not None and not e.has_assessment)


def referred_after_death(child: CensusChild, year: CensusYear) -> bool:  # 8555Q
    died = child.date_of_death
    return died is not None and _any_episode(
        child, lambda e: e.referral_date is not None and e.referral_date > died
    )


def activity_after_closure(child: CensusChild, year: CensusYear) -> bool:  # 8565
    def fails(e: Episode) -> bool:
        dates = (e.assessment_start, e.assessment_end, e.s47_start)
        closed = e.closure_date
        return closed is not None and any(d is not None and d > closed for d in dates)

    return _any_episode(child, fails)


def referral_date_missing_or_late(child: CensusChild, year: CensusYear) -> bool:  # 8600
    return _any_episode(child, lambda e: e.referral_date is None or e.referral_date > year.end)


def referral_long_before_birth(child: CensusChild, year: CensusYear) -> bool:  # 8606
    born = child.date_of_birth or child.expected_date_of_birth
    if born is None:
        return False
    earliest = born - datetime.timedelta(weeks=40)
    return _any_episode(child, lambda e: e.referral_date is not None and e.referral_date < earliest)


def primary_need_missing(child: CensusChild, year: CensusYear) -> bool:  # 8610
    return _any_episode(child, lambda e: not e.referral_nfa and not e.primary_need)


def closure_outside_year(child: CensusChild, year: CensusYear) -> bool:  # 8620
    return _any_episode(
        child, lambda e: e.closure_date is not None and not year.in_year(e.closure_date)
    )


def closure_before_referral(child: CensusChild, year: CensusYear) -> bool:  # 8630
    def fails(e: Episode) -> bool:
        return None not in (e.closure_date, e.referral_date) and e.closure_date < e.referral_date  # type: ignore[operator]

    return _any_episode(child, fails)


def closure_reason_invalid(child: CensusChild, year: CensusYear) -> bool:  # 8640
    return _any_episode(
        child, lambda e: bool(e.closure_reason) and e.closure_reason not in CLOSURE_REASONS
    )


def primary_need_invalid(child: CensusChild, year: CensusYear) -> bool:  # 8650
    return _any_episode(
        child, lambda e: bool(e.primary_need) and e.primary_need not in PRIMARY_NEEDS
    )


def assessment_open_too_long(child: CensusChild, year: CensusYear) -> bool:  # 8670Q
    # Working Together 2023: a Child and Family Assessment within 45 working days.
    limit = working_days_cutoff(year.end, 45)
    return _any_episode(
        child,
        lambda e: e.has_assessment and e.assessment_end is None and e.assessment_start < limit,  # type: ignore[operator]
    )


def assessment_end_outside_year(child: CensusChild, year: CensusYear) -> bool:  # 8696
    return _any_episode(
        child, lambda e: e.assessment_end is not None and not year.in_year(e.assessment_end)
    )


def open_assessment_started_before_year(child: CensusChild, year: CensusYear) -> bool:  # 8736
    return _any_episode(
        child,
        lambda e: e.has_assessment and e.assessment_end is None
        and not year.in_year(e.assessment_start),
    )  # fmt: skip


def closure_date_without_reason(child: CensusChild, year: CensusYear) -> bool:  # 8805
    return _any_episode(child, lambda e: e.closure_date is not None and not e.closure_reason)


def closure_reason_without_date(child: CensusChild, year: CensusYear) -> bool:  # 8810
    return _any_episode(child, lambda e: bool(e.closure_reason) and e.closure_date is None)


def several_open_episodes(child: CensusChild, year: CensusYear) -> bool:  # 8815
    return sum(1 for e in child.episodes if e.is_open and not e.referral_nfa) > 1


def episodes_overlap(child: CensusChild, year: CensusYear) -> bool:  # 8820
    dated = sorted(
        (e for e in child.episodes if e.referral_date is not None),
        key=lambda e: e.referral_date,  # type: ignore[arg-type,return-value]
    )
    for earlier, later in itertools.pairwise(dated):
        if earlier.referral_nfa:
            continue
        if earlier.closure_date is None or later.referral_date < earlier.closure_date:  # type: ignore[operator]
            return True
    return False


def closed_after_assessment_without_one(child: CensusChild, year: CensusYear) -> bool:  # 8825Q
    return _any_episode(
        child, lambda e: e.closure_reason in CLOSED_AFTER_ASSESSMENT and not e.has_assessment
    )


def referral_source_invalid(child: CensusChild, year: CensusYear) -> bool:  # 8866
    return _any_episode(child, lambda e: e.source not in REFERRAL_SOURCES)


def completed_assessment_without_factors(child: CensusChild, year: CensusYear) -> bool:  # 8897Q
    return _any_episode(child, lambda e: e.assessment_end is not None and not e.factors)


def assessment_ends_before_it_starts(child: CensusChild, year: CensusYear) -> bool:  # 8608
    def fails(e: Episode) -> bool:
        start, end = e.assessment_start, e.assessment_end
        return start is not None and end is not None and start > end

    return _any_episode(child, fails)


def open_episode_not_the_latest(child: CensusChild, year: CensusYear) -> bool:  # 8816
    dated = [e for e in child.episodes if e.referral_date is not None]
    if not dated:
        return False
    # The DfE takes the first episode with the latest referral date as "the latest".
    latest = max(dated, key=lambda e: e.referral_date)  # type: ignore[arg-type,return-value]
    return any(e.is_open and not e.referral_nfa and e is not latest for e in dated)
