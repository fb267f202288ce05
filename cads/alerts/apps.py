from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "cads.alerts"
    label = "alerts"
    verbose_name = "Staff alerts"
