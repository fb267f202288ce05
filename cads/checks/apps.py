from django.apps import AppConfig


class ChecksConfig(AppConfig):
    """MASH checks: questions to partner agencies about a contact, their answers, and the
    information-sharing record of every disclosure (and every decision not to share)."""

    name = "cads.checks"
    label = "checks"

    def ready(self) -> None:
        # Its screens in the navigation and what it does at other apps' moments
        # (cads.core.navigation, cads.core.moments, ADR 0017).
        from cads.checks import (  # noqa: PLC0415 - apps are loaded only now
            handlers,
            navigation,
            timeline,
        )

        navigation.register()
        handlers.register()
        # Its entries in a child's file (cads.people.timeline).
        timeline.register()
