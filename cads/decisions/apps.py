from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    """Decisions: what happens next for a contact (one or more outcomes with reasons),
    management oversight where configured, advice to the referrer, Early Help requests."""

    name = "cads.decisions"
    label = "decisions"
