from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate

from cads.screening.seed import seed_thresholds


def _seed_defaults_when_empty(sender: Any, **kwargs: Any) -> None:
    """Put the default thresholds back after a flush (test databases): the data migration
    seeds them once; an administrator's own rows are never overwritten (the default clocks:
    cads.deadlines.apps)."""
    if apps.get_model("screening", "ThresholdLevel").objects.exists():
        return
    seed_thresholds(apps)


class ScreeningConfig(AppConfig):
    """Screening: the work tray (by the deadlines of cads.deadlines) and the history-first
    screening of a submitted contact (threshold, consent call) before a decision is made."""

    name = "cads.screening"
    label = "screening"

    def ready(self) -> None:
        # Its screens in the navigation and what it does at other apps' moments
        # (cads.core.navigation, cads.core.moments, ADR 0017).
        from cads.screening import navigation  # noqa: PLC0415 - apps are loaded only now

        navigation.register()

        post_migrate.connect(_seed_defaults_when_empty, sender=self)
