"""Time left to a deadline in words, so urgency is never shown by colour alone."""

from __future__ import annotations

from datetime import datetime, timedelta

_MINUTE = 60
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR


def _unit(count: int, name: str) -> str:
    return f"{count} {name}{'' if count == 1 else 's'}"


def duration_words(delta: timedelta) -> str:
    """'2 hours 10 minutes', '1 day 3 hours', 'less than a minute'."""
    seconds = int(abs(delta.total_seconds()))
    days, rest = divmod(seconds, _DAY)
    hours, rest = divmod(rest, _HOUR)
    minutes = rest // _MINUTE
    if days:
        parts = [_unit(days, "day")] + ([_unit(hours, "hour")] if hours else [])
    elif hours:
        parts = [_unit(hours, "hour")] + ([_unit(minutes, "minute")] if minutes else [])
    elif minutes:
        parts = [_unit(minutes, "minute")]
    else:
        return "less than a minute"
    return " ".join(parts)


def time_left_words(due: datetime, now: datetime) -> str:
    """'Overdue by 2 hours 10 minutes' or '3 hours 5 minutes left'."""
    if due <= now:
        return f"Overdue by {duration_words(now - due)}"
    return f"{duration_words(due - now)} left"
