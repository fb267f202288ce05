from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """Children, their families and households (the subjects of records)."""

    name = "cads.people"
    label = "people"
