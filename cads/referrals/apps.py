from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """Referrals: Children in Need episodes made when a contact is accepted for a statutory
    response, allocated to a team and a social worker, with the 45-working-day clock."""

    name = "cads.referrals"
    label = "referrals"

    def ready(self) -> None:
        # What this app does at other apps' moments (cads.core.moments, ADR 0017).
        from cads.referrals import handlers

        handlers.register()
