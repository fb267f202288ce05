from django.apps import AppConfig


class ContactsConfig(AppConfig):
    """Contacts: concerns about children as they arrive at the front door (calls,
    consultations, the online form, out-of-hours), from draft to the screening queue."""

    name = "cads.contacts"
    label = "contacts"

    def ready(self) -> None:
        # Its screens in the navigation and what it does at other apps' moments
        # (cads.core.navigation, cads.core.moments, ADR 0017).
        from cads.contacts import navigation, timeline  # noqa: PLC0415 - apps are loaded only now

        navigation.register()
        # Its entries in a child's file and family network (cads.people.timeline, .network).
        timeline.register()
