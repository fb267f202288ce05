from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    """Decisions: what happens next for a contact (one or more outcomes with reasons),
    management oversight where configured, advice to the referrer, Early Help requests."""

    name = "cads.decisions"
    label = "decisions"

    def ready(self) -> None:
        # Its screens in the navigation and what it does at other apps' moments
        # (cads.core.navigation, cads.core.moments, ADR 0017).
        from cads.decisions import navigation, timeline  # noqa: PLC0415 - apps are loaded only now

        navigation.register()
        # Its entries in a child's file (cads.people.timeline).
        timeline.register()
