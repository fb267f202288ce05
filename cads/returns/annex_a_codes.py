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
DISABILITY: Final = "Does the Child have a Disability"
TEAM_AND_WORKER: Final = ("Allocated Team", "Allocated Worker")
LIST_4: Final = (
    *COMMON,
    DISABILITY,
    "Continuous Assessment Start Date",
    "Child Seen During Continuous Assessment",
    "Continuous Assessment Date of Authorisation",
    "Was the child assessed as requiring LA children's social care support?",
    *TEAM_AND_WORKER,
)
LIST_5: Final = (
    *COMMON,
    DISABILITY,
    "Strategy discussion initiating Section 47 Enquiry Start Date",
    "Was an Initial Child Protection Conference deemed unnecessary?",
    "Date of Initial Child Protection Conference",
    "Did the Initial Child Protection Conference Result in a Child Protection Plan",
    "Number of Section 47 Enquiries in the last 12 months",
    "Number of ICPCs in the last 12 months",
    *TEAM_AND_WORKER,
)
SHEETS: Final = (
    ("List 1", LIST_1),
    ("List 2", LIST_2),
    ("List 3", LIST_3),
    ("List 4", LIST_4),
    ("List 5", LIST_5),
)

GENDER: Final[dict[str, str]] = {
    Sex.MALE: "a) Male",
    Sex.FEMALE: "b) Female",
    Sex.UNKNOWN: "c) Not stated/recorded",
}
# Ofsted's "d) Neither": a gender identity recorded as neither male nor female (ADR 0016's
# amendment in ADR 0028; CADS's `sex` is the CIN census's legal sex, M/F/U).
NEITHER: Final = "d) Neither"
MALE_OR_FEMALE: Final = frozenset(
    {"male", "female", "man", "woman", "boy", "girl", "m", "f", "trans man", "trans woman"}
)

# Ofsted's order of the CIN ethnicity codes, lettered a) to t).
_ETHNICITY_ORDER: Final = (
    "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
    "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
)  # fmt: skip
ETHNICITY: Final = {
    code: f"{letter}) {code}"
    for letter, code in zip("abcdefghijklmnopqrst", _ETHNICITY_ORDER, strict=True)
}
# Sources disagree on NOBT's letter: data-to-insight's Annex A SQL writes "t) NOBT"; the
# reader councils run the lists through (liiatools, spec/annex_a/data-map.yml) has REFU and
# NOBT both under "s)" and blanks "t) NOBT" as a formatting error (checked with liiatools
# 0.2.0 in the tests). CADS writes "s) NOBT", which that reader accepts.
ETHNICITY[Ethnicity.NOBT] = "s) NOBT"
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
UNKNOWN: Final = "c) Unknown"
UNALLOCATED: Final = "Unallocated"
