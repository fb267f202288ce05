"""Matching without a date of birth: a public report often gives names and an address but no
date of birth, and a partner's list may hold a date that cannot be one. The person meant is
still found by their names (with nicknames, sound-alikes and typing slips), never called
*certain*, and the look-ups stay bounded. All people and NHS numbers are fictional (999
range)."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from cads.people.bulk import COLUMNS, PersonRow, check_row
from cads.people.matching import Band, Candidate, SearchQuery, find_candidates
from cads.people.matching.candidates import CANDIDATE_CAP, fetch
from cads.people.matching.keys import name_key_rows
from cads.people.matching.lookups import SCAN_CAP
from cads.people.matching.profile import profile_from_query
from cads.people.models import Household, Person, PersonNameKey
from cads.people.services import household_create, person_create

pytestmark = pytest.mark.django_db

D = datetime.date
NHS_A = "9990000018"


def home(address: str = "12 Church Road", postcode: str = "LS6 2AB") -> Household:
    return household_create(actor=None, address=address, postcode=postcode)


def make(given: str, family: str, born: datetime.date | None, **details: Any) -> Person:
    details.setdefault("sex", "M")
    return person_create(
        actor=None, given_name=given, family_name=family, date_of_birth=born, **details
    )


def search(**fields: Any) -> list[Candidate]:
    return find_candidates(SearchQuery(**fields))


@pytest.fixture
def oliver() -> Person:
    """Oliver Pemberton lives in Leeds; the family has since moved, so searches give another
    postcode (WX1 4QT) and no date of birth. A namesake lives elsewhere."""
    make("Harriet", "Pemberton", D(1988, 2, 2), sex="F", household=home())
    make("Oliver", "Pemberton", D(1972, 6, 30), household=home("3 Mill Lane", "LS7 1AA"))
    return make("Oliver", "Pemberton", D(2015, 3, 4), household=home())


def test_names_alone_find_the_person_when_the_postcode_differs(oliver: Person) -> None:
    found = search(given_name="Oliver", family_name="Pemberton", postcode="WX1 4QT")
    assert oliver.pk in [c.person_id for c in found]
    assert all(c.band != Band.CERTAIN for c in found)
    found = search(given_name="oliver", family_name="PEMBERTON", sex="M")  # no postcode
    assert oliver.pk in [c.person_id for c in found]


@pytest.mark.parametrize(
    ("given", "family", "reason"),
    [
        # Slips that change a name's sound key, so only the typing-error look-ups find them.
        ("Olicer", "Pemberton", "given name spelt slightly differently"),
        ("Oliver", "Pemnerton", "family name spelt slightly differently"),
        ("Oilver", "Pemberton", "given name sounds alike"),
        ("Olly", "Pemberton", "given name is a short form or variant of the same name"),
        ("Ollie", "Pemnerton", "family name spelt slightly differently"),  # nickname and slip
        ("Pemberton", "Oliver", "given and family names swapped"),
    ],
)
def test_nicknames_sound_alikes_and_slips_are_found_without_a_date_of_birth(
    oliver: Person, given: str, family: str, reason: str
) -> None:
    found = search(given_name=given, family_name=family, postcode="WX1 4QT", sex="M")
    matched = [c for c in found if c.person_id == oliver.pk]
    assert matched, f"{given} {family} did not find Oliver Pemberton"
    assert reason in matched[0].reasons
    assert matched[0].band != Band.CERTAIN


def test_the_address_decides_between_namesakes_when_it_agrees(oliver: Person) -> None:
    found = search(given_name="Olicer", family_name="Pemberton", postcode="LS6 2AB",
                   address="12 Church Road")  # fmt: skip
    assert found[0].person_id == oliver.pk
    assert "same address" in found[0].reasons
    assert found[0].band != Band.CERTAIN


def test_without_a_date_of_birth_nothing_is_certain(oliver: Person) -> None:
    """Names, sex and the same address, or an NHS number with the names: likely at most."""
    Person.objects.filter(pk=oliver.pk).update(nhs_number=NHS_A)
    everything = search(given_name="Oliver", family_name="Pemberton", sex="M",
                        postcode="LS6 2AB", address="12 Church Road")  # fmt: skip
    assert everything[0].person_id == oliver.pk
    assert everything[0].band == Band.LIKELY
    by_number = search(given_name="Oliver", family_name="Pemberton", nhs_number=NHS_A)
    assert (by_number[0].person_id, by_number[0].band) == (oliver.pk, Band.LIKELY)
    dated = search(given_name="Oliver", family_name="Pemberton", nhs_number=NHS_A,
                   date_of_birth=D(2015, 3, 4))  # fmt: skip
    assert dated[0].band == Band.CERTAIN


def test_twins_searched_without_a_date_of_birth_stay_possible() -> None:
    house = home("7 Larch Close", "WX3 8RT")
    leo = make("Leo", "Fairbairn", D(2018, 7, 1), household=house)
    lea = make("Lea", "Fairbairn", D(2018, 7, 1), sex="F", household=house)
    found = search(given_name="L", family_name="Fairbairn", postcode="WX3 8RT")
    twins = [c for c in found if c.person_id in {leo.pk, lea.pk}]
    assert len(twins) == 2
    assert {c.band for c in twins} == {Band.POSSIBLE}
    assert all("a twin or sibling with the same date of birth lives at this address" in c.reasons
               for c in twins)  # fmt: skip
    named = search(given_name="Leo", family_name="Fairbairn", postcode="WX3 8RT", sex="M")
    assert named[0].person_id == leo.pk
    assert named[0].band != Band.CERTAIN


def _many(given: str, family: str, count: int) -> None:
    """`count` people of one name, loaded directly: the bound needs more than a page of them."""
    people = Person.objects.bulk_create(
        Person(given_name=given, family_name=family) for _ in range(count)
    )
    PersonNameKey.objects.bulk_create(k for p in people for k in name_key_rows(p, names=[]))


def test_the_typing_error_look_up_reads_a_bounded_stretch_of_the_index(oliver: Person) -> None:
    """A look-up for a misspelt given name reads at most SCAN_CAP key rows on each side of
    the search's sound key, nearest first, and the search scores at most CANDIDATE_CAP
    people however many share the family name."""
    wanted = profile_from_query(SearchQuery(given_name="Olicer", family_name="Pemberton"))
    # "Oliz" sounds O420: between the search's O426 and Oliver's O416, and three edits from
    # "olicer", so none of them is gathered, but each is read on the way down to Oliver.
    _many("Oliz", "Pemberton", SCAN_CAP - 20)
    assert oliver.pk in [row[0] for row in fetch(wanted)]
    _many("Oliz", "Pemberton", 40)
    assert oliver.pk not in [row[0] for row in fetch(wanted)]
    # Names within two edits are gathered, and cut to the people the scorer reads.
    _many("Olicar", "Pemberton", CANDIDATE_CAP + 50)
    assert len(fetch(wanted)) == CANDIDATE_CAP


def test_the_person_at_the_searched_address_is_not_cut_for_namesakes_elsewhere(
    oliver: Person,
) -> None:
    """More Oliver Penmartins than the scorer reads sound exactly like the misspelt
    "Pemnerton"; Oliver Pemberton, at the postcode searched, still comes first."""
    _many("Oliver", "Penmartin", CANDIDATE_CAP + 20)
    query = SearchQuery(given_name="Oliver", family_name="Pemnerton", postcode="LS6 2AB")
    assert oliver.pk in [row[0] for row in fetch(profile_from_query(query))]
    found = find_candidates(query)
    assert found[0].person_id == oliver.pk
    assert found[0].band != Band.CERTAIN
    # Without the address nothing tells him from the namesakes whose name keys agree better.
    assert oliver.pk not in [c.person_id for c in find_candidates(replace(query, postcode=""))]


def _match(tmp_path: Path, rows: list[list[str]]) -> tuple[list[dict[str, str]], str, str]:
    source, output = tmp_path / "in.csv", tmp_path / "out.csv"
    with source.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows([COLUMNS, *rows])
    out, err = io.StringIO(), io.StringIO()
    call_command("match_people", str(source), "--output", str(output), stdout=out, stderr=err)
    with output.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file)), out.getvalue(), err.getvalue()


def test_an_impossible_date_is_left_out_with_a_warning_and_the_row_still_matches(
    tmp_path: Path, oliver: Person
) -> None:
    rows = [
        ["P-1", "Oliver", "Pemberton", "2015-02-29", "M", "12 Church Road", "LS6 2AB", "", ""],
        ["P-2", "Oliver", "Pemberton", "2099-03-04", "M", "12 Church Road", "LS6 2AB", "", ""],
        ["P-3", "", "", "2015-04-31", "", "", "", "", ""],  # nothing else to match on
        ["P-4", "Oliver", "Pemberton", "04/03/2015", "M", "", "", "", ""],  # written wrongly
    ]

    result, out, err = _match(tmp_path, rows)

    assert [r["person_id"] for r in result[:2]] == [str(oliver.pk)] * 2
    assert {r["band"] for r in result[:2]} == {"likely"}
    assert result[0]["warnings"] == (
        "date_of_birth: 2015-02-29 is not a real date, so the row was matched without it"
    )
    assert result[1]["warnings"] == (
        "date_of_birth: 2099-03-04 is in the future, so the row was matched without it"
    )
    assert "Row 2 (external_id P-1): warning: date_of_birth: 2015-02-29 is not a real date" in err
    assert "Row 3 (external_id P-2): warning: date_of_birth: 2099-03-04 is in the future" in err
    assert result[2]["reasons"].startswith(
        "Not checked: date_of_birth: 2015-04-31 is not a real date, so the row was matched "
        "without it; The row has nothing to match on"
    )
    assert result[3]["reasons"] == (
        "Not checked: date_of_birth: Enter a real date as YYYY-MM-DD, like 2015-03-27"
    )
    assert "Matched 2 of 4 rows (certain 0, likely 2, possible 0)" in out
    assert "2 rows with errors not checked (listed above); 2 rows matched with a warning" in out


def test_importing_still_refuses_an_impossible_date() -> None:
    """A record is not created without the date the partner meant to give."""
    columns = ["given_name", "date_of_birth"]
    refused = check_row(2, columns, ["Oliver", "2015-02-29"], today=D(2026, 12, 7))
    assert not isinstance(refused, PersonRow)
    assert refused.reason == "date_of_birth: Enter a real date as YYYY-MM-DD, like 2015-03-27"
    matched = check_row(2, columns, ["Oliver", "2015-02-29"], today=D(2026, 12, 7),
                        impossible_date_missing=True)  # fmt: skip
    assert isinstance(matched, PersonRow)
    assert matched.date_of_birth is None
