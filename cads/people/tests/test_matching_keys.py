"""The pieces the matcher is built from: name normalising, nickname roots, sound keys,
date-of-birth typing variants, address comparison, and the PersonNameKey rows."""

from __future__ import annotations

import datetime

import pytest

from cads.people.matching.address import (
    PostcodeAgreement,
    address_words,
    compare_postcodes,
    same_house,
    tidy_postcode,
)
from cads.people.matching.dates import EARLIEST, DateAgreement, compare_dates, date_variants
from cads.people.matching.keys import (
    family_parts,
    given_root,
    given_roots,
    name_key_rows,
    name_keys_refresh,
    normalise_name,
    root_expansion,
    sound,
)
from cads.people.matching.names import NameAgreement, compare_family, compare_given
from cads.people.models import Person, PersonNameKey
from cads.people.services import household_create, person_create

D = datetime.date


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("  Mary-Jane  ", "mary jane"),
        ("O'Brien", "obrien"),
        ("Łukasz", "lukasz"),
        ("Siobhán", "siobhan"),
        ("Ștefan", "stefan"),
        ("WIŚNIEWSKA", "wisniewska"),
        ("Zoë", "zoe"),
        ("Smith\u2013Jones", "smith jones"),
        ("D\u2019Souza", "dsouza"),
    ],
)
def test_normalise_name(raw: str, normal: str) -> None:
    assert normalise_name(raw) == normal


@pytest.mark.parametrize(
    ("name", "root"),
    [
        ("Alfie", "alfred"),
        ("Alfred", "alfred"),
        ("Liz", "elizabeth"),
        ("Bill", "william"),
        ("Jack", "john"),
        ("Peggy", "margaret"),
        ("Kate", "catherine"),
        ("Katherine", "catherine"),
        ("Mohammed", "muhammad"),
        ("Mohammad", "muhammad"),
        ("Mohd", "muhammad"),
        ("Kasia", "catherine"),
        ("Gosia", "margaret"),
        ("Ionuț", "john"),
        ("Seun", "oluwaseun"),
        ("Femi", "oluwafemi"),
        ("Yousef", "yusuf"),
        ("Fatimah", "fatima"),
        ("Jo-Anne", "joanne"),
        ("Zebedee", "zebedee"),  # on no list: its own root
        ("", ""),
    ],
)
def test_given_root(name: str, root: str) -> None:
    assert given_root(name) == root


def test_names_in_two_groups_have_both_roots() -> None:
    assert given_roots("Fred") == {"alfred", "frederick"}
    assert given_roots("Alex") == {"alexander", "alexandra"}
    # A search for Frederick must also look where a stored "Freddie" sits.
    assert set(root_expansion("Frederick")) >= {given_root("Freddie"), "frederick"}


def test_sound_evens_out_first_letters() -> None:
    assert sound("Philips") == sound("Fillips")
    assert sound("Catherine") == sound("Katherine")
    assert sound("Stephens") == sound("Stevens")
    assert sound("Smith") != sound("Jones")
    assert sound("") == ""


def test_family_parts() -> None:
    assert family_parts("Smith-Jones") == ("smith", "jones")
    assert family_parts("Al-Hassan") == ("hassan",)
    assert family_parts("Smith") == ()


@pytest.mark.parametrize(
    ("a", "b", "agreement"),
    [
        ("alfie", "alfred", NameAgreement.NICKNAME),
        ("jon", "john", NameAgreement.NICKNAME),
        ("jonh", "john", NameAgreement.SOUNDS),
        ("rubt", "ruby", NameAgreement.TYPO),
        ("mary jane", "mary", NameAgreement.EXACT),
        ("j", "john", NameAgreement.INITIAL),
        ("k", "john", NameAgreement.DIFFERENT),
        ("oliver", "george", NameAgreement.DIFFERENT),
        ("", "george", NameAgreement.MISSING),
    ],
)
def test_compare_given(a: str, b: str, agreement: NameAgreement) -> None:
    assert compare_given(a, b) == agreement


@pytest.mark.parametrize(
    ("a", "b", "agreement"),
    [
        ("smith jones", "smithjones", NameAgreement.EXACT),
        ("smith", "smith jones", NameAgreement.PART),
        ("al hassan", "hassan", NameAgreement.EXACT),
        ("stephens", "stevens", NameAgreement.SOUNDS),
        ("wooe", "wood", NameAgreement.TYPO),
        ("smith", "snaith", NameAgreement.DIFFERENT),
        ("patel", "khan", NameAgreement.DIFFERENT),
    ],
)
def test_compare_family(a: str, b: str, agreement: NameAgreement) -> None:
    assert compare_family(a, b) == agreement


def test_date_variants_cover_swaps_digits_and_neighbours() -> None:
    born = D(2014, 3, 7)
    variants = date_variants(born, today=D(2026, 1, 1))
    assert born in variants
    assert D(2014, 7, 3) in variants  # day and month swapped
    assert D(2014, 3, 8) in variants  # one digit
    assert D(2041, 3, 7) not in variants  # in the future
    assert D(2013, 3, 7) in variants  # year one out
    assert all(D(1900, 1, 1) <= v <= D(2026, 1, 1) for v in variants)
    assert len(variants) < 60  # few enough for one indexed ANY(...)


@pytest.mark.parametrize("born", [D(2014, 3, 7), D(2000, 2, 29), D(1901, 1, 10), D(2025, 11, 12)])
def test_date_variants_are_the_dates_the_scorer_calls_a_slip(born: datetime.date) -> None:
    """Every date from 1900 to today is a variant exactly when the scorer names a typing
    error for it (or it is the date itself)."""
    today = D(2026, 1, 1)
    every_day = [EARLIEST + datetime.timedelta(days=n) for n in range((today - EARLIEST).days + 1)]
    slips = {d for d in every_day if compare_dates(born, d) != DateAgreement.DIFFERENT}
    assert set(date_variants(born, today=today)) == slips


@pytest.mark.parametrize(
    ("a", "b", "agreement"),
    [
        (D(2014, 3, 7), D(2014, 3, 7), DateAgreement.EXACT),
        (D(2014, 3, 7), D(2014, 7, 3), DateAgreement.SWAPPED),
        (D(2014, 3, 7), D(2014, 3, 8), DateAgreement.ONE_DIGIT),
        (D(2014, 3, 12), D(2014, 3, 21), DateAgreement.TRANSPOSED),
        (D(2009, 3, 7), D(2010, 3, 7), DateAgreement.YEAR),
        (D(2014, 3, 7), D(2011, 9, 28), DateAgreement.DIFFERENT),
        (None, D(2014, 3, 7), DateAgreement.MISSING),
    ],
)
def test_compare_dates(
    a: datetime.date | None, b: datetime.date | None, agreement: DateAgreement
) -> None:
    assert compare_dates(a, b) == agreement


def test_addresses_typed_differently() -> None:
    assert address_words("12a High St, LS1 4AP") == ["12a", "high", "street"]
    assert same_house("12 Church Rd", "12 Church Road\nLeeds")
    assert same_house("Flat 3, 12 High St", "12 High Street")
    assert same_house("Flat 3, 12 High St", "Flat 4, 12 High Street") is False
    assert same_house("14 Church Road", "12 Church Road") is False
    assert same_house("The Cottage", "12 Church Road") is None


def test_postcodes() -> None:
    assert tidy_postcode("ls14ap") == "LS1 4AP"
    assert tidy_postcode("LS1 4") == "LS14"  # a partial postcode is kept for comparison
    assert compare_postcodes("LS1 4AP", "LS1 4AP") == PostcodeAgreement.SAME
    assert compare_postcodes("LS1 4AP", "LS1 4AQ") == PostcodeAgreement.NEAR
    assert compare_postcodes("LS1 4AP", "BD7 1AA") == PostcodeAgreement.DIFFERENT
    assert compare_postcodes("", "BD7 1AA") == PostcodeAgreement.MISSING


@pytest.mark.django_db
def test_key_rows_cover_every_name_a_person_is_known_by() -> None:
    home = household_create(actor=None, address="4 Mill Lane", postcode="LS6 2AB")
    person = person_create(
        actor=None,
        given_name="Alfred",
        middle_names="George Henry",
        preferred_name="Alfie",
        family_name="Smith-Jones",
        date_of_birth=D(2016, 5, 4),
        household=home,
    )
    rows = {(k.given, k.family, k.is_main) for k in PersonNameKey.objects.filter(person=person)}
    assert ("alfred", "smith jones", True) in rows
    assert ("alfred", "smith", False) in rows  # each part of a double-barrelled name
    assert ("alfred", "jones", False) in rows
    assert ("alfie", "smith jones", False) in rows  # the preferred name
    assert ("george", "smith jones", False) in rows  # known by a middle name
    key = PersonNameKey.objects.get(person=person, is_main=True)
    assert (key.given_root, key.postcode, key.date_of_birth) == ("alfred", "LS6 2AB", D(2016, 5, 4))
    assert key.family_sound == sound("Smith-Jones")


@pytest.mark.django_db
def test_key_rows_for_bulk_loaders_take_other_names_without_a_query(
    django_assert_num_queries: pytest.FixtureRequest,
) -> None:
    person = Person(given_name="Liz", family_name="Okafor", date_of_birth=D(2011, 2, 3))
    with django_assert_num_queries(0):  # type: ignore[operator]
        rows = name_key_rows(person, names=[("", "Adeyemi")])
    assert {(r.given, r.family) for r in rows} == {("liz", "okafor"), ("liz", "adeyemi")}
    assert all(r.pk is None for r in rows)


@pytest.mark.django_db
def test_merged_record_loses_its_keys() -> None:
    kept = person_create(actor=None, given_name="Ava", family_name="Nowak")
    merged = person_create(actor=None, given_name="Ava", family_name="Nowak")
    Person.objects.filter(pk=merged.pk).update(merged_into=kept)
    merged.refresh_from_db()
    name_keys_refresh(merged)
    assert not PersonNameKey.objects.filter(person=merged).exists()
    assert PersonNameKey.objects.filter(person=kept).exists()
