from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "cads.reporting"
    label = "reporting"
    verbose_name = "Management information"

    def ready(self) -> None:
        # Its screens in the navigation and what it does at other apps' moments
        # (cads.core.navigation, cads.core.moments, ADR 0017).
        from cads.reporting import navigation  # noqa: PLC0415 - apps are loaded only now

        navigation.register()
