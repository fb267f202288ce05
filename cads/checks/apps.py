from django.apps import AppConfig


class ChecksConfig(AppConfig):
    """MASH checks: questions to partner agencies about a contact, their answers, and the
    information-sharing record of every disclosure (and every decision not to share)."""

    name = "cads.checks"
    label = "checks"

    def ready(self) -> None:
        # What this app does at other apps' moments (cads.core.moments, ADR 0017).
        from cads.checks import handlers

        handlers.register()
