from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed_defaults_when_empty(sender: Any, **kwargs: Any) -> None:
    """Put the default thresholds back after a flush (test databases): the data migration
    seeds them once; an administrator's own rows are never overwritten (the default clocks:
    cads.deadlines.apps)."""
    from django.apps import apps

    from cads.screening.seed import seed_thresholds

    if apps.get_model("screening", "ThresholdLevel").objects.exists():
        return
    seed_thresholds(apps)


class ScreeningConfig(AppConfig):
    """Screening: the work tray (by the deadlines of cads.deadlines) and the history-first
    screening of a submitted contact (threshold, consent call) before a decision is made."""

    name = "cads.screening"
    label = "screening"

    def ready(self) -> None:
        post_migrate.connect(_seed_defaults_when_empty, sender=self)
