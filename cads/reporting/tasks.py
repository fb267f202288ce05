"""The contact facts' refresh on the five-minute sweep (cads.core.sweeps, ADR 0015), so the
dashboard usually finds little left to refresh when it opens."""

from __future__ import annotations

import datetime

from cads.authority.selectors import office_hours
from cads.core import sweeps
from cads.reporting import facts


@sweeps.register("reporting-facts")
def facts_sweep(at: datetime.datetime) -> int:
    """Every five minutes: work out again the facts of contacts changed since the last run."""
    return facts.refresh(office_hours())
