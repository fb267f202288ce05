"""A seeded year of front-door activity for the reporting benchmark (bench/bench_reporting.py).

The year is the CIN census year ending 31 March 2026 (1 April 2025 to 31 March 2026), so the
census (`cin_census --year 2026`), Annex A as of 31 March 2026 and the dashboard's full-year
filter all look at the same twelve months. Children and their families come from the
matching benchmark's register generator (bench/register.py: names, dates of birth, sex,
ethnicity, NHS numbers from the 999 range, UPNs, LA child IDs, households, relationships);
this module adds disabilities. The activity itself is made by bench/reporting_activity.py and
loaded with COPY by bench/reporting_load.py. The same seed and profile give the same rows.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

from bench.register import MAX_REGISTER, RegisterGenerator, SynthHousehold, SynthPerson

YEAR_START = datetime.date(2025, 4, 1)
YEAR_END = datetime.date(2026, 3, 31)
CENSUS_YEAR = 2026
# Registered before the year starts, so every record exists before its first contact.
REGISTERED_AT = datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC)

# CIN census disability codes (cads.people.models.Disability); NONE stands alone (rule 8790).
DISABILITY_CODES = ("MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT")


@dataclass(frozen=True)
class Profile:
    """How much to generate: children on the register, contacts and referrals in the year.
    Staff numbers scale with the contacts (a front door of this size needs that many)."""

    name: str
    children: int
    contacts: int
    referrals: int
    teams: int
    screeners: int
    managers: int


PROFILES = {
    # Issue 7: "a large authority (200,000 children, 60,000 contacts, 20,000 referrals)".
    "large": Profile("large", 200_000, 60_000, 20_000, teams=4, screeners=30, managers=6),
    # Issue 7: "a national-scale stress (1,000,000 contacts)". 500,000 children (about
    # 890,000 people with their parents) keeps the NHS numbers inside the 999 test range;
    # referrals keep the large profile's one in three contacts.
    "stress": Profile("stress", 500_000, 1_000_000, 333_000, teams=12, screeners=160, managers=24),
}


def tiny_profile(children: int = 300, contacts: int = 120, referrals: int = 40) -> Profile:
    """A small profile for tests."""
    return Profile("tiny", children, contacts, referrals, teams=2, screeners=3, managers=2)


@dataclass(slots=True)
class Family:
    """A household's children and adults as the activity generator needs them."""

    household: uuid.UUID
    children: list[uuid.UUID]
    adults: list[uuid.UUID]
    school_age: bool


@dataclass
class Staff:
    """Ids of the users, organisations, teams and threshold levels the rows point at."""

    call_handlers: list[int]
    screeners: list[int]
    managers: list[int]
    advisors: list[int]
    teams: dict[int, list[int]]
    partners: dict[str, tuple[int, list[int]]]
    levels: dict[int, int]
    team_ids: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.team_ids = sorted(self.teams)


@dataclass
class Register:
    """The people loaded, grouped by family, and the children's count."""

    families: list[Family] = field(default_factory=list)
    children: int = 0
    people: int = 0


def disabilities(rng: random.Random) -> list[str]:
    """About 8% of children have a recorded disability, 80% "NONE", the rest unrecorded."""
    draw = rng.random()
    if draw < 0.08:
        return sorted(rng.sample(DISABILITY_CODES, 1 if rng.random() < 0.75 else 2))
    return ["NONE"] if draw < 0.88 else []


def households(profile: Profile, seed: int) -> Iterator[SynthHousehold]:
    """Households from the register generator until `profile.children` children are made
    (the last household is cut short so the count is exact)."""
    # About 1.8 people per child; the bound only stops the generator, the count stops here.
    size = min(MAX_REGISTER, profile.children * 3 + 10)
    made = 0
    for household in RegisterGenerator(seed=seed, size=size).households():
        if not household.children:
            continue
        spare = profile.children - made
        household.children = household.children[:spare]
        made += len(household.children)
        yield household
        if made >= profile.children:
            return
    raise ValueError(f"the register generator stopped at {made:,} children")


def family_of(household: SynthHousehold) -> Family:
    """The family as contacts will name it: the register's reference date is later than
    the year, so children born after the year started are on the register but never on a
    contact in it."""
    born = [c for c in household.children if c.date_of_birth < YEAR_START]
    ages = [(YEAR_END - c.date_of_birth).days // 365 for c in born]
    return Family(
        household=household.id,
        children=[c.id for c in born],
        adults=[a.id for a in household.adults],
        school_age=any(4 <= a <= 16 for a in ages),
    )


def person_row(p: SynthPerson, household: uuid.UUID, rng: random.Random) -> dict[str, object]:
    """A people_person row: identifiers as the census reads them, disabilities for children."""
    return {
        "id": p.id,
        "la_child_id": p.la_child_id,
        "given_name": p.given_name,
        "middle_names": p.middle_names,
        "family_name": p.family_name,
        "date_of_birth": p.date_of_birth,
        "sex": p.sex,
        "ethnicity": p.ethnicity,
        "nhs_number": p.nhs_number,
        "upn": p.upn,
        "household_id": household,
        "disabilities": disabilities(rng) if p.is_child else [],
        "created_at": REGISTERED_AT,
        "updated_at": REGISTERED_AT,
    }
