from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "cads.returns"
    label = "returns"
    verbose_name = "Statutory returns"
