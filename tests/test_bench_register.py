"""Sanity checks of the matching benchmark's synthetic register and error patterns
(bench/register.py, bench/corrupt.py), at a small size so they stay fast."""

from __future__ import annotations

import datetime
import random
from collections import Counter

import pytest

from bench import corrupt
from bench.register import RegisterGenerator, SynthHousehold
from cads.people.identifiers import (
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    validate_la_child_id,
)


@pytest.fixture(scope="module")
def households() -> list[SynthHousehold]:
    return list(RegisterGenerator(seed=7, size=20_000).households())


def test_same_seed_gives_the_same_register() -> None:
    def names(seed: int) -> list[tuple[str, str, datetime.date]]:
        made = RegisterGenerator(seed=seed, size=300).households()
        return [(p.given_name, p.family_name, p.date_of_birth) for h in made for p in h.members]

    assert names(1) == names(1)
    assert names(1) != names(2)


def test_register_has_exactly_the_size_asked_for(households: list[SynthHousehold]) -> None:
    assert sum(len(h.members) for h in households) == 20_000


def test_households_have_one_or_two_adults_and_children(
    households: list[SynthHousehold],
) -> None:
    for h in households[:-1]:  # the last one may be cut short to reach the size
        assert 1 <= len(h.adults) <= 2
        assert h.children
        assert all(a.date_of_birth < min(c.date_of_birth for c in h.children) for a in h.adults)


def test_identifiers_are_valid_and_unique(households: list[SynthHousehold]) -> None:
    people = [p for h in households for p in h.members]
    nhs = [p.nhs_number for p in people if p.nhs_number]
    assert all(normalise_nhs_number(n) == n and n.startswith("999") for n in nhs)
    assert len(set(nhs)) == len(nhs)
    assert 0.66 < len(nhs) / len(people) < 0.74
    upns = [p.upn for p in people if p.upn]
    assert upns
    assert all(normalise_upn(u) == u for u in upns)
    assert len(set(upns)) == len(upns)
    ids = [p.la_child_id for p in people]
    assert len(set(ids)) == len(ids)
    assert all(validate_la_child_id(i) == i for i in ids[:500])


def test_postcodes_are_in_bs7666_form(households: list[SynthHousehold]) -> None:
    assert all(normalise_postcode(h.postcode) == h.postcode for h in households)


def test_about_one_child_in_a_hundred_is_a_twin(households: list[SynthHousehold]) -> None:
    children = [c for h in households for c in h.children]
    twins = [c for c in children if c.twin_of]
    assert 0.004 < len(twins) / len(children) < 0.02
    by_id = {c.id: c for c in children}
    for twin in twins:
        other = by_id.get(twin.twin_of)  # type: ignore[arg-type]
        if other is None:  # its twin was cut from the last household
            continue
        assert other.date_of_birth == twin.date_of_birth
        assert other.family_name == twin.family_name
        assert other.given_name != twin.given_name


def test_names_are_diverse_and_some_people_have_other_names(
    households: list[SynthHousehold],
) -> None:
    people = [p for h in households for p in h.members]
    families = Counter(p.family_name for p in people)
    for name in ("Khan", "Nowak", "Popescu", "Okafor", "Murphy", "Haddad"):
        assert families[name] > 0, name
    with_other = sum(1 for p in people if p.other_names)
    assert 0.01 < with_other / len(people) < 0.06


def test_typing_errors_change_the_value() -> None:
    rng = random.Random(3)
    born = datetime.date(2015, 3, 7)
    assert corrupt.day_month_swap(born) == datetime.date(2015, 7, 3)
    assert corrupt.day_month_swap(datetime.date(2015, 3, 20)) is None
    for _ in range(50):
        wrong = corrupt.one_digit(rng, born, datetime.date(2026, 11, 1))
        assert wrong != born
        assert sum(a != b for a, b in zip(wrong.isoformat(), born.isoformat(), strict=True)) == 1
        assert corrupt.typo(rng, "Elizabeth") != "Elizabeth"
    assert corrupt.NICKNAMES["Alfie"] == "Alfred"
    assert corrupt.NICKNAMES["Elizabeth"] == "Liz"
