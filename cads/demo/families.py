"""Fictional families for demonstrations and browser tests (Faker en_GB, 999 NHS numbers).

Besides ordinary families the demo plants what a worker should see the system handle: a pair
of twins (never one person), a child on a child protection plan, a restricted record, and a
duplicate record typed with a nickname and a swapped birth date for the review queue."""

from __future__ import annotations

import datetime
import random

from faker import Faker

from cads.audit.services import case_event_record
from cads.people.identifiers import nhs_number_check_digit
from cads.people.models import Person, RelationshipKind, Sex, StatusKind
from cads.people.services import (
    household_create,
    person_create,
    person_status_add,
    relationship_add,
)

TODAY = datetime.date(2026, 11, 1)


def demo_nhs_number(rng: random.Random) -> str:
    """A valid NHS number (Modulus 11) from the 999 range that is never issued to patients."""
    while True:
        first9 = "999" + "".join(str(rng.randrange(10)) for _ in range(6))
        check = nhs_number_check_digit(first9)
        if check is not None:
            return first9 + str(check)


def _family(fake: Faker, rng: random.Random, *, twins: bool = False) -> list[Person]:
    """One household: one or two parents with parental responsibility, one to three children
    (or twins), siblings linked to each other. Returns the children."""
    family_name = fake.last_name()
    household = household_create(
        actor=None,
        address=f"{fake.building_number()} {fake.street_name()}\n{fake.city()}",
        postcode=fake.postcode(),
    )

    def person(given: str, sex: str, age_days: int, dob: datetime.date | None = None) -> Person:
        return person_create(
            actor=None,
            household=household,
            given_name=given,
            family_name=family_name,
            date_of_birth=dob or TODAY - datetime.timedelta(days=age_days),
            sex=sex,
            nhs_number=demo_nhs_number(rng),
        )

    parents = [person(fake.first_name_female(), Sex.FEMALE, rng.randrange(22 * 365, 45 * 365))]
    if rng.random() < 0.6:
        parents.append(person(fake.first_name_male(), Sex.MALE, rng.randrange(22 * 365, 45 * 365)))
    if twins:
        dob = TODAY - datetime.timedelta(days=rng.randrange(2 * 365, 12 * 365))
        children = [
            person(fake.first_name_female(), Sex.FEMALE, 0, dob),
            person(fake.first_name_female(), Sex.FEMALE, 0, dob),
        ]
    else:
        children = []
        for _ in range(rng.randint(1, 3)):
            sex = rng.choice([Sex.FEMALE, Sex.MALE])
            given = fake.first_name_female() if sex == Sex.FEMALE else fake.first_name_male()
            children.append(person(given, sex, rng.randrange(30, 17 * 365)))
    for parent in parents:
        for child in children:
            relationship_add(
                actor=None,
                from_person=parent,
                to_person=child,
                kind=RelationshipKind.PARENT,
                parental_responsibility=True,
            )
    for i, child in enumerate(children):
        for sibling in children[i + 1 :]:
            relationship_add(
                actor=None, from_person=child, to_person=sibling, kind=RelationshipKind.SIBLING
            )
    return children


def _planted_duplicate(child: Person) -> Person:
    """A second record for the same child, as a hurried call might create it: a short
    form of the name and the day and month of birth swapped."""
    dob = child.date_of_birth
    swapped = dob.replace(day=dob.month, month=dob.day) if dob and dob.day <= 12 else dob
    return person_create(
        actor=None,
        household=child.household,
        given_name=child.given_name[:3],
        family_name=child.family_name,
        date_of_birth=swapped,
        sex=child.sex,
    )


def create_demo_families(*, count: int, seed: int) -> int:
    """Create `count` households (the second has twins); the first child of the first family
    is on a child protection plan, and the first child of the third is restricted."""
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    rng = random.Random(seed)  # noqa: S311 - reproducible fictional data, not security
    families = [_family(fake, rng, twins=(i == 1)) for i in range(count)]
    person_status_add(
        actor=None,
        person=families[0][0],
        kind=StatusKind.CHILD_PROTECTION,
        start_date=TODAY - datetime.timedelta(days=90),
    )
    if count > 2:
        # Restricted with an empty access list: every demo user meets the break-glass screen.
        restricted = families[2][0]
        Person.objects.filter(pk=restricted.pk).update(
            restricted=True, restriction_reason="domestic_abuse"
        )
        case_event_record(
            subject=restricted,
            actor=None,
            kind="person.restricted",
            new={"reason": "domestic_abuse", "access_list": []},
            reason="Demo data",
        )
    _planted_duplicate(families[-1][0])
    return count
