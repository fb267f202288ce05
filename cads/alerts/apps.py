from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "cads.alerts"
    label = "alerts"
    verbose_name = "Staff alerts"

    def ready(self) -> None:
        # Its screens in the navigation and what it does at other apps' moments
        # (cads.core.navigation, cads.core.moments, ADR 0017).
        from cads.alerts import handlers, navigation  # noqa: PLC0415 - apps are loaded only now

        navigation.register()
        handlers.register()
