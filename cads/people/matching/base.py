"""The matching API's value types: what a search asks and what it returns."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


@dataclass(frozen=True)
class SearchQuery:
    """What the searcher typed; any field may be blank."""

    given_name: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    sex: str = ""
    postcode: str = ""
    address: str = ""
    nhs_number: str = ""
    upn: str = ""


class Band(StrEnum):
    CERTAIN = "certain"
    LIKELY = "likely"
    POSSIBLE = "possible"


@dataclass(frozen=True)
class Candidate:
    """One ranked person: a 0-100 score, its band and the reasons in plain language."""

    person_id: uuid.UUID
    score: float
    band: Band
    reasons: tuple[str, ...]
