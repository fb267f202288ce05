from django.apps import AppConfig


class AuthorityConfig(AppConfig):
    """The council's own settings: names, phone numbers, opening hours, LA code, letterhead."""

    name = "cads.authority"
    label = "authority"

    def ready(self) -> None:
        # Its screens in the navigation and what it does at other apps' moments
        # (cads.core.navigation, cads.core.moments, ADR 0017).
        from cads.authority import navigation  # noqa: PLC0415 - apps are loaded only now

        navigation.register()
