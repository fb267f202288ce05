from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate

from cads.deadlines.seed import seed_clocks


def _seed_defaults_when_empty(sender: Any, **kwargs: Any) -> None:
    """Put the default RAG levels and clocks back after a flush (test databases): the data
    migration seeds them once; an administrator's own rows are never overwritten."""
    if apps.get_model("deadlines", "RagLevel").objects.exists():
        return
    seed_clocks(apps)


class DeadlinesConfig(AppConfig):
    """Deadlines: when a contact, a decision, a partner check and a letter are due, and a
    contact's RAG, from the clock configuration (RAG levels and the decision and
    acknowledgement timescales) an administrator edits."""

    name = "cads.deadlines"
    label = "deadlines"

    def ready(self) -> None:
        post_migrate.connect(_seed_defaults_when_empty, sender=self)
