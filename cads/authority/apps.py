from django.apps import AppConfig


class AuthorityConfig(AppConfig):
    """The council's own settings: names, phone numbers, opening hours, LA code, letterhead."""

    name = "cads.authority"
    label = "authority"
