from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "cads.alerts"
    label = "alerts"
    verbose_name = "Staff alerts"

    def ready(self) -> None:
        # What this app does at other apps' moments (cads.core.moments, ADR 0017).
        from cads.alerts import handlers

        handlers.register()
