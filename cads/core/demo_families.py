"""Fictional families for demonstrations and browser tests (Faker en_GB, 999 NHS numbers)."""

from __future__ import annotations

import datetime
import random

from faker import Faker

from cads.people.models import Sex
from cads.people.services import household_create, person_create


def demo_nhs_number(rng: random.Random) -> str:
    """A valid NHS number (Modulus 11) from the 999 range that is never issued to patients."""
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        total = sum(d * (10 - i) for i, d in enumerate(digits))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def create_demo_families(*, count: int, seed: int) -> int:
    """Create `count` households, each with one or two parents and one to three children."""
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    rng = random.Random(seed)  # noqa: S311 - reproducible fictional data, not security
    today = datetime.date(2026, 11, 1)
    for _ in range(count):
        family_name = fake.last_name()
        household = household_create(
            actor=None,
            address=f"{fake.building_number()} {fake.street_name()}\n{fake.city()}",
            postcode=fake.postcode(),
        )
        parents = [(fake.first_name_female(), Sex.FEMALE)]
        if rng.random() < 0.6:
            parents.append((fake.first_name_male(), Sex.MALE))
        members = [(given, sex, rng.randrange(22 * 365, 45 * 365)) for given, sex in parents]
        for _ in range(rng.randint(1, 3)):
            sex = rng.choice([Sex.FEMALE, Sex.MALE])
            given = fake.first_name_female() if sex == Sex.FEMALE else fake.first_name_male()
            members.append((given, sex, rng.randrange(30, 17 * 365)))
        for given, sex, age_in_days in members:
            person_create(
                actor=None,
                given_name=given,
                family_name=family_name,
                date_of_birth=today - datetime.timedelta(days=age_in_days),
                sex=sex,
                nhs_number=demo_nhs_number(rng),
                household=household,
            )
    return count
