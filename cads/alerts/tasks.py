"""Staff alert background work on Procrastinate (ADR 0003): one email per alert, and the
alerts sweep registered with the five-minute deadline sweep (cads.core.sweeps)."""

from __future__ import annotations

import datetime

from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from cads.alerts.services import alert_email_send
from cads.alerts.sweep import alerts_sweep
from cads.core import sweeps


# Retries like the other staff emails (cads.core.tasks.staff_email): a mail server briefly
# down should not lose an alert; the alert stays in the in-app list whatever happens.
@app.task(name="cads.alert_email", queue="default", retry=RetryStrategy(max_attempts=5, wait=30))
def alert_email(alert_id: str) -> None:
    """Email one alert to its recipient; safe to run twice (an emailed alert is left alone)."""
    alert_email_send(alert_id=alert_id)


@sweeps.register("alerts")
def alerts_deadline_sweep(at: datetime.datetime) -> int:
    """Deadlines and failures that need a member of staff (cads.alerts.sweep)."""
    return alerts_sweep(at)
