"""Writes for people named on a contact but not yet identified (models_named.NamedPerson):
kept as given when a report arrives or a call handler names someone without searching, then
resolved by the screener, linked to a person record or recorded as one who cannot be
identified, with a reason. Each write is atomic and records one case event (ADR 0021)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.contacts.models import Contact, ContactSubject
from cads.contacts.models_named import NamedPerson, Resolution
from cads.contacts.workflow import Status
from cads.people.models import Person

GIVEN_FIELDS: tuple[str, ...] = (
    "given_name",
    "family_name",
    "relationship",
    "address",
    "postcode",
    "school",
    "phone",
)
# A named person is resolved on a contact that reached the front door, open or closed: a
# child left unidentified on a closed contact is still fixed (the data quality report).
RESOLVABLE = (Status.DRAFT, Status.SUBMITTED, Status.IN_SCREENING, Status.CLOSED)


class NamedPersonError(ValueError):
    """The change cannot be made as asked; the message says why, in words for the user."""


def _born(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def named_rows_create(*, contact: Contact, people: Iterable[dict[str, Any]]) -> list[NamedPerson]:
    """One row per person as the referrer described them. Part of the online submission
    (its "contact.received_online" event counts them), never called on its own."""
    rows = [
        NamedPerson(
            contact=contact,
            role=given.get("role") or "child",
            position=position,
            date_of_birth=_born(given.get("date_of_birth")),
            **{f: str(given.get(f) or "").strip() for f in GIVEN_FIELDS},
        )
        for position, given in enumerate(people)
    ]
    return NamedPerson.objects.bulk_create(rows)


@transaction.atomic
def named_person_add(
    *, actor: User, contact: Contact, role: str, details: dict[str, Any]
) -> NamedPerson:
    """A call handler names someone without searching now (a caller in a hurry, a system
    down): the screener identifies them before anything is decided."""
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if locked.status != Status.DRAFT:
        raise NamedPersonError("People can only be named on a contact that is being recorded")
    named = NamedPerson.objects.create(
        contact=locked,
        role=role,
        position=locked.named_people.count(),
        date_of_birth=_born(details.get("date_of_birth")),
        **{f: str(details.get(f) or "").strip() for f in GIVEN_FIELDS},
    )
    case_event_record(
        subject=locked,
        actor=actor,
        kind="contact.person_named",
        new={"named": str(named.pk), "role": role, "name": named.full_name},
    )
    return named


def _locked(named: NamedPerson) -> NamedPerson:
    locked = NamedPerson.objects.select_for_update().select_related("contact").get(pk=named.pk)
    if locked.contact.status not in RESOLVABLE:
        raise NamedPersonError("This contact was discarded: nobody on it can be identified")
    if not locked.is_outstanding:
        raise NamedPersonError(f"{locked.full_name} has already been resolved")
    return locked


@transaction.atomic
def named_person_link(
    *,
    actor: User,
    named: NamedPerson,
    person: Person,
    role: str,
    parental_responsibility: bool | None = None,
    whereabouts: str = "",
) -> ContactSubject:
    """The screener found (or created) the person's record: they join the contact with
    their role, and the named row keeps who it became, by whom and when."""
    locked = _locked(named)
    subject, _ = ContactSubject.objects.update_or_create(
        contact=locked.contact,
        person=person,
        defaults={
            "role": role,
            "parental_responsibility": parental_responsibility,
            "whereabouts": whereabouts,
        },
    )
    locked.resolution = Resolution.LINKED
    locked.person = person
    locked.resolved_by = actor
    locked.resolved_at = timezone.now()
    locked.save(update_fields=["resolution", "person", "resolved_by", "resolved_at"])
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="contact.named_person_identified",
        old={"named": str(locked.pk), "name": locked.full_name},
        new={"person": str(person.pk), "role": role, "whereabouts": whereabouts},
    )
    return subject


@transaction.atomic
def named_person_cannot_identify(*, actor: User, named: NamedPerson, reason: str) -> NamedPerson:
    """Nobody can be found or recorded from what was given ("a girl, about 6"): the
    reason stands in the record so the decision can go ahead knowingly."""
    if not reason.strip():
        raise NamedPersonError("Enter why they cannot be identified")
    locked = _locked(named)
    locked.resolution = Resolution.CANNOT_IDENTIFY
    locked.reason = reason.strip()
    locked.resolved_by = actor
    locked.resolved_at = timezone.now()
    locked.save(update_fields=["resolution", "reason", "resolved_by", "resolved_at"])
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="contact.named_person_not_identified",
        old={"named": str(locked.pk), "name": locked.full_name},
        reason=locked.reason,
    )
    return locked


@transaction.atomic
def named_person_remove(*, actor: User, named: NamedPerson) -> None:
    """Take a name off a contact still being recorded (typed in error)."""
    locked = NamedPerson.objects.select_for_update().select_related("contact").get(pk=named.pk)
    if locked.contact.status != Status.DRAFT:
        raise NamedPersonError("Only a contact being recorded can have a name taken off")
    contact, name = locked.contact, locked.full_name
    locked.delete()
    case_event_record(
        subject=contact, actor=actor, kind="contact.named_person_removed", old={"name": name}
    )
