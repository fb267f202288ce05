from django.apps import AppConfig


class ChecksConfig(AppConfig):
    """MASH checks: questions to partner agencies about a contact, their answers, and the
    information-sharing record of every disclosure (and every decision not to share)."""

    name = "cads.checks"
    label = "checks"
