"""Ofsted ILACS Annex A column headings and letter-prefixed codes (spec §3)."""

from __future__ import annotations

from typing import Final

from cads.people.models import Ethnicity, Sex

COMMON: Final = (
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
)
LIST_1: Final = (*COMMON, "Date of Contact", "Contact Source")
LIST_2: Final = (
    *COMMON,
    "Assessment start date",
    "Assessment completion date",
    "Organisation completing assessment",
)
LIST_3: Final = (
    *COMMON,
    "Date of Referral",
    "Referral Source",
    "Referral NFA?",
    "Number of Referrals in Last 12 Months",
    "Allocated Team",
    "Allocated Worker",
)
SHEETS: Final = (("List 1", LIST_1), ("List 2", LIST_2), ("List 3", LIST_3))

GENDER: Final[dict[str, str]] = {
    Sex.MALE: "a) Male",
    Sex.FEMALE: "b) Female",
    Sex.UNKNOWN: "c) Not stated/recorded",
}

# Ofsted's order of the CIN ethnicity codes, lettered a) to t).
_ETHNICITY_ORDER: Final = (
    "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
    "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
)  # fmt: skip
ETHNICITY: Final = {
    code: f"{letter}) {code}"
    for letter, code in zip("abcdefghijklmnopqrst", _ETHNICITY_ORDER, strict=True)
}
# Nothing recorded yet is, in Ofsted's words, information not yet obtained (ADR 0016).
ETHNICITY_NOT_RECORDED: Final = ETHNICITY[Ethnicity.NOBT]

_SOURCE_LABELS: Final = (
    ("a", "1A", "Individual"), ("b", "1B", "Individual"), ("c", "1C", "Individual"),
    ("d", "1D", "Individual"), ("e", "2A", "Schools"), ("f", "2B", "Education services"),
    ("g", "3A", "Health services"), ("h", "3B", "Health services"),
    ("i", "3C", "Health services"), ("j", "3D", "Health services"),
    ("k", "3E", "Health services"), ("l", "3F", "Health services"), ("m", "4", "Housing"),
    ("n", "5A", "LA services"), ("o", "5B", "LA services"), ("p", "5C", "LA services"),
    ("p1", "5D", "LA services"), ("q", "6", "Police"), ("r", "7", "Other legal agency"),
    ("s", "8", "Other"), ("t", "9", "Anonymous"), ("u", "10", "Unknown"),
)  # fmt: skip
SOURCE: Final = {code: f"{letter}) {code}: {label}" for letter, code, label in _SOURCE_LABELS}
# A contact with no source recorded is reported as CIN source 10, unknown (ADR 0016).
SOURCE_NOT_RECORDED: Final = SOURCE["10"]

YES: Final = "a) Yes"
NO: Final = "b) No"
