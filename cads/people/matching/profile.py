"""The facts the scorer compares, in one normalised shape whether they come from a search,
a candidate row or a saved person."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from cads.people.matching.address import tidy_postcode
from cads.people.matching.base import SearchQuery
from cads.people.matching.keys import normalise_name
from cads.people.models import Person


@dataclass(frozen=True)
class NameForm:
    """One name a person is known by, normalised; kind is main, preferred, middle, aka
    (also known as) or previous."""

    given: str
    family: str
    kind: str = "main"


@dataclass(frozen=True)
class Profile:
    names: tuple[NameForm, ...]
    date_of_birth: date | None = None
    sex: str = ""  # "M" or "F"; unknown is blank, so it never disagrees
    nhs_number: str = ""
    upns: tuple[str, ...] = ()  # current UPN first, then the former UPN
    postcode: str = ""
    address: str = ""
    uprn: int | None = None
    # Text when read from a block statement's rows (block.py), which the scorer only compares.
    household_id: uuid.UUID | str | None = None


_SEXES = {"M": "M", "F": "F", "U": "", "": ""}  # as the register holds them


def tidy_sex(raw: str) -> str:
    if (known := _SEXES.get(raw)) is not None:
        return known
    first = raw.strip()[:1].upper()
    return first if first in ("M", "F") else ""


def tidy_identifier(raw: str) -> str:
    return re.sub(r"[\s-]", "", raw).upper()


def _forms(
    given: str, middle: str, family: str, preferred: str, other: list[Any]
) -> tuple[NameForm, ...]:
    fam = normalise_name(family)
    forms = [NameForm(normalise_name(given), fam)]
    if preferred:
        forms.append(NameForm(normalise_name(preferred), fam, "preferred"))
    if middle:
        forms.append(NameForm(normalise_name(middle.split(maxsplit=1)[0]), fam, "middle"))
    for kind, other_given, other_family in other:
        forms.append(
            NameForm(
                normalise_name(other_given or given), normalise_name(other_family or family), kind
            )
        )
    return tuple(dict.fromkeys(forms))


def profile_from_query(query: SearchQuery) -> Profile:
    return Profile(
        names=(NameForm(normalise_name(query.given_name), normalise_name(query.family_name)),),
        date_of_birth=query.date_of_birth,
        sex=tidy_sex(query.sex),
        nhs_number=tidy_identifier(query.nhs_number),
        upns=(tidy_identifier(query.upn),) if query.upn.strip() else (),
        postcode=tidy_postcode(query.postcode),
        address=query.address,
    )


def profile_from_row(row: tuple[Any, ...]) -> Profile:
    """A candidate row from the candidate query (see candidates.CANDIDATE_COLUMNS)."""
    (_, given, middle, family, preferred, dob, sex, nhs, upn, former_upn,
     household_id, address, postcode, uprn, other) = row  # fmt: skip
    return Profile(
        names=_forms(given, middle, family, preferred, other or []),
        date_of_birth=dob,
        sex=tidy_sex(sex),
        nhs_number=nhs,
        upns=tuple(u for u in (upn, former_upn) if u),
        postcode=postcode or "",
        address=address or "",
        uprn=uprn,
        household_id=household_id,
    )


class RowFacts(NamedTuple):
    """The facts of a candidate row that `scoring.weight_bounds` reads and the twins rule
    groups by: cheap to read, so that only the candidates worth scoring become a Profile
    (their names normalised)."""

    date_of_birth: date | None
    sex: str
    nhs_number: str
    upns: tuple[str, ...]
    postcode: str
    household_id: uuid.UUID | str | None


def facts_from_row(row: tuple[Any, ...]) -> RowFacts:
    """The facts `profile_from_row` would give, without the names and address."""
    upns = tuple(u for u in row[8:10] if u) if row[8] or row[9] else ()
    return RowFacts(row[5], tidy_sex(row[6]), row[7], upns, row[12] or "", row[10])


def profile_from_person(person: Person) -> Profile:
    other = list(person.other_names.values_list("kind", "given_name", "family_name"))
    household = person.household if person.household_id else None
    return Profile(
        names=_forms(
            person.given_name, person.middle_names, person.family_name, person.preferred_name, other
        ),
        date_of_birth=person.date_of_birth,
        sex=tidy_sex(person.sex),
        nhs_number=person.nhs_number,
        upns=tuple(u for u in (person.upn, person.former_upn) if u),
        postcode=household.postcode if household else "",
        address=household.address if household else "",
        uprn=household.uprn if household else None,
        household_id=person.household_id,
    )
