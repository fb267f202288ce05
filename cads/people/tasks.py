"""Person background tasks on Procrastinate (ADR 0003): the nightly duplicate sweep."""

from __future__ import annotations

import datetime

from procrastinate.contrib.django import app

from cads.people.duplicates import duplicate_sweep

# Weeknights look again at everyone changed in the last two days (two, so one failed night
# loses nothing); Sunday night searches the whole register.
CHANGED_WINDOW = datetime.timedelta(days=2)
FULL_SWEEP_WEEKDAY = 6  # Sunday


def sweep_since(at: datetime.datetime, *, full: bool = False) -> datetime.datetime | None:
    """Where the sweep starting at `at` looks from; None means the whole register."""
    if full or at.weekday() == FULL_SWEEP_WEEKDAY:
        return None
    return at - CHANGED_WINDOW


# 02:30 each night, out of office hours; the queueing lock stops a second sweep queueing
# while one is still waiting, and the sweep itself is safe to run twice.
@app.periodic(cron="30 2 * * *", periodic_id="duplicate-sweep")
@app.task(name="people.duplicate_sweep", queue="sweeps", queueing_lock="duplicate-sweep")
def duplicate_sweep_task(timestamp: int, full: bool = False) -> None:
    """Queue likely and certain duplicate pairs for review (see cads.people.duplicates)."""
    at = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)
    duplicate_sweep(since=sweep_since(at, full=full))
