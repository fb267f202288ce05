from django.apps import AppConfig


class ReferrersConfig(AppConfig):
    name = "cads.referrers"
    label = "referrers"
    verbose_name = "Referrers' own contacts"

    def ready(self) -> None:
        # Its screen in the navigation (cads.core.navigation).
        from cads.referrers import navigation  # noqa: PLC0415 - apps are loaded only now

        navigation.register()
