"""Wall-clock times at the clock changes (ADR 0031), in Europe/London: the hour skipped in
spring never happened; the hour repeated in autumn happened twice, once in BST then in GMT."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from cads.core.clocks import wall_clock_fold, wall_clock_gap, wall_clock_moment

SPRING, AUTUMN = date(2026, 3, 29), date(2026, 10, 25)  # the last Sundays of March and October


@pytest.mark.parametrize(
    ("day", "at", "gap", "fold"),
    [
        (SPRING, time(0, 59), False, False),
        (SPRING, time(1, 0), True, False),
        (SPRING, time(1, 30), True, False),
        (SPRING, time(2, 0), False, False),
        (AUTUMN, time(0, 59), False, False),
        (AUTUMN, time(1, 0), False, True),
        (AUTUMN, time(1, 59), False, True),
        (AUTUMN, time(2, 0), False, False),
        (date(2026, 10, 18), time(1, 30), False, False),  # a Sunday a week earlier
    ],
)
def test_gaps_and_folds(day: date, at: time, gap: bool, fold: bool) -> None:
    assert (wall_clock_gap(day, at), wall_clock_fold(day, at)) == (gap, fold)


def test_the_repeated_hour_is_bst_first_then_gmt() -> None:
    assert wall_clock_moment(AUTUMN, time(1, 30)).astimezone(UTC) == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )
    assert wall_clock_moment(AUTUMN, time(1, 30), later=True).astimezone(UTC) == datetime(
        2026, 10, 25, 1, 30, tzinfo=UTC
    )


def test_a_time_that_never_happened_is_refused() -> None:
    with pytest.raises(ValueError, match="clocks went forward"):
        wall_clock_moment(SPRING, time(1, 30))
