from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Fictional demo data and its loader. The top floor: it drives the other apps' services,
    and no app imports it."""

    name = "cads.demo"
    label = "demo"
    verbose_name = "Demo data"
