"""Score one candidate against a search: add up weights for how each fact agrees, turn the
total into a 0-100 score, pick a band, and say why in plain language (ADR 0009).

Weights are rounded log2 likelihood ratios: how much more often a fact agrees this way
for the same person than for two different people. Reasons never quote the candidate's
details, so a restricted record can show why it matched without showing its content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, Protocol

from cads.people.matching.address import PostcodeAgreement as P
from cads.people.matching.address import compare_postcodes, same_house
from cads.people.matching.base import Band
from cads.people.matching.dates import DateAgreement as D
from cads.people.matching.dates import compare_dates
from cads.people.matching.names import AGREEING, compare_family, compare_given
from cads.people.matching.names import NameAgreement as N
from cads.people.matching.profile import Profile

NHS_MATCH: Final = 16.0
NHS_DIFFERENT: Final = -14.0
UPN_MATCH: Final = 14.0
UPN_DIFFERENT: Final = -10.0
DATE_WEIGHTS: Final = {D.EXACT: 11.0, D.SWAPPED: 6.0, D.ONE_DIGIT: 4.0, D.TRANSPOSED: 4.0,
                       D.YEAR: 3.0, D.DIFFERENT: -6.0, D.MISSING: 0.0}  # fmt: skip
GIVEN_WEIGHTS: Final = {N.EXACT: 6.0, N.NICKNAME: 5.0, N.SOUNDS: 4.0, N.TYPO: 4.0,
                        N.INITIAL: 1.0, N.DIFFERENT: -7.0, N.MISSING: 0.0}  # fmt: skip
FAMILY_WEIGHTS: Final = {N.EXACT: 7.0, N.PART: 5.0, N.SOUNDS: 4.0, N.TYPO: 4.0,
                         N.DIFFERENT: -3.0, N.MISSING: 0.0}  # fmt: skip
MIDDLE_NAME_AS_GIVEN: Final = 4.0  # the search's given name is the record's middle name
OTHER_NAME: Final = -0.5  # matched through an also-known-as or previous name
SWAPPED_NAMES: Final = -1.0
SEX_SAME: Final = 1.0
SEX_DIFFERENT: Final = -4.0
POSTCODE_WEIGHTS: Final = {P.SAME: 4.0, P.NEAR: 1.5, P.DIFFERENT: -1.0, P.MISSING: 0.0}
SAME_HOUSE: Final = 2.0  # on top of the postcode's weight
SAME_STREET_ADDRESS: Final = 5.0  # house number and street agree and there is no postcode
DIFFERENT_HOUSE: Final = -1.0
SAME_UPRN: Final = 3.0

# total weight -> score: 100 / (1 + 2 ** (-(total - MIDPOINT) / SPREAD))
MIDPOINT: Final = 15.0
SPREAD: Final = 2.0
LIKELY_FROM: Final = 80.0  # score at or above which a candidate is likely
SHOWN_FROM: Final = 5.0  # candidates below this are not offered at all

_DATE_REASONS: Final = {
    D.EXACT: "date of birth matches",
    D.SWAPPED: "date of birth matches with day and month swapped",
    D.ONE_DIGIT: "date of birth one digit different",
    D.TRANSPOSED: "date of birth matches with two digits swapped",
    D.YEAR: "date of birth matches but the year is one out",
    D.DIFFERENT: "date of birth is different",
}
_NAME_REASONS: Final = {
    N.EXACT: "{} name matches",
    N.NICKNAME: "{} name is a short form or variant of the same name",
    N.PART: "{} name matches part of a double-barrelled name",
    N.SOUNDS: "{} name sounds alike",
    N.TYPO: "{} name spelt slightly differently",
    N.INITIAL: "{} name initial matches",
    N.DIFFERENT: "{} name is different",
}
_POSTCODE_REASONS: Final = {
    P.SAME: "same postcode",
    P.NEAR: "postcode nearby or one character different",
    P.DIFFERENT: "different postcode",
}


@dataclass(frozen=True)
class NameMatch:
    given: N = N.MISSING
    family: N = N.MISSING
    kind: str = "main"
    swapped: bool = False
    weight: float = 0.0


@dataclass(frozen=True)
class Evidence:
    """How a candidate agrees with a search, before the band is chosen."""

    weight: float
    reasons: tuple[str, ...]
    identifier_match: bool
    contradicted: bool  # an identifier, date of birth, given name or sex disagrees
    corroborated: bool  # date of birth, or names with a date of birth, agree with an identifier
    names: NameMatch
    dob: D

    @property
    def score(self) -> float:
        return score_of(self.weight)


def score_of(weight: float) -> float:
    return round(100 / (1 + 2 ** (-(weight - MIDPOINT) / SPREAD)), 1)


def _pair_weight(given: N, family: N, kind: str, *, swapped: bool) -> float:
    weight = GIVEN_WEIGHTS[given] + FAMILY_WEIGHTS.get(family, 0.0)
    if kind == "middle" and given in AGREEING:
        weight += MIDDLE_NAME_AS_GIVEN - GIVEN_WEIGHTS[given]
    elif kind in ("aka", "previous"):
        weight += OTHER_NAME
    return weight + (SWAPPED_NAMES if swapped else 0.0)


# The most any pair of names can weigh (`_pair_weight`): both exact, the right way round.
_NAMES_MOST: Final = GIVEN_WEIGHTS[N.EXACT] + FAMILY_WEIGHTS[N.EXACT]


def best_names(q: Profile, c: Profile) -> NameMatch:
    """The best agreement between any name of the search and any name of the candidate,
    trying the search's given and family names both ways round (the first of equals)."""
    best: tuple[float, N, N, str, bool] | None = None
    for qn in q.names:
        for cn in c.names:
            for qg, qf, swapped in ((qn.given, qn.family, False), (qn.family, qn.given, True)):
                given, family = compare_given(qg, cn.given), compare_family(qf, cn.family)
                weight = _pair_weight(given, family, cn.kind, swapped=swapped)
                if best is None or weight > best[0]:
                    best = (weight, given, family, cn.kind, swapped)
            if best is not None and best[0] >= _NAMES_MOST:
                break  # both names exact: no later pair can do better (the first of equals)
    if best is None:
        return NameMatch()
    weight, given, family, kind, swapped = best
    return NameMatch(given, family, kind, swapped, weight)


def _name_reasons(m: NameMatch) -> list[str]:
    reasons = []
    if m.swapped:
        reasons.append("given and family names swapped")
    if m.kind == "middle" and m.given in AGREEING:
        reasons.append("given name matches a middle name")
    elif m.given in _NAME_REASONS:
        reasons.append(_NAME_REASONS[m.given].format("given"))
    if m.family in _NAME_REASONS:
        reasons.append(_NAME_REASONS[m.family].format("family"))
    if m.kind in ("aka", "previous") and m.given != N.DIFFERENT:
        reasons.append(
            f"matches {'a previous' if m.kind == 'previous' else 'an also-known-as'} name"
        )
    return reasons


def _identifiers(q: Profile, c: Facts) -> tuple[float, list[str], bool, bool]:
    """Weight, reasons, whether an identifier matches, whether one is contradicted."""
    weight, reasons, match, contradicted = 0.0, [], False, False
    if q.nhs_number and c.nhs_number:
        match = q.nhs_number == c.nhs_number
        contradicted = not match
        weight += NHS_MATCH if match else NHS_DIFFERENT
        reasons.append("NHS number matches" if match else "NHS number is different")
    if q.upns and c.upns:
        shared = set(q.upns) & set(c.upns)
        if shared:
            match = True
            former = q.upns[0] not in c.upns[:1] and c.upns[0] not in q.upns[:1]
            reasons.append("UPN matches a former UPN" if former else "UPN matches")
            weight += UPN_MATCH
        elif q.upns[0] and c.upns[0]:
            contradicted = True
            reasons.append("UPN is different")
            weight += UPN_DIFFERENT
    return weight, reasons, match, contradicted


def _place(q: Profile, c: Profile) -> tuple[float, list[str]]:
    """Postcode, then house number or UPRN."""
    postcode = compare_postcodes(q.postcode, c.postcode)
    weight, reasons = POSTCODE_WEIGHTS[postcode], []
    if q.uprn and c.uprn and q.uprn == c.uprn:
        return weight + SAME_UPRN, ["same address (UPRN)"]
    if postcode == P.DIFFERENT:  # a house number says nothing in another postcode
        return weight, [_POSTCODE_REASONS[postcode]] if postcode in _POSTCODE_REASONS else []
    house = same_house(q.address, c.address) if q.address and c.address else None
    if house and postcode in (P.SAME, P.NEAR):
        return weight + SAME_HOUSE, ["same address"]
    if postcode in _POSTCODE_REASONS:
        reasons.append(_POSTCODE_REASONS[postcode])
    if house and postcode == P.MISSING:
        return weight + SAME_STREET_ADDRESS, [*reasons, "same house number and street"]
    if house is False and postcode == P.SAME:
        return weight + DIFFERENT_HOUSE, [*reasons, "different house number"]
    return weight, reasons


def evaluate(q: Profile, c: Profile) -> Evidence:
    """Every fact compared, weighed and explained, in the order a worker reads them."""
    id_weight, reasons, id_match, contradicted = _identifiers(q, c)
    dob = compare_dates(q.date_of_birth, c.date_of_birth)
    names = best_names(q, c)
    weight = id_weight + DATE_WEIGHTS[dob] + names.weight
    if dob in _DATE_REASONS:
        reasons.append(_DATE_REASONS[dob])
    reasons += _name_reasons(names)
    sex_differs = bool(q.sex and c.sex and q.sex != c.sex)
    if q.sex and c.sex:
        weight += SEX_DIFFERENT if sex_differs else SEX_SAME
    if sex_differs:
        reasons.append("sex is different")
    place_weight, place_reasons = _place(q, c)
    names_agree = names.given in AGREEING and names.family in (*AGREEING, N.DIFFERENT)
    return Evidence(
        weight=weight + place_weight,
        reasons=(*reasons, *place_reasons),
        identifier_match=id_match,
        contradicted=contradicted
        or sex_differs
        or dob == D.DIFFERENT
        or names.given == N.DIFFERENT,
        # Without a date of birth on both sides nothing is certain (ADR 0009, 2026-12-07): an
        # identifier with names alone is likely at most, because a mistyped NHS number or UPN
        # leaves only the names, and names alone are shared (a namesake, a twin's nickname).
        corroborated=dob in (D.EXACT, D.SWAPPED, D.ONE_DIGIT, D.TRANSPOSED)
        or (names_agree and dob != D.MISSING),
        names=names,
        dob=dob,
    )


# The most a house number or UPRN can add on top of the postcode's weight (see `_place`).
_HOUSE_MOST: Final = {P.SAME: SAME_HOUSE, P.NEAR: SAME_HOUSE, P.MISSING: SAME_STREET_ADDRESS}


class Facts(Protocol):
    """What `weight_bounds` reads of a candidate: a Profile, or a candidate row's facts
    (profile.RowFacts) when building the Profile is not worth it yet."""

    @property
    def date_of_birth(self) -> date | None: ...
    @property
    def sex(self) -> str: ...
    @property
    def nhs_number(self) -> str: ...
    @property
    def upns(self) -> tuple[str, ...]: ...
    @property
    def postcode(self) -> str: ...


def _names_most(q: Profile) -> float:
    """The most the names can add (see `_pair_weight`): a name the search does not give
    adds nothing, whichever way round it is read."""
    return max(
        (
            (GIVEN_WEIGHTS[N.EXACT] if n.given else 0.0)
            + (FAMILY_WEIGHTS[N.EXACT] if n.family else 0.0)
            for n in q.names
        ),
        default=0.0,
    )


def weight_bounds(q: Profile, candidates: Sequence[Facts]) -> list[tuple[float, bool]]:
    """For each candidate, a weight `evaluate(q, c)` cannot exceed, found without comparing
    names or addresses (the costly part), and whether an identifier matches. Candidates
    often share a date of birth or a postcode, so each is compared once."""
    names_most = _names_most(q)
    identifiers = bool(q.nhs_number or q.upns)
    dates: dict[date | None, float] = {}
    places: dict[str, float] = {}
    bounds = []
    for c in candidates:
        weight, identifier_match = 0.0, False
        if identifiers:
            weight, _, identifier_match, _ = _identifiers(q, c)
        if (dob := dates.get(c.date_of_birth)) is None:
            dob = dates[c.date_of_birth] = DATE_WEIGHTS[
                compare_dates(q.date_of_birth, c.date_of_birth)
            ]
        if (place := places.get(c.postcode)) is None:
            place = places[c.postcode] = _place_most(q, c.postcode)
        if q.sex and c.sex:
            weight += SEX_SAME if q.sex == c.sex else SEX_DIFFERENT
        bounds.append((weight + dob + names_most + place, identifier_match))
    return bounds


def _place_most(q: Profile, postcode: str) -> float:
    """The most `_place` can give for a candidate with this postcode."""
    agreement = compare_postcodes(q.postcode, postcode)
    house = _HOUSE_MOST.get(agreement, 0.0) if q.address else 0.0
    return POSTCODE_WEIGHTS[agreement] + max(house, SAME_UPRN if q.uprn else 0.0)


def band(evidence: Evidence, *, twin_doubt: bool = False) -> Band:
    """Certain needs a matching NHS number or UPN, nothing contradicting it, and the date
    of birth or (with a date of birth on both sides) the names agreeing too; an
    uncontradicted identifier alone is likely, and so is one with names and no date of birth.
    Name, date of birth and address alone are at most likely, and only possible while a
    twin or same-birthday sibling is in doubt."""
    if evidence.identifier_match and not evidence.contradicted and evidence.corroborated:
        return Band.CERTAIN
    if evidence.identifier_match and not evidence.contradicted:
        return Band.LIKELY
    if twin_doubt and not evidence.identifier_match:
        return Band.POSSIBLE
    return Band.LIKELY if evidence.score >= LIKELY_FROM else Band.POSSIBLE
