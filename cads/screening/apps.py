from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed_defaults_when_empty(sender: Any, **kwargs: Any) -> None:
    """Put the default clocks and thresholds back after a flush (test databases): the data
    migration seeds them once; an administrator's own rows are never overwritten."""
    from django.apps import apps

    from cads.screening.seed import seed

    if apps.get_model("screening", "RagLevel").objects.exists():
        return
    seed(apps, None)


class ScreeningConfig(AppConfig):
    """Screening: the work tray, RAG and decision clocks, and the history-first screening of
    a submitted contact (threshold, consent call) before a decision is made."""

    name = "cads.screening"
    label = "screening"

    def ready(self) -> None:
        post_migrate.connect(_seed_defaults_when_empty, sender=self)
