from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """Referrals: Children in Need episodes made when a contact is accepted for a statutory
    response, allocated to a team and a social worker, with the 45-working-day clock."""

    name = "cads.referrals"
    label = "referrals"

    def ready(self) -> None:
        # Its screens in the navigation and what it does at other apps' moments
        # (cads.core.navigation, cads.core.moments, ADR 0017).
        from cads.referrals import (  # noqa: PLC0415 - apps are loaded only now
            handlers,
            navigation,
            timeline,
        )

        navigation.register()
        handlers.register()
        # Its entries in a child's file (cads.people.timeline).
        timeline.register()
