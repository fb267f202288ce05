from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    """Referrals: Children in Need episodes made when a contact is accepted for a statutory
    response, allocated to a team and a social worker, with the 45-working-day clock."""

    name = "cads.referrals"
    label = "referrals"
