from django.apps import AppConfig


class LettersConfig(AppConfig):
    """Letters to referrers: acknowledgements, outcome letters and consultation records,
    rendered from versioned templates to PDF and emailed on the worker."""

    name = "cads.letters"
    label = "letters"
