from django.apps import AppConfig


class OversightConfig(AppConfig):
    """Managers' oversight of the audit trail: who viewed a record, and the latest record
    views across the service. The audit app keeps the append-only rows and imports nothing
    of ours; these screens sit on the top floor because they name the records they show."""

    name = "cads.oversight"
    label = "oversight"

    def ready(self) -> None:
        # Its screens in the navigation and what it does at other apps' moments
        # (cads.core.navigation, cads.core.moments, ADR 0017).
        from cads.oversight import navigation  # noqa: PLC0415 - apps are loaded only now

        navigation.register()
