from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared pieces: access declarations, GOV.UK form rendering, clocks, worker hooks."""

    name = "cads.core"
    label = "core"
