"""Office time inside PostgreSQL, so the dashboard counts on-time and late work with
aggregate SQL instead of loading contacts into Python (issue 7: 1 s at 1M contacts).

`cads_office_seconds(t, opens, closes, tz, holidays, as_end)` is the office time, in seconds,
from Monday 3 January 2000 to the moment t: whole working days (weekdays less the England
and Wales bank holidays that cads.core.clocks knows, passed in as a sorted array) times the
office day, plus the office time already gone on t's own day. It is plain arithmetic (no
table lookups, inlined by PostgreSQL), so it costs little per row.

Work done at `done` on a clock started at `start` with `amount` of office time is on time
exactly when cads.core.clocks.add_working_hours(start, amount) >= done, which is
office_seconds(done, as_end) - office_seconds(start) <= amount: `as_end` adds a millisecond
to a moment outside (opens, closes] on a working day, so work done in the evening after a
deadline at closing time counts as late, as it does on screen (ADR 0015; tests compare the
two on many moments)."""

from __future__ import annotations

import datetime

from django.db.models import F, Q, Value

# The expressions moved down to cads.deadlines (the work tray orders by them too); the
# dashboard's modules import them from here as before.
from cads.deadlines.sql import (  # noqa: F401 - re-exported
    CALENDAR_END,
    EPOCH,
    office_seconds,
    office_seconds_at,
    weekday_holidays,
)

OFFICE_SECONDS_SQL = """
CREATE OR REPLACE FUNCTION cads_office_seconds(
    t timestamptz, opens time, closes time, tz text, holidays date[], as_end boolean
) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT
    (
        ((t AT TIME ZONE tz)::date - DATE '2000-01-03') / 7 * 5
        + LEAST(((t AT TIME ZONE tz)::date - DATE '2000-01-03') % 7, 5)
        - width_bucket((t AT TIME ZONE tz)::date - 1, holidays)
    ) * extract(epoch FROM closes - opens)
    + CASE
        WHEN extract(isodow FROM (t AT TIME ZONE tz)::date) < 6
            AND width_bucket((t AT TIME ZONE tz)::date, holidays)
                = width_bucket((t AT TIME ZONE tz)::date - 1, holidays)
        THEN LEAST(
            GREATEST(extract(epoch FROM (t AT TIME ZONE tz)::time - opens), 0),
            extract(epoch FROM closes - opens)
        )
        + CASE
            WHEN as_end AND NOT (
                (t AT TIME ZONE tz)::time > opens AND (t AT TIME ZONE tz)::time <= closes
            ) THEN 0.001 ELSE 0 END
        ELSE CASE WHEN as_end THEN 0.001 ELSE 0 END
    END
$$;
"""
DROP_OFFICE_SECONDS_SQL = (
    "DROP FUNCTION IF EXISTS cads_office_seconds(timestamptz, time, time, text, date[], boolean);"
)

# The handover rule (ADR 0030; cads.deadlines.due.clocks_start): the moment itself in office
# hours, else the next opening (the first working day from t's own day, at opening time, if
# t is before that day's opening; else from the next day). Weekday bank holidays come in as
# for cads_office_seconds; a fortnight always holds a working day.
CLOCK_START_SQL = """
CREATE OR REPLACE FUNCTION cads_clock_start(
    t timestamptz, opens time, closes time, tz text, holidays date[]
) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE
    WHEN extract(isodow FROM (t AT TIME ZONE tz)::date) < 6
        AND NOT (t AT TIME ZONE tz)::date = ANY(holidays)
        AND (t AT TIME ZONE tz)::time >= opens AND (t AT TIME ZONE tz)::time < closes
    THEN t
    ELSE (
        SELECT (g.day::date + opens) AT TIME ZONE tz
        FROM generate_series(
            (t AT TIME ZONE tz)::date, (t AT TIME ZONE tz)::date + 14, interval '1 day'
        ) AS g(day)
        WHERE extract(isodow FROM g.day) < 6 AND NOT g.day::date = ANY(holidays)
            AND (g.day::date > (t AT TIME ZONE tz)::date OR (t AT TIME ZONE tz)::time < opens)
        ORDER BY g.day LIMIT 1
    )
END
$$;
"""
DROP_CLOCK_START_SQL = (
    "DROP FUNCTION IF EXISTS cads_clock_start(timestamptz, time, time, text, date[]);"
)


def office_conditions(
    amount: datetime.timedelta, now_seconds: float, *, done: str = "done"
) -> dict[str, Q]:
    """On time, late, overdue (not done, past the deadline) and waiting (not done, not yet
    due) for a clock of `amount` office time, given annotations `start_s` (office seconds at
    the start), `<done>` (when it was done) and `<done>_s` (office seconds then, as an end)."""
    limit = amount.total_seconds()
    return {
        "on_time": Q(**{f"{done}_s__lte": F("start_s") + limit}),
        "late": Q(**{f"{done}_s__gt": F("start_s") + limit}),
        "overdue": Q(**{f"{done}__isnull": True, "start_s__lt": now_seconds - limit}),
        "waiting": Q(**{f"{done}__isnull": True, "start_s__gte": now_seconds - limit}),
    }


def elapsed_conditions(
    amount: datetime.timedelta,
    now: datetime.datetime,
    *,
    done: str = "done",
    start: str = "received_at",
) -> dict[str, Q]:
    """The same four for a clock that runs outside office hours (red: real elapsed time)."""
    due = F(start) + Value(amount)
    return {
        "on_time": Q(**{f"{done}__lte": due}),
        "late": Q(**{f"{done}__gt": due}),
        "overdue": Q(**{f"{done}__isnull": True, f"{start}__lte": now - amount}),
        "waiting": Q(**{f"{done}__isnull": True, f"{start}__gt": now - amount}),
    }
