from django.apps import AppConfig


class ContactsConfig(AppConfig):
    """Contacts: concerns about children as they arrive at the front door (calls,
    consultations, the online form, out-of-hours), from draft to the screening queue."""

    name = "cads.contacts"
    label = "contacts"
