"""Working-day and working-hour clocks for the front door (ADR 0005).

Working days are Monday to Friday except England and Wales bank holidays; working hours are
office hours on working days (default 09:00-17:00, Europe/London). A moment is "in hours" when
``opens <= local time < closes`` on a working day; the closing moment itself is out of hours.

Semantics:

* Working-hour clocks count only office time. A clock started out of hours (evening, weekend,
  bank holiday) starts at the next opening. A deadline that uses up a day exactly is returned
  as that day's closing time (17:00), not the next opening.
* ``keeps_running=True`` (red RAG) counts real elapsed time, 24/7, in UTC, so a DST change
  adds or removes a real hour.
* A working day on a received moment is a working day's length of office time:
  Monday 10:00 + 1 working day = Tuesday 10:00; Friday 16:00 + 1 = Monday 16:00;
  Saturday 11:00 + 1 = Monday 17:00 (the clock starts Monday 09:00).
* Date-based statutory clocks (45 and 15 working days) count dates with
  ``add_working_days_to_date``: the day itself is not counted, so Friday + 1 = Monday.

Bank holidays come from the ``govuk-bank-holidays`` data bundled in the package, loaded with
``use_cached_holidays=True`` so nothing is fetched at run time. Version 0.19 bundles 2012-2028
(``bundled_years()`` reports the live range). For any year outside it, holidays are computed by
rule (``rule_based_holidays``); one-off holidays (jubilees, coronations, state funerals, moved
early May holidays) only ever come from the bundled data, so a pre-2012 or post-2028 one-off is
unknown until the package is upgraded.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.easter import easter
from govuk_bank_holidays.bank_holidays import BankHolidays

LONDON = ZoneInfo("Europe/London")
_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


@dataclass(frozen=True)
class OfficeHours:
    """Office opening and closing times on working days, in one time zone."""

    opens: time = time(9)
    closes: time = time(17)
    tz: ZoneInfo = LONDON

    def __post_init__(self) -> None:
        """Reject zoned times and periods that do not open before they close."""
        if self.opens.tzinfo is not None or self.closes.tzinfo is not None:
            raise ValueError("office opening and closing times must be naive wall-clock times")
        if self.opens >= self.closes:
            raise ValueError("office hours must open before they close on the same day")

    @property
    def working_day(self) -> timedelta:
        """Length of one working day of office time."""
        return _since_midnight(self.closes) - _since_midnight(self.opens)


DEFAULT = OfficeHours()


def _since_midnight(moment: time) -> timedelta:
    """Wall-clock time of day as a duration since midnight."""
    return timedelta(hours=moment.hour, minutes=moment.minute, seconds=moment.second)


# --- Bank holidays ------------------------------------------------------------------------


@functools.cache
def _bundled_holidays() -> frozenset[date]:
    """England and Wales holidays bundled with govuk-bank-holidays (never downloaded)."""

    bank_holidays = BankHolidays(use_cached_holidays=True)
    events = bank_holidays.get_holidays(division=BankHolidays.ENGLAND_AND_WALES)
    return frozenset(event["date"] for event in events)


@functools.cache
def bundled_years() -> range:
    """Calendar years covered by the bundled GOV.UK data."""
    years = {day.year for day in _bundled_holidays()}
    return range(min(years), max(years) + 1)


def _with_substitutes(days: list[date]) -> set[date]:
    """Move weekend holidays to the next free weekday (1971 Act, proclamation)."""
    result: set[date] = set()
    for holiday in days:
        day = holiday
        while day.weekday() >= _SATURDAY or day in result:
            day += _ONE_DAY
        result.add(day)
    return result


def _last_monday(year: int, month: int) -> date:
    """Last Monday of a month."""
    next_month = date(year + month // 12, month % 12 + 1, 1)
    last = next_month - _ONE_DAY
    return last - timedelta(days=last.weekday())


@functools.cache
def rule_based_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays by the standing rules, without one-off holidays."""
    easter_sunday = easter(year)
    may_first = date(year, 5, 1)
    fixed = [
        easter_sunday - timedelta(days=2),  # Good Friday
        easter_sunday + _ONE_DAY,  # Easter Monday
        may_first + timedelta(days=(7 - may_first.weekday()) % 7),  # Early May: first Monday
        _last_monday(year, 5),  # Spring bank holiday: last Monday in May
        _last_monday(year, 8),  # Summer bank holiday: last Monday in August
    ]
    # New Year's Day, Christmas Day and Boxing Day get substitute weekdays.
    substituted = _with_substitutes([date(year, 1, 1), date(year, 12, 25), date(year, 12, 26)])
    return frozenset(fixed) | substituted


def is_bank_holiday(day: date) -> bool:
    """True if the date is an England and Wales bank holiday (or substitute day)."""
    if isinstance(day, datetime):
        raise TypeError("pass a local date, not a datetime")
    if day.year in bundled_years():
        return day in _bundled_holidays()
    return day in rule_based_holidays(day.year)


def is_working_day(day: date) -> bool:
    """True for Monday to Friday except bank holidays."""
    return day.weekday() < _SATURDAY and not is_bank_holiday(day)


def _next_working_day(day: date) -> date:
    """The first working day after a date."""
    day += _ONE_DAY
    while not is_working_day(day):
        day += _ONE_DAY
    return day


# --- Office periods -----------------------------------------------------------------------


def _require_aware(*moments: datetime) -> None:
    """Clocks run from real instants, so naive datetimes are refused."""
    for moment in moments:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("clock times must be timezone-aware datetimes")


def _period(day: date, hours: OfficeHours) -> tuple[datetime, datetime]:
    """UTC opening and closing instants of the office on a local date (DST-correct)."""
    opens = datetime.combine(day, hours.opens, tzinfo=hours.tz).astimezone(UTC)
    closes = datetime.combine(day, hours.closes, tzinfo=hours.tz).astimezone(UTC)
    return opens, closes


def is_out_of_hours(at: datetime, *, hours: OfficeHours = DEFAULT) -> bool:
    """True outside office hours: evenings, weekends and bank holidays."""
    _require_aware(at)
    day = at.astimezone(hours.tz).date()
    if not is_working_day(day):
        return True
    opens, closes = _period(day, hours)
    return not opens <= at < closes


def next_working_moment(at: datetime, *, hours: OfficeHours = DEFAULT) -> datetime:
    """The moment itself if in office hours, otherwise the next opening."""
    _require_aware(at)
    if not is_out_of_hours(at, hours=hours):
        return at.astimezone(hours.tz)
    day = at.astimezone(hours.tz).date()
    opens, _ = _period(day, hours)
    if not (is_working_day(day) and at < opens):
        opens, _ = _period(_next_working_day(day), hours)
    return opens.astimezone(hours.tz)


# --- Clocks -------------------------------------------------------------------------------


# A deadline is a pure function of its start, length and office hours (bank holidays are
# bundled, never fetched), so each is worked out once per process: the work tray recomputes
# the same contacts' clocks on every view, thousands of them on a bad week (ADR 0026).
@functools.lru_cache(maxsize=65536)
def add_working_hours(
    start: datetime,
    hours: float | timedelta,
    *,
    hours_config: OfficeHours = DEFAULT,
    keeps_running: bool = False,
) -> datetime:
    """Deadline after a number of working hours (or elapsed hours if the clock keeps running)."""
    _require_aware(start)
    remaining = hours if isinstance(hours, timedelta) else timedelta(hours=hours)
    if remaining < timedelta(0):
        raise ValueError("a clock cannot run backwards")
    tz = hours_config.tz
    if keeps_running:
        # Local RAG rule: red clocks keep running outside office hours, in real elapsed time.
        return (start.astimezone(UTC) + remaining).astimezone(tz)
    cursor = next_working_moment(start, hours=hours_config).astimezone(UTC)
    day = cursor.astimezone(tz).date()
    while True:
        _, closes = _period(day, hours_config)
        if remaining <= closes - cursor:
            return (cursor + remaining).astimezone(tz)
        remaining -= closes - cursor
        day = _next_working_day(day)
        cursor, _ = _period(day, hours_config)


def add_working_days(start: datetime, days: int, *, hours: OfficeHours = DEFAULT) -> datetime:
    """Deadline N working days of office time after a moment (Mon 10:00 + 1 = Tue 10:00)."""
    # Working Together 2023: decision within one working day of receipt; amber/green RAG too.
    if days < 0:
        raise ValueError("a clock cannot run backwards")
    return add_working_hours(start, days * hours.working_day, hours_config=hours)


def add_working_days_to_date(day: date, days: int) -> date:
    """The Nth working day after a date, the date itself not counted (Friday + 1 = Monday)."""
    # Working Together 2023: assessment within 45 working days of referral; initial child
    # protection conference within 15 working days of the strategy discussion.
    if days < 0:
        raise ValueError("a clock cannot run backwards")
    for _ in range(days):
        day = _next_working_day(day)
    return day


def working_time_between(
    start: datetime, end: datetime, *, hours: OfficeHours = DEFAULT
) -> timedelta:
    """Office time elapsed between two moments; zero if end is not after start."""
    _require_aware(start, end)
    total = timedelta(0)
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end <= start:
        return total
    day, last = start.astimezone(hours.tz).date(), end.astimezone(hours.tz).date()
    while day <= last:
        if is_working_day(day):
            opens, closes = _period(day, hours)
            total += max(timedelta(0), min(closes, end) - max(opens, start))
        day += _ONE_DAY
    return total


# --- Wall-clock times at the clock changes -------------------------------------------------


def wall_clock_gap(day: date, at: time, *, tz: ZoneInfo = LONDON) -> bool:
    """True for a local time that never happened: the hour skipped when the clocks go
    forward (01:00-01:59 on the last Sunday of March in Europe/London)."""
    naive = datetime.combine(day, at)
    there_and_back = naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)
    return there_and_back.replace(tzinfo=None) != naive


def wall_clock_fold(day: date, at: time, *, tz: ZoneInfo = LONDON) -> bool:
    """True for a local time that happened twice: the hour repeated when the clocks go back
    (01:00-01:59 on the last Sunday of October: once in BST, then again in GMT)."""
    first = datetime.combine(day, at, tzinfo=tz)
    return not wall_clock_gap(day, at, tz=tz) and (
        first.utcoffset() != first.replace(fold=1).utcoffset()
    )


def wall_clock_moment(
    day: date, at: time, *, tz: ZoneInfo = LONDON, later: bool = False
) -> datetime:
    """The instant of a local date and time; at the autumn change `later` picks the second
    (GMT) of the two, else the first (BST). A time in the spring gap is refused: guessing
    would move the clock by an hour."""
    if wall_clock_gap(day, at, tz=tz):
        raise ValueError("that local time does not exist: the clocks went forward")
    return datetime.combine(day, at, tzinfo=tz).replace(fold=1 if later else 0)
