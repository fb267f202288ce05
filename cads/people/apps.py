from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Children, their families and households (the subjects of records)."""

    name = "cads.people"
    label = "people"

    def ready(self) -> None:
        # Its screens in the navigation and what it does at other apps' moments
        # (cads.core.navigation, cads.core.moments, ADR 0017).
        from cads.people import navigation, timeline_own  # noqa: PLC0415 - apps are loaded only now

        navigation.register()
        timeline_own.register()
