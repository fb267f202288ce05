"""A seeded synthetic register of a UK children's services authority, for the matching
benchmark (bench/bench_matching.py).

Families live at addresses: one or two adults and one to four children, siblings a year or
more apart, and about 1% of children twins (same birth date, family name and address, and
given names that sometimes differ by a letter, like Leo and Lea). Names come from Faker's
lists and from the communities a UK register holds, each community's common names with a
long tail of rarer ones (bench/names.py). About 70% of people have an NHS number from the
999 test range with a valid Modulus 11 check digit; some school-age children have a UPN; a
few percent have an also-known-as or previous name.
Everything follows from the seed: the same seed and size give the same register.
"""

from __future__ import annotations

import datetime
import random
import uuid
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from bench.names import (
    INWARD_LETTERS,
    ORIGINS,
    POSTCODE_AREAS,
    SIMILAR_TWIN_NAMES,
    STREET_STEMS,
    STREET_SUFFIXES,
    Names,
    Origin,
)
from cads.people.identifiers import nhs_number_check_digit, upn_check_letter

# Ages are counted back from a fixed day, not today, so a seed always gives the same register.
REFERENCE_DATE = datetime.date(2026, 11, 1)
TWIN_RATE = 0.005  # a twin pair per 200 births: about 1% of children are twins
NHS_RATE = 0.70
# About 909,000 valid numbers start 999; drawing at random stays quick while most are free.
MAX_NHS_NUMBERS = 850_000
MAX_REGISTER = int(MAX_NHS_NUMBERS / NHS_RATE)
UPN_LA_CODE = "380"
LA_CHILD_ID_PREFIX = "BM"


@dataclass(slots=True)
class SynthPerson:
    """One generated person; `other_names` holds (kind, given, family, valid_to)."""

    id: uuid.UUID
    la_child_id: str
    given_name: str
    family_name: str
    date_of_birth: datetime.date
    sex: str
    ethnicity: str
    is_child: bool
    middle_names: str = ""
    nhs_number: str = ""
    upn: str = ""
    twin_of: uuid.UUID | None = None
    other_names: list[tuple[str, str, str, datetime.date | None]] = field(default_factory=list)


@dataclass(slots=True)
class SynthHousehold:
    """An address and the people who live there now (adults first)."""

    id: uuid.UUID
    address: str
    postcode: str
    moved_in: datetime.date
    adults: list[SynthPerson]
    children: list[SynthPerson]

    @property
    def members(self) -> list[SynthPerson]:
        return self.adults + self.children


def nhs_number_from(body: str) -> str | None:
    """The ten-digit NHS number for nine digits, or None when no check digit exists."""
    check = nhs_number_check_digit(body)
    return None if check is None else f"{body}{check}"


class RegisterGenerator:
    """Yields households until `size` people are made; see the module docstring."""

    def __init__(self, *, seed: int, size: int) -> None:
        if size * NHS_RATE > MAX_NHS_NUMBERS:
            raise ValueError(f"the 999 range holds NHS numbers for at most {MAX_REGISTER:,} people")
        self.rng = random.Random(seed)
        self.size = size
        self._people = 0
        self._upns = 0
        self._nhs_used: set[str] = set()
        self._origin_cum = list(accumulate(o.weight for o in ORIGINS))
        self._postcodes = self._postcode_pool(max(60, size // 30))

    def households(self) -> Iterator[SynthHousehold]:
        made = 0
        while made < self.size:
            household = self._household()
            spare = self.size - made
            household.children = household.children[: max(0, spare - len(household.adults))]
            household.adults = household.adults[:spare]
            made += len(household.adults) + len(household.children)
            yield household

    # --- building blocks ----------------------------------------------------------------

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def origin(self) -> Origin:
        return ORIGINS[bisect(self._origin_cum, self.rng.random() * self._origin_cum[-1])]

    def name(self, names: Names) -> str:
        """A common name of the head (by its weights) or, the rest of the time, one of the
        long tail."""
        rng = self.rng
        if names.tail and rng.random() >= names.head_share:
            return rng.choice(names.tail)
        cum = names.cumulative
        return names.head[bisect(cum, rng.random() * cum[-1])]

    def family_name(self, origin: Origin) -> str:
        return self.name(origin.family)

    def given_name(self, origin: Origin, sex: str) -> str:
        # One given name in twelve comes from another community: families mix.
        if self.rng.random() < 1 / 12:
            origin = self.origin()
        if sex == "U":
            sex = self.rng.choice("MF")
        return self.name(origin.male if sex == "M" else origin.female)

    def nhs_number(self) -> str:
        while True:
            number = nhs_number_from(f"999{self.rng.randrange(10**6):06d}")
            if number and number not in self._nhs_used:
                self._nhs_used.add(number)
                return number

    def upn(self, date_of_birth: datetime.date) -> str:
        self._upns += 1
        school = 2000 + (self._upns // 1000) % 8000
        year = (date_of_birth.year + 4) % 100
        body = f"{UPN_LA_CODE}{school:04d}{year:02d}{self._upns % 1000:03d}"
        return upn_check_letter(body) + body

    def _postcode_pool(self, count: int) -> list[tuple[str, str, str]]:
        """(postcode, street, town) triples: several households share each postcode."""
        pool: dict[str, tuple[str, str, str]] = {}
        while len(pool) < count:
            area, first, last, town = self.rng.choice(POSTCODE_AREAS)
            letters = "".join(self.rng.choices(INWARD_LETTERS, k=2))
            postcode = f"{area}{self.rng.randint(first, last)} {self.rng.randrange(10)}{letters}"
            street = f"{self.rng.choice(STREET_STEMS)} {self.rng.choice(STREET_SUFFIXES)}"
            pool.setdefault(postcode, (postcode, street, town))
        return list(pool.values())

    def _person(
        self, origin: Origin, *, family: str, born: datetime.date, child: bool, sex: str = ""
    ) -> SynthPerson:
        rng = self.rng
        self._people += 1
        sex = sex or ("U" if child and rng.random() < 0.005 else rng.choice("MF"))
        person = SynthPerson(
            id=self.uuid(),
            la_child_id=f"{LA_CHILD_ID_PREFIX}{self._people:09d}",
            given_name=self.given_name(origin, sex),
            family_name=family,
            date_of_birth=born,
            sex=sex,
            ethnicity=rng.choice(origin.ethnicity),
            is_child=child,
        )
        if rng.random() < 0.3:
            person.middle_names = self.given_name(origin, sex)
        if rng.random() < NHS_RATE:
            person.nhs_number = self.nhs_number()
        age = (REFERENCE_DATE - born).days // 365
        if child and 4 <= age <= 16 and rng.random() < 0.5:
            person.upn = self.upn(born)
        self._other_names(person, origin)
        return person

    def _other_names(self, person: SynthPerson, origin: Origin) -> None:
        """About 5% of adults have a previous family name; 2% of children an also-known-as."""
        rng = self.rng
        if not person.is_child and rng.random() < 0.05:
            ended = REFERENCE_DATE - datetime.timedelta(days=rng.randint(200, 5000))
            previous = self.family_name(origin)
            person.other_names.append(("previous", person.given_name, previous, ended))
        elif person.is_child and rng.random() < 0.02:
            if rng.random() < 0.6:  # known by a step-parent's family name
                person.other_names.append(
                    ("aka", person.given_name, self.family_name(origin), None)
                )
            else:
                given = self.given_name(origin, person.sex)
                person.other_names.append(("aka", given, person.family_name, None))

    def _birth_dates(self) -> list[datetime.date]:
        """One to four children's birth dates, eldest first, at least ten months apart."""
        rng = self.rng
        wanted = rng.choices((1, 2, 3, 4), weights=(35, 35, 20, 10))[0]
        age_days = rng.randint(0, 17 * 365 + 300)
        dates = []
        for _ in range(wanted):
            if age_days < 0:
                break
            dates.append(REFERENCE_DATE - datetime.timedelta(days=age_days))
            age_days -= rng.randint(300, 1800)
        return dates

    def _children(self, origin: Origin, family: str) -> list[SynthPerson]:
        children = []
        for born in self._birth_dates():
            child = self._person(origin, family=family, born=born, child=True)
            children.append(child)
            if self.rng.random() < TWIN_RATE:
                children.append(self._twin(child, origin))
        return children

    def _twin(self, first: SynthPerson, origin: Origin) -> SynthPerson:
        """A twin: same birth date, family name and address, a different given name."""
        twin = self._person(origin, family=first.family_name, born=first.date_of_birth, child=True)
        if self.rng.random() < 0.4:
            name_a, sex_a, name_b, sex_b = self.rng.choice(SIMILAR_TWIN_NAMES)
            first.given_name, first.sex, twin.given_name, twin.sex = name_a, sex_a, name_b, sex_b
        while twin.given_name == first.given_name:
            twin.given_name = self.given_name(origin, twin.sex)
        twin.twin_of = first.id
        first.twin_of = twin.id
        return twin

    def _adults(self, origin: Origin, family: str, eldest: datetime.date) -> list[SynthPerson]:
        rng = self.rng
        born = eldest - datetime.timedelta(days=rng.randint(17 * 365, 42 * 365))
        sole = rng.random() < 0.35
        mother_family = family if rng.random() < 0.75 else self.family_name(origin)
        sex = "F" if not sole or rng.random() < 0.85 else "M"
        adults = [self._person(origin, family=mother_family, born=born, child=False, sex=sex)]
        if not sole:
            born = born + datetime.timedelta(days=rng.randint(-6 * 365, 6 * 365))
            adults.append(self._person(origin, family=family, born=born, child=False, sex="M"))
        return adults

    def _household(self) -> SynthHousehold:
        rng = self.rng
        origin = self.origin()
        family = self.family_name(origin)
        if rng.random() < 0.04:  # double-barrelled, like Smith-Khan
            family = f"{family}-{self.family_name(self.origin())}"
        children = self._children(origin, family)
        adults = self._adults(origin, family, children[0].date_of_birth)
        postcode, street, town = rng.choice(self._postcodes)
        flat = f"Flat {rng.randint(1, 24)}, " if rng.random() < 0.15 else ""
        since = max(children[0].date_of_birth, REFERENCE_DATE - datetime.timedelta(days=15 * 365))
        moved_in = since + datetime.timedelta(days=rng.randint(0, (REFERENCE_DATE - since).days))
        return SynthHousehold(
            id=self.uuid(),
            address=f"{flat}{rng.randint(1, 240)} {street}\n{town}",
            postcode=postcode,
            moved_in=moved_in,
            adults=adults,
            children=children,
        )
