"""What contacts adds to a child's file (registered in ContactsConfig.ready()): each contact
the person is on, on their timeline, and the other people on those contacts in their family
network (the mother added on the child's contact). People sits below contacts, so it asks
through its registries (cads.people.timeline, cads.people.network)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from cads.accounts.models import User
from cads.accounts.roles import VIEW_CONTACT
from cads.contacts.codes import SubjectRole
from cads.contacts.models import ContactSubject
from cads.contacts.workflow import Status
from cads.people import network, timeline
from cads.people.models import Person
from cads.people.timeline import TimelineEntry

# Drafts are not yet contacts and discarded drafts never were.
NOT_CONTACTS = (Status.DRAFT, Status.DISCARDED, Status.CONSULTATION_RECORDED)
OPEN = (Status.SUBMITTED, Status.IN_SCREENING)


def _subjects_of(person: Person) -> QuerySet[ContactSubject]:
    return (
        ContactSubject.objects.filter(person=person)
        .exclude(contact__status__in=NOT_CONTACTS)
        .select_related("contact")
    )


def contact_key(contact_pk: object) -> str:
    """The key other apps use to add details to a contact's entry (cads.decisions)."""
    return f"contact:{contact_pk}"


def contact_entries(viewer: User, person: Person) -> list[TimelineEntry]:
    if not viewer.has_perm(VIEW_CONTACT):
        return []
    entries = []
    for subject in _subjects_of(person):
        contact = subject.contact
        details = [contact.get_channel_display(), contact.get_status_display()]
        if subject.role != SubjectRole.CHILD:
            details.append(f"On it as: {subject.get_role_display().lower()}")
        entries.append(
            TimelineEntry(
                when=contact.received_at,
                kind="Contact",
                title=str(contact),
                key=contact_key(contact.pk),
                url=reverse("contacts:record", args=[contact.pk]),
                details=details,
                open=contact.status in OPEN,
            )
        )
    return entries


def contact_links(person: Person) -> list[network.Link]:
    """The other people on each of the person's contacts, with their role on it."""
    contacts = _subjects_of(person).values("contact_id")
    others = (
        ContactSubject.objects.filter(contact_id__in=contacts)
        .exclude(person=person)
        .select_related("person", "contact")
        .order_by("contact__received_at")
    )
    return [
        network.Link(
            other.person,
            other.get_role_display(),
            f"Contact {other.contact}",
            other.parental_responsibility,
        )
        for other in others
    ]


def register() -> None:
    timeline.register(contact_entries, by="contacts: contacts")
    network.register(contact_links, by="contacts: people on the same contacts")
