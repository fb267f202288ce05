from django.apps import AppConfig


class LettersConfig(AppConfig):
    """Letters to referrers: acknowledgements, outcome letters and consultation records,
    rendered from versioned templates to PDF and emailed on the worker."""

    name = "cads.letters"
    label = "letters"

    def ready(self) -> None:
        # Its screens in the navigation and what it does at other apps' moments
        # (cads.core.navigation, cads.core.moments, ADR 0017).
        from cads.letters import handlers, timeline  # noqa: PLC0415 - apps are loaded only now

        handlers.register()
        # Its entries in a child's file (cads.people.timeline).
        timeline.register()
