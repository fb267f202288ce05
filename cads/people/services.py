"""Writes to person records; each writes one case event."""

from __future__ import annotations

import datetime

from django.db import transaction

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.people.models import Household, Person


@transaction.atomic
def household_create(*, actor: User | None, address: str, postcode: str) -> Household:
    """Record a household at an address."""
    household = Household.objects.create(address=address, postcode=postcode)
    case_event_record(
        subject=household,
        actor=actor,
        kind="household.created",
        new={"address": address, "postcode": postcode},
    )
    return household


@transaction.atomic
def person_create(
    *,
    actor: User | None,
    given_name: str,
    family_name: str,
    date_of_birth: datetime.date | None,
    sex: str,
    nhs_number: str = "",
    household: Household | None = None,
) -> Person:
    """Create a person record and put it on the timeline."""
    person = Person.objects.create(
        given_name=given_name,
        family_name=family_name,
        date_of_birth=date_of_birth,
        sex=sex,
        nhs_number=nhs_number,
        household=household,
    )
    case_event_record(
        subject=person,
        actor=actor,
        kind="person.created",
        new={
            "given_name": given_name,
            "family_name": family_name,
            "date_of_birth": date_of_birth.isoformat() if date_of_birth else None,
            "sex": sex,
            "nhs_number": nhs_number,
            "household": str(household.pk) if household else None,
        },
    )
    return person
