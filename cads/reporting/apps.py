from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "cads.reporting"
    label = "reporting"
    verbose_name = "Management information"
