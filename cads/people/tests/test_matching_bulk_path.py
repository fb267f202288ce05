"""Bulk matching's fast path: a certain match by NHS number or UPN is settled for a whole
batch in one query, and only where the full search would rank the same person first with
the same band, score and reasons. All people and NHS numbers are fictional (999 range)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.people.identifiers import upn_check_letter
from cads.people.matching import (
    Band,
    SearchQuery,
    best_candidates,
    certain_by_identifier,
    find_candidates,
)
from cads.people.merging import person_merge
from cads.people.models import Person
from cads.people.services import household_create, person_create

pytestmark = pytest.mark.django_db

D = datetime.date
NHS_A, NHS_B, NHS_C = "9990000018", "9990000026", "9990000034"
FORMER_UPN = upn_check_letter("938200012346") + "938200012346"


def make(given: str, family: str, born: datetime.date, **details: Any) -> Person:
    details.setdefault("sex", "F")
    return person_create(
        actor=None, given_name=given, family_name=family, date_of_birth=born, **details
    )


def test_settled_only_where_the_full_search_is_certain_of_the_same_person() -> None:
    home = household_create(actor=None, address="4 Quarry Lane", postcode="WX2 7PL")
    ruby = make("Ruby", "Latham", D(2015, 5, 2), nhs_number=NHS_A, household=home)
    make("Rosa", "Latham", D(2015, 5, 2), nhs_number=NHS_B, household=home)  # Ruby's twin
    iris = make("Iris", "Quayle", D(2011, 1, 9), nhs_number=NHS_C)
    pupil = make("Nia", "Evans", D(2013, 3, 3), former_upn=FORMER_UPN)
    iris_born, ruby_born = D(2011, 1, 9), D(2015, 5, 2)
    queries = [
        SearchQuery(
            given_name="Iris", family_name="Quayle", date_of_birth=iris_born, nhs_number=NHS_C
        ),  # certain
        SearchQuery(given_name="Nia", date_of_birth=D(2013, 3, 3), upn=FORMER_UPN),  # certain
        SearchQuery(
            given_name="Ruby", family_name="Latham", date_of_birth=ruby_born, nhs_number=NHS_A
        ),  # a twin
        SearchQuery(nhs_number=NHS_C),  # the NHS number alone is only likely
        SearchQuery(given_name="Oscar", date_of_birth=D(2001, 2, 2), nhs_number=NHS_C),
        SearchQuery(given_name="Iris", family_name="Quayle"),  # no identifier
        # Names and the NHS number with no date of birth are only likely.
        SearchQuery(given_name="Iris", family_name="Quayle", nhs_number=NHS_C),
    ]

    settled = certain_by_identifier(queries)

    assert [c.person_id if c else None for c in settled] == [iris.pk, pupil.pk] + [None] * 5
    for query, answer in zip(queries[:2], settled[:2], strict=True):
        assert answer is not None
        assert answer.band == Band.CERTAIN
        assert find_candidates(query, limit=1) == [answer]
    full = find_candidates(queries[2], limit=1)[0]
    assert (full.person_id, full.band) == (ruby.pk, Band.CERTAIN)  # the full search decides


def test_an_identifier_held_by_two_records_goes_to_the_full_search() -> None:
    make("Maya", "Osei", D(2016, 8, 8), nhs_number=NHS_A)
    make("Maya", "Osei", D(2016, 8, 8), nhs_number=NHS_A)  # an unmerged duplicate
    query = SearchQuery(given_name="Maya", family_name="Osei", nhs_number=NHS_A)
    assert certain_by_identifier([query]) == [None]


def test_merged_away_records_are_not_holders(make_user: Callable[[str], User]) -> None:
    kept = make("Maya", "Osei", D(2016, 8, 8), nhs_number=NHS_A)
    gone = make("Maya", "Osei", D(2016, 8, 8), nhs_number=NHS_A)
    manager = make_user(Role.TEAM_MANAGER)
    person_merge(actor=manager, kept=kept, merged=gone, reason="Same child, recorded twice")
    query = SearchQuery(
        given_name="Maya", family_name="Osei", date_of_birth=D(2016, 8, 8), nhs_number=NHS_A
    )
    [answer] = certain_by_identifier([query])
    assert answer is not None
    assert answer.person_id == kept.pk


def test_the_block_search_gives_what_the_search_gives_for_each_row() -> None:
    """Bulk matching gathers a whole block's candidates in one statement and scores only
    those that could come first: each row's answer is still the search's first candidate,
    twins' doubt included."""
    home = household_create(actor=None, address="4 Quarry Lane", postcode="WX2 7PL")
    make("Ruby", "Latham", D(2015, 5, 2), household=home)
    make("Rosa", "Latham", D(2015, 5, 2), household=home)  # Ruby's twin: "Rubi" is either
    make("Iris", "Quayle", D(2011, 1, 9), nhs_number=NHS_C)
    make("Iris", "Quale", D(2011, 9, 1), sex="F")
    make("Nia", "Evans", D(2013, 3, 3), former_upn=FORMER_UPN)
    for n in range(6):  # people sharing a birthday, who the date look-up brings in too
        make(f"Maya{'abcdef'[n]}", "Osei", D(2011, 1, 9), sex="M")
    queries = [
        SearchQuery(given_name="Ruby", family_name="Latham", date_of_birth=D(2015, 5, 2)),
        SearchQuery(given_name="Rubi", family_name="Latham", postcode="WX2 7PL"),
        SearchQuery(given_name="Iris", family_name="Quayle", date_of_birth=D(2011, 1, 9)),
        SearchQuery(given_name="Iris", date_of_birth=D(2011, 9, 1), sex="F"),
        SearchQuery(family_name="Evans", upn=FORMER_UPN),
        SearchQuery(given_name="Oscar", family_name="Dunmore", date_of_birth=D(2001, 2, 2)),
        SearchQuery(family_name="Osei"),
        SearchQuery(nhs_number=NHS_C),
        # Names only, with slips that change a sound key: the typing-error look-ups.
        SearchQuery(given_name="Iria", family_name="Quayle", postcode="WX9 9ZZ"),
        SearchQuery(given_name="Ruby", family_name="Latgam", sex="F"),
    ]

    found = best_candidates(queries, candidate_cap=5)

    expected = [next(iter(find_candidates(q, limit=1, candidate_cap=5)), None) for q in queries]
    assert found == expected
    assert [c.band if c else None for c in found[:2]] == [Band.LIKELY, Band.POSSIBLE]
    assert found[5] is None
    assert all(c is not None and c.band != Band.CERTAIN for c in found[-2:])
    with connection.cursor() as cursor:  # the block's settings do not outlive it
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)
        cursor.execute("SHOW effective_io_concurrency")
        assert cursor.fetchone() != ("0",)
