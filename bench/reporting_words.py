"""Weights and words for the reporting benchmark's generated activity: how contacts arrive
(channel, referral source, RAG, consent), what was decided, and short fictional texts.

The shares are shaped like published figures for English front doors (police, schools and
health make most contacts; DfE "Characteristics of children in need": about one referral
in five is a re-referral, abuse or neglect is the commonest primary need), not copied from
any one authority."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """Draw one of the values with the given relative weights."""

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.values = [v for v, _ in pairs]
        self.cumulative = list(accumulate(w for _, w in pairs))

    def draw(self, rng: random.Random) -> T:
        return self.values[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


CHANNELS = Weighted(
    [("phone", 42), ("online", 24), ("email", 12), ("police", 17), ("in_person", 1)]
)
# CIN census referral source codes (cads.contacts.codes.ReferralSource), police by channel.
SOURCES = Weighted(
    [("1A", 5), ("1B", 2), ("1C", 1.5), ("1D", 1), ("2A", 20), ("2B", 2), ("3A", 3),
     ("3B", 4), ("3C", 1.5), ("3D", 2), ("3E", 3), ("3F", 2), ("4", 3), ("5A", 3),
     ("5B", 2), ("5C", 3), ("5D", 5), ("6", 18), ("7", 3), ("8", 3), ("9", 1.5), ("10", 1)]
)  # fmt: skip
RAG = Weighted([("red", 8), ("amber", 40), ("green", 52)])
CONSENT = Weighted([("given", 72), ("refused", 7), ("not_sought", 21)])
NOT_SOUGHT = Weighted([("risk_of_harm", 60), ("investigation", 30), ("other", 10)])
THRESHOLD_VIEW = Weighted([("1", 5), ("2", 25), ("3", 35), ("4", 20), ("unsure", 15)])
# Outcomes of a contact that is not a referral, by threshold level (1 to 3).
OTHER_OUTCOMES: dict[int, Weighted[tuple[str, ...]]] = {
    1: Weighted([(("nfa",), 35), (("advice",), 35), (("signpost",), 20),
                 (("advice", "signpost"), 10)]),
    2: Weighted([(("early_help",), 65), (("advice",), 20), (("signpost",), 10),
                 (("nfa",), 5)]),
    3: Weighted([(("early_help",), 55), (("open_case",), 20), (("advice",), 25)]),
}  # fmt: skip
OTHER_LEVEL = Weighted([(1, 35), (2, 45), (3, 20)])
REFERRAL_OUTCOMES = Weighted(
    [(("assessment",), 75), (("strategy",), 10), (("strategy", "assessment"), 15)]
)
# CIN census primary need at the end of the assessment.
PRIMARY_NEED = Weighted(
    [("N1", 52), ("N2", 4), ("N3", 4), ("N4", 14), ("N5", 15), ("N6", 3), ("N7", 0.5),
     ("N8", 2), ("N9", 4), ("N0", 1.5)]
)  # fmt: skip
ACKNOWLEDGED_HOW = Weighted([("email", 50), ("phone", 35), ("letter", 15)])
# Partner agencies asked in a MASH check: (organisation kind, share of checks that ask
# them, median hours to respond). Police answer fastest; probation and housing slowest.
AGENCIES = (
    ("police", 0.92, 3.0),
    ("health", 0.85, 7.0),
    ("education", 0.65, 5.0),
    ("probation", 0.2, 20.0),
    ("housing", 0.15, 30.0),
    ("adult_social_care", 0.1, 16.0),
)
CONCERNS = (
    "Child arrived at school with a bruise to the cheek and said 'Dad got cross'.",
    "Police called to a domestic incident at the home; the children were present.",
    "Health visitor concerned about the baby's weight and missed appointments.",
    "Neighbour reports the children are left alone late in the evening.",
    "Young person disclosed self-harm to the school nurse.",
    "Mother says she is struggling to cope since losing her job.",
    "Child missing from home overnight, found by police in the town centre.",
    "Attendance below 60% this term; the family have not answered the school's calls.",
    "Father's drinking has increased and the children describe arguments at night.",
    "Anonymous caller says the flat is dirty and there is little food.",
    "Child seen at A&E with a burn; the account given changed twice.",
    "Young person seen with older men the school does not know; new phone and clothes.",
)
GIVEN = ("Sam", "Priya", "Tomasz", "Aisha", "Gareth", "Fiona", "Kwame", "Ioana", "Liam")
FAMILY = ("Hughes", "Patel", "Nowak", "Okafor", "Roberts", "Murphy", "Haddad", "Ali", "Reid")
ROLES = {
    "2A": "Designated safeguarding lead",
    "2B": "Education welfare officer",
    "3A": "GP",
    "3B": "Health visitor",
    "3C": "School nurse",
    "3E": "Emergency department nurse",
    "6": "Police constable",
    "4": "Housing officer",
}
OVERRUN_REASONS = (
    "Father could not be seen until a prison visit was arranged.",
    "The family moved address during the assessment.",
    "Waiting for a paediatric assessment report.",
)
