"""Reads of contacts, permission-scoped; opening a contact is logged."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Model, Q, QuerySet, Value, When
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import ADD_CONTACT
from cads.accounts.selectors import signed_in_user
from cads.audit.services import access_log_record, access_log_record_many
from cads.contacts.codes import ContactKind, SubjectRole
from cads.contacts.models import Attachment, Contact, ContactSubject
from cads.contacts.models_named import NamedPerson, Resolution
from cads.contacts.record import (
    RecordSection,
    ReportedPersonRow,
    concern_sections,
    reported_people_rows,
    subject_lines,
)
from cads.contacts.workflow import Status
from cads.people.restriction import (
    ADDRESS_WITHHELD,
    RESTRICTED,
    Shown,
    people_shown,
    withheld_households,
)
from cads.people.selectors import may_see_restricted


def contacts_for_user(user: User) -> QuerySet[Contact]:
    """Contacts a user may open: staff with the permission. Partners never see contacts
    directly, only the checks addressed to their organisation."""
    if not user.has_perm("contacts.view_contact"):
        return Contact.objects.none()
    return Contact.objects.all()


def contact_get(*, user: User, pk: uuid.UUID) -> Contact:
    return get_object_or_404(contacts_for_user(user), pk=pk)


def contact_get_for_view(*, request: HttpRequest, user: User, pk: uuid.UUID) -> Contact:
    contact = contact_get(user=user, pk=pk)
    access_log_record(request=request, subject=contact)
    return contact


def contact_viewed(*, request: HttpRequest, contact: Contact) -> None:
    """Log the view of a contact already read with `contact_get` (when the page to show
    was decided after reading it)."""
    access_log_record(request=request, subject=contact)


def contacts_shown(*, request: HttpRequest, contacts: Iterable[Contact]) -> None:
    """Log each contact in a list and each child it names (a name in a list is a view,
    ADR 0010), in one batch. Subjects should be prefetched (`subjects__person`). A
    restricted child the viewer may not see was not named, so is not logged (ADR 0025)."""
    contacts = list(contacts)
    children = [
        s.person
        for contact in contacts
        for s in contact.subjects.all()
        if s.role == SubjectRole.CHILD
    ]
    seen = people_shown(request=None, viewer=signed_in_user(request), people=children)
    shown: list[Model] = [*contacts, *(p for p in children if seen[p.pk].visible)]
    access_log_record_many(request=request, subjects=shown)


def drafts_for_user(user: User) -> QuerySet[Contact]:
    """The user's unfinished drafts, newest first: what they come back to after a closed
    browser or an expired session."""
    return (
        contacts_for_user(user).filter(status=Status.DRAFT, created_by=user).order_by("-updated_at")
    )


def front_door_queue(user: User) -> QuerySet[Contact]:
    """Submitted contacts due in the queue now: immediate risk (red) first, then oldest
    received first. Out-of-hours contacts appear from the next working day's start. A red
    draft is in the queue the moment the immediate-risk answer is saved, still being
    recorded, so the duty senior sees it before the call ends (issue 4, immediate risk)."""
    urgency = Case(When(rag="red", then=Value(0)), default=Value(1), output_field=IntegerField())
    due = Q(status__in=[Status.SUBMITTED, Status.IN_SCREENING], queue_from__lte=timezone.now())
    urgent_draft = Q(status=Status.DRAFT, rag="red", kind=ContactKind.CONTACT)
    return (
        contacts_for_user(user)
        .filter(due | urgent_draft)
        .annotate(urgency=urgency)
        .order_by("urgency", "received_at")
        .prefetch_related("subjects__person")
    )


@dataclass(frozen=True)
class PersonOnContact:
    """A person linked to the contact as the viewer may see them: a restricted record they
    may not open shows only that it exists (cads.people.selectors.may_see_restricted)."""

    person_pk: uuid.UUID
    role: str
    visible: bool
    name: str
    lines: list[str]


@dataclass(frozen=True)
class ContactRecord:
    contact: Contact
    people: list[PersonOnContact]
    reported: list[ReportedPersonRow]
    sections: list[RecordSection]
    attachments: list[Attachment]
    # "Add a document" is offered only while the contact is open and to those who add them.
    may_add_documents: bool


OPEN_FOR_DOCUMENTS = (Status.DRAFT, Status.SUBMITTED, Status.IN_SCREENING)


def _person_on_contact(
    request: HttpRequest, user: User, subject: ContactSubject
) -> PersonOnContact:
    person = subject.person
    role = subject.get_role_display()
    if not may_see_restricted(user=user, person=person):
        # Not even the whereabouts: where a restricted child is now is what is protected.
        return PersonOnContact(person.pk, role, False, RESTRICTED, [role])
    # A name in a list is a view of the child's record (the access log says who saw it).
    access_log_record(request=request, subject=person)
    return PersonOnContact(person.pk, role, True, person.full_name, subject_lines(subject))


def contact_record(*, request: HttpRequest, user: User, contact: Contact) -> ContactRecord:
    """The whole contact for the record page and beside the screening, decision and sign-off
    forms. Each person shown is in the access log; the contact itself is logged by the page
    (contact_get_for_view) that opened it."""
    subjects = sorted(
        contact.subjects.select_related("person"),
        key=lambda s: (s.role != SubjectRole.CHILD, s.person.family_name, s.person.given_name),
    )
    return ContactRecord(
        contact=contact,
        people=[_person_on_contact(request, user, s) for s in subjects],
        reported=reported_people_rows(contact),
        sections=concern_sections(contact),
        attachments=list(attachments_on(contact)),
        may_add_documents=contact.status in OPEN_FOR_DOCUMENTS and user.has_perm(ADD_CONTACT),
    )


def attachments_on(contact: Contact) -> QuerySet[Attachment]:
    """A contact's files, oldest first, with who added them."""
    return contact.attachments.select_related("uploaded_by").order_by("uploaded_at")


def named_people(contact: Contact) -> QuerySet[NamedPerson]:
    """Everyone the contact named, as given, with how each was resolved, in the order given."""
    return contact.named_people.select_related("person", "resolved_by").order_by(
        "position", "created_at"
    )


def outstanding_named_children(contact: Contact) -> list[NamedPerson]:
    """Children named on the contact and not yet identified nor recorded as unidentifiable:
    a decision about a child waits for them (decisions.rules)."""
    return list(
        contact.named_people.filter(role=SubjectRole.CHILD, resolution=Resolution.NOT_YET).order_by(
            "position", "created_at"
        )
    )


def identified_children(contact: Contact) -> QuerySet[ContactSubject]:
    """The children on the contact linked to person records (one referral each)."""
    return contact.subjects.filter(role=SubjectRole.CHILD).select_related("person")


def named_person_get(*, user: User, pk: uuid.UUID) -> NamedPerson:
    """A named person on a contact the user may open (404 otherwise)."""
    return get_object_or_404(
        NamedPerson.objects.select_related("contact").filter(contact__in=contacts_for_user(user)),
        pk=pk,
    )


@dataclass(frozen=True)
class SubjectShown:
    """A person on a contact in a list, as the viewer may see them: `subject` (with the
    person's details) only when visible; otherwise "A restricted record" and the role."""

    subject: ContactSubject | None
    person_pk: uuid.UUID
    name: str
    role: str
    is_child: bool
    # Where they live, unless a restricted person the viewer may not see lives there too.
    address: str = ""


def subjects_shown(
    *, request: HttpRequest | None, viewer: User, subjects: Iterable[ContactSubject]
) -> list[SubjectShown]:
    """Each subject through the one restriction check (cads.people.restriction), in
    order; with `request`, each visible person is written to the access log."""
    subjects = list(subjects)
    people = [s.person for s in subjects]
    shown = people_shown(request=request, viewer=viewer, people=people)
    homes = {p.household_id for p in people}
    withheld = withheld_households(viewer=viewer, household_ids=homes)
    rows = []
    for subject in subjects:
        seen, home = shown[subject.person_id], subject.person.household
        address = "" if home is None else str(home)
        rows.append(
            SubjectShown(
                subject if seen.visible else None,
                subject.person_id,
                seen.name,
                subject.get_role_display(),
                subject.role == SubjectRole.CHILD,
                ADDRESS_WITHHELD if home and home.pk in withheld else address,
            )
        )
    return rows


def children_named(
    *, request: HttpRequest | None, viewer: User, contacts: Iterable[Contact]
) -> list[Contact]:
    """Give each contact `children_shown`: its children as `viewer` may see them (each a
    cads.people.restriction.PersonShown: a name and birth date, or "A restricted record"),
    for the queue, drafts, trays and summaries. A name in a list is a view of the child's
    record: with `request`, each visible child is written to the access log."""
    contacts = list(contacts)
    subjects = [s for c in contacts for s in c.subjects.all() if s.role == SubjectRole.CHILD]
    shown = people_shown(request=request, viewer=viewer, people=[s.person for s in subjects])
    for contact in contacts:
        contact.children_shown = [  # type: ignore[attr-defined]
            shown[s.person_id]
            for s in contact.subjects.all()
            if s.role == SubjectRole.CHILD and shown[s.person_id].shown != Shown.HIDDEN
        ]
    return contacts
