"""Sanity checks of the matching benchmark's synthetic register and error patterns
(bench/register.py, bench/corrupt.py), at a small size so they stay fast."""

from __future__ import annotations

import datetime
import random
from collections import Counter

import pytest
from faker.providers.person.en_GB import Provider as FakerPerson

from bench import corrupt
from bench.names import ORIGINS, Names
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
    for name in ("Khan", "Popescu", "Okafor", "Murphy", "Haddad"):
        assert families[name] > 0, name
    for origin in ORIGINS:  # every community's family names, at about its share
        holders = sum(n for name, n in families.items() if name in origin.family)
        assert holders > origin.weight * len(people) / 2, origin.key
    with_other = sum(1 for p in people if p.other_names)
    assert 0.01 < with_other / len(people) < 0.06


def test_names_repeat_as_on_a_real_register(households: list[SynthHousehold]) -> None:
    """Common names stay common, but most people's family name is outside the 500
    commonest and few people share their exact full name with more than two others (the
    register before the long tails: 8.5% did, with 844 family names in all)."""
    people = [p for h in households for p in h.members]
    families = Counter(p.family_name for p in people)
    assert "Smith" in [name for name, _ in families.most_common(3)]
    assert len(families) >= 2_500
    top_500 = set(FakerPerson.last_names)
    assert 0.2 < sum(n for f, n in families.items() if f in top_500) / len(people) < 0.4
    full_names = Counter((p.given_name, p.family_name) for p in people)
    crowded = sum(n for n in full_names.values() if n > 3)
    assert crowded / len(people) < 0.01


def test_names_come_from_the_head_or_the_tail() -> None:
    names = Names(("Smith", "Jones"), ("Savage", "Winter", "Metcalfe"), 0.4, (3.0, 1.0))
    made = RegisterGenerator(seed=5, size=10)
    drawn = Counter(made.name(names) for _ in range(20_000))
    assert set(drawn) == {"Smith", "Jones", "Savage", "Winter", "Metcalfe"}
    assert 0.37 < (drawn["Smith"] + drawn["Jones"]) / 20_000 < 0.43
    assert 2.6 < drawn["Smith"] / drawn["Jones"] < 3.4
    with pytest.raises(ValueError, match="no name in both"):
        Names(("Smith",), ("Smith",), 0.5)


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
