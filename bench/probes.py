"""Labelled search probes for the matching benchmark, drawn from the loaded register.

Three groups, each probe labelled with the person it means (or none):
- present: a register person as someone might type them (bench/corrupt.py errors);
- absent: people who are not on the register at all;
- hard: negatives built to tempt a false *certain*: a twin searched by their own details
  while the other twin is on the register; a twin or younger sibling who is not on the
  register; a sibling's name with another sibling's birth date; and someone with the same
  name and date of birth living elsewhere. Only the first kind has a true person.
The same register and seed give the same probes.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError

from bench import corrupt
from bench.register import REFERENCE_DATE
from cads.people.identifiers import normalise_postcode
from cads.people.matching import SearchQuery
from cads.people.models import Person

PRESENT_KINDS = {
    "exact": 6, "typo_given": 10, "typo_family": 10, "nickname": 8, "swap_names": 6,
    "hyphenation": 5, "changed_family": 5, "other_name": 4, "dob_day_month": 6,
    "dob_digit": 8, "no_dob": 5, "no_given": 3, "no_postcode": 5, "postcode": 6, "address": 5,
}  # fmt: skip
# At most one of these in a probe: two together leave too little to find anyone by.
HEAVY = frozenset({"swap_names", "changed_family", "other_name", "no_dob", "no_given"})


@dataclass(frozen=True)
class Probe:
    """One search and the person it means (`truth`, None when nobody on the register)."""

    group: str
    kind: str
    truth: uuid.UUID | None
    given_name: str = ""
    family_name: str = ""
    date_of_birth: datetime.date | None = None
    sex: str = ""
    postcode: str = ""  # as typed; query() normalises it as the search form does
    address: str = ""
    nhs_number: str = ""
    upn: str = ""

    def query(self) -> SearchQuery:
        try:
            postcode = normalise_postcode(self.postcode) if self.postcode else ""
        except ValidationError:
            postcode = ""
        return SearchQuery(
            given_name=self.given_name,
            family_name=self.family_name,
            date_of_birth=self.date_of_birth,
            sex=self.sex,
            postcode=postcode,
            address=self.address,
            nhs_number=self.nhs_number,
            upn=self.upn,
        )

    def page_params(self) -> dict[str, str]:
        """The search page's GET parameters (the date as day, month and year boxes)."""
        born = self.date_of_birth
        params = {
            "given_name": self.given_name,
            "family_name": self.family_name,
            "date_of_birth_day": str(born.day) if born else "",
            "date_of_birth_month": str(born.month) if born else "",
            "date_of_birth_year": str(born.year) if born else "",
            "sex": self.sex,
            "postcode": self.postcode,
            "address": self.address,
            "nhs_number": self.nhs_number,
            "upn": self.upn,
        }
        return {k: v for k, v in params.items() if v}


def exact_probe(rng: random.Random, p: Person, *, group: str, kind: str) -> Probe:
    """The person's own details, as much as a searcher usually has of them."""
    household = p.household
    return Probe(
        group=group,
        kind=kind,
        truth=p.pk,
        given_name=corrupt.typed_case(rng, p.given_name),
        family_name=corrupt.typed_case(rng, p.family_name),
        date_of_birth=p.date_of_birth,
        sex=p.sex if rng.random() < 0.7 and p.sex != "U" else "",
        postcode=household.postcode if household and rng.random() < 0.85 else "",
        address=household.address.splitlines()[0] if household and rng.random() < 0.4 else "",
        nhs_number=p.nhs_number if rng.random() < 0.25 else "",
        upn=p.upn if rng.random() < 0.05 else "",
    )


def _fallback(kind: str) -> str:
    """The error applied instead when `kind` cannot apply to this person."""
    return {"nickname": "typo_given", "dob_day_month": "dob_digit"}.get(kind, "typo_family")


Corruption = Callable[[random.Random, Probe, Person, Person], Probe | None]


def _nickname(rng: random.Random, probe: Probe, person: Person, other: Person) -> Probe | None:
    short = corrupt.NICKNAMES.get(person.given_name)
    return replace(probe, given_name=short) if short else None


def _other_name(rng: random.Random, probe: Probe, person: Person, other: Person) -> Probe | None:
    names = list(person.other_names.all())
    if not names:
        return None
    name = rng.choice(names)
    return replace(probe, given_name=name.given_name, family_name=name.family_name)


def _dob_day_month(rng: random.Random, probe: Probe, person: Person, _: Person) -> Probe | None:
    swapped = corrupt.day_month_swap(probe.date_of_birth) if probe.date_of_birth else None
    return replace(probe, date_of_birth=swapped) if swapped else None


def _dob_digit(rng: random.Random, probe: Probe, person: Person, _: Person) -> Probe | None:
    if not probe.date_of_birth:
        return None
    return replace(probe, date_of_birth=corrupt.one_digit(rng, probe.date_of_birth, REFERENCE_DATE))


def _postcode(rng: random.Random, probe: Probe, person: Person, _: Person) -> Probe | None:
    if not probe.postcode:
        return None
    typed, how = corrupt.postcode_variant(rng, normalise_postcode(probe.postcode))
    return replace(probe, kind=how, postcode=typed)


def _address(rng: random.Random, probe: Probe, person: Person, _: Person) -> Probe | None:
    if person.household is None:
        return None
    line = person.household.address.splitlines()[0]
    return replace(probe, address=corrupt.address_variant(rng, line))


CORRUPTIONS: dict[str, Corruption] = {
    "exact": lambda rng, probe, person, other: probe,
    "typo_given": lambda rng, probe, person, other: (
        replace(probe, given_name=corrupt.typo(rng, probe.given_name)) if probe.given_name else None
    ),
    "typo_family": lambda rng, probe, person, other: replace(
        probe, family_name=corrupt.typo(rng, probe.family_name)
    ),
    "nickname": _nickname,
    "swap_names": lambda rng, probe, person, other: replace(
        probe, given_name=probe.family_name, family_name=probe.given_name
    ),
    "hyphenation": lambda rng, probe, person, other: replace(
        probe, family_name=corrupt.hyphenation(rng, probe.family_name, other.family_name)
    ),
    "changed_family": lambda rng, probe, person, other: replace(
        probe, family_name=other.family_name, nhs_number=""
    ),
    "other_name": _other_name,
    "dob_day_month": _dob_day_month,
    "dob_digit": _dob_digit,
    "no_dob": lambda rng, probe, person, other: replace(probe, date_of_birth=None),
    "no_given": lambda rng, probe, person, other: replace(probe, given_name=""),
    "no_postcode": lambda rng, probe, person, other: replace(probe, postcode="", address=""),
    "postcode": _postcode,
    "address": _address,
}


def present_probe(rng: random.Random, person: Person, other: Person, *, kind: str = "") -> Probe:
    """The person with one error (`kind`, or drawn by weight), or two (40%): at most one
    of the HEAVY kinds."""
    wanted = rng.choices(list(PRESENT_KINDS), list(PRESENT_KINDS.values()), k=2)
    wanted[0] = kind or wanted[0]
    kinds = [wanted[0]]
    second = wanted[1]
    if rng.random() < 0.4 and second not in kinds and not (second in HEAVY and kinds[0] in HEAVY):
        kinds.append(second)
    probe = exact_probe(rng, person, group="present", kind="")
    done = []
    for wanted_kind in kinds:
        kind = wanted_kind
        changed = CORRUPTIONS[kind](rng, probe, person, other)
        if changed is None:
            kind = _fallback(kind)
            changed = CORRUPTIONS[kind](rng, probe, person, other)
        done.append(changed.kind if changed and changed.kind else kind)
        probe = replace(changed or probe, kind="")
    return replace(probe, kind="+".join(done))
