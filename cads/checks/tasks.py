"""Partner check background tasks on Procrastinate (ADR 0003): the escalation sweep."""

from __future__ import annotations

import datetime

from procrastinate.contrib.django import app

from cads.checks.escalation import checks_escalate_overdue


# Every five minutes, like the deadline sweep: a red check is due within hours. The
# queueing lock stops sweeps piling up; escalation itself is safe to run twice.
@app.periodic(cron="*/5 * * * *", periodic_id="checks-escalation")
@app.task(name="checks.escalate_overdue", queue="sweeps", queueing_lock="checks-escalation")
def escalate_overdue_task(timestamp: int) -> None:
    """Escalate overdue partner checks to the team managers (cads.checks.escalation)."""
    at = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)
    checks_escalate_overdue(at)
