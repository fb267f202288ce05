"""Writes to person records. Each is atomic, writes one case event, and refreshes the
person's search keys so the next search finds the change."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.people.identifiers import generate_la_child_id
from cads.people.matching.keys import name_keys_refresh
from cads.people.models import (
    AddressPeriod,
    Household,
    Person,
    PersonName,
    PersonStatus,
    PhoneNumber,
    Relationship,
)
from cads.people.models.codes import SYMMETRIC_KINDS
from cads.people.restriction import require_sight

# Fields a worker may change on the person form; identifiers arrive already normalised.
EDITABLE_FIELDS = (
    "given_name",
    "middle_names",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "expected_date_of_delivery",
    "estimated_age_years",
    "sex",
    "gender_identity",
    "ethnicity",
    "first_language",
    "interpreter_needed",
    "religion",
    "disabilities",
    "date_of_death",
    "nhs_number",
    "upn",
    "former_upn",
    "school",
    "gp_practice",
)


class StaleRecordError(Exception):
    """Someone else saved the record after this copy was opened; nothing was overwritten."""


def _json(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in values.items()}


def next_la_child_id() -> str:
    """A new LA child ID from a database sequence, so two workers never get the same one."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('people_la_child_id_seq')")
        (number,) = cursor.fetchone()
    return generate_la_child_id(number)


@transaction.atomic
def household_create(
    *,
    actor: User | None,
    address: str,
    postcode: str,
    uprn: int | None = None,
    no_fixed_abode: bool = False,
) -> Household:
    """Record an address where people live."""
    household = Household.objects.create(
        address=address, postcode=postcode, uprn=uprn, no_fixed_abode=no_fixed_abode
    )
    case_event_record(
        subject=household,
        actor=actor,
        kind="household.created",
        new={"address": address, "postcode": postcode, "uprn": uprn},
    )
    return household


@transaction.atomic
def person_create(
    *,
    actor: User | None,
    household: Household | None = None,
    moved_in: datetime.date | None = None,
    creation_key: uuid.UUID | None = None,
    **details: Any,
) -> Person:
    """Create a person record (after a search; the page enforces it) and put it on the
    timeline. `details` are fields from EDITABLE_FIELDS."""
    unknown = set(details) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not person fields: {sorted(unknown)}")
    person = Person.objects.create(
        household=household, la_child_id=next_la_child_id(), creation_key=creation_key, **details
    )
    if household is not None:
        AddressPeriod.objects.create(person=person, household=household, valid_from=moved_in)
    case_event_record(
        subject=person,
        actor=actor,
        kind="person.created",
        new=_json(
            {**details, "household": str(household.pk) if household else None}
            | {"la_child_id": person.la_child_id}
        ),
    )
    name_keys_refresh(person)
    return person


@transaction.atomic
def person_update(
    *, actor: User, person: Person, expected_version: int, changes: dict[str, Any], reason: str = ""
) -> Person:
    """Change a person's details. A stale copy (someone saved since it was opened) is
    refused with StaleRecordError rather than silently overwriting their change."""
    require_sight(viewer=actor, people=[person])
    locked = Person.objects.select_for_update().get(pk=person.pk)
    if locked.version != expected_version:
        raise StaleRecordError
    before = model_to_dict(locked, fields=list(changes))
    changed = {k: v for k, v in changes.items() if before.get(k) != v}
    if not changed:
        return locked
    for field, value in changed.items():
        setattr(locked, field, value)
    locked.version += 1
    locked.save()
    case_event_record(
        subject=locked,
        actor=actor,
        kind="person.updated",
        old=_json({k: before[k] for k in changed}),
        new=_json(changed),
        reason=reason,
    )
    name_keys_refresh(locked)
    return locked


@transaction.atomic
def person_move(
    *, actor: User, person: Person, household: Household, moved_in: datetime.date | None
) -> AddressPeriod:
    """Record a new current address; the previous one ends the day before the move."""
    require_sight(viewer=actor, people=[person])
    current = AddressPeriod.objects.filter(person=person, valid_to__isnull=True)
    previous = [str(p.household_id) for p in current]
    end = (moved_in - datetime.timedelta(days=1)) if moved_in else timezone.localdate()
    current.update(valid_to=end)
    period = AddressPeriod.objects.create(person=person, household=household, valid_from=moved_in)
    Person.objects.filter(pk=person.pk).update(household=household)
    person.household = household
    case_event_record(
        subject=person,
        actor=actor,
        kind="person.moved",
        old={"households": previous},
        new={
            "household": str(household.pk),
            "moved_in": moved_in.isoformat() if moved_in else None,
        },
    )
    name_keys_refresh(person)
    return period


@transaction.atomic
def person_name_add(
    *,
    actor: User,
    person: Person,
    kind: str,
    given_name: str,
    family_name: str,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> PersonName:
    """Record an also-known-as or previous name; searches find the person by it."""
    name = PersonName.objects.create(
        person=person,
        kind=kind,
        given_name=given_name,
        family_name=family_name,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    case_event_record(
        subject=person,
        actor=actor,
        kind="person.name_added",
        new=_json({"kind": kind, "given_name": given_name, "family_name": family_name}),
    )
    name_keys_refresh(person)
    return name


@transaction.atomic
def phone_number_add(*, actor: User, person: Person, number: str, label: str = "") -> PhoneNumber:
    phone = PhoneNumber.objects.create(person=person, number=number, label=label)
    case_event_record(
        subject=person, actor=actor, kind="person.phone_added", new={"number": number}
    )
    return phone


@transaction.atomic
def relationship_add(
    *,
    actor: User | None,
    from_person: Person,
    to_person: Person,
    kind: str,
    parental_responsibility: bool | None = None,
) -> Relationship:
    """Link two people. Symmetric kinds (siblings) are stored once, lower id first. A person
    links only records they may read (a restricted record's access list, ADR 0025)."""
    if actor is not None:
        require_sight(viewer=actor, people=[from_person, to_person])
    if kind in SYMMETRIC_KINDS and str(from_person.pk) > str(to_person.pk):
        from_person, to_person = to_person, from_person
    relationship, _ = Relationship.objects.get_or_create(
        from_person=from_person,
        to_person=to_person,
        kind=kind,
        defaults={"parental_responsibility": parental_responsibility},
    )
    case_event_record(
        subject=to_person,
        actor=actor,
        kind="person.relationship_added",
        new={
            "from_person": str(from_person.pk),
            "kind": kind,
            "parental_responsibility": parental_responsibility,
        },
    )
    return relationship


@transaction.atomic
def person_status_add(
    *,
    actor: User | None,
    person: Person,
    kind: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
) -> PersonStatus:
    """Record a child protection plan, looked-after or child-in-need period."""
    status = PersonStatus.objects.create(
        person=person, kind=kind, start_date=start_date, end_date=end_date
    )
    case_event_record(
        subject=person,
        actor=actor,
        kind="person.status_added",
        new=_json({"kind": kind, "start_date": start_date, "end_date": end_date}),
    )
    return status
