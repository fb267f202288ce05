"""The scoring weights on a labelled set of record pairs: each pair is the same person or
two people, as a reviewer would judge it. The figures asserted at the end are the ones ADR
0009 documents. Pure scoring, no database: pairs are compared as the duplicate sweep
compares two records (`compare_profiles`). Fictional people; 999 NHS numbers."""

from __future__ import annotations

import dataclasses
import datetime
import uuid

import pytest

from cads.people.matching import Band, Candidate, compare_profiles
from cads.people.matching.keys import normalise_name
from cads.people.matching.profile import NameForm, Profile
from cads.people.matching.scoring import evaluate, weight_bounds

HOME_1, HOME_2, HOME_3 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
NHS_A, NHS_B = "9990000018", "9990000026"


def rec(  # noqa: PLR0917 - positional rows keep the labelled table readable
    name: str,
    born: str = "",
    sex: str = "",
    postcode: str = "",
    address: str = "",
    nhs: str = "",
    home: uuid.UUID | None = None,
    other: tuple[str, ...] = (),
) -> Profile:
    """A record from "Given Family" (family may be double-barrelled; "|" splits given from
    family when the given name has spaces); `other` are previous names the same way."""

    def form(text: str, kind: str) -> NameForm:
        given, _, family = text.partition("|") if "|" in text else text.partition(" ")
        return NameForm(normalise_name(given), normalise_name(family), kind)

    return Profile(
        names=(form(name, "main"), *(form(o, "previous") for o in other)),
        date_of_birth=datetime.date.fromisoformat(born) if born else None,
        sex=sex,
        nhs_number=nhs,
        postcode=postcode,
        address=address,
        household_id=home,
    )


ALFRED = rec("Alfred Pemberton", "2014-03-07", "M", "LS6 2AB", "12 Church Road", NHS_A, HOME_1)
ZAINAB = rec("Zainab Hussain", "2016-11-02", "F", "BD7 1AA", "Flat 3, 40 Oak Close", "", HOME_2)

# (label, a, b): "same" pairs are one person typed two ways; "different" are two people;
# "twins" are two children at one address born the same day.
PAIRS: list[tuple[str, Profile, Profile]] = [
    # --- the same person ------------------------------------------------------------
    ("same", ALFRED, rec("Alfred Pemberton", "2014-03-07", "M", "LS6 2AB", nhs=NHS_A)),
    ("same", ALFRED, rec("Alfie Pemberton", "2014-03-07", "M", nhs=NHS_A)),
    ("same", ALFRED, rec("Alfred Pembertn", "2014-03-07", nhs=NHS_A)),
    ("same", ALFRED, rec("Pemberton Alfred", "2014-03-07", "M", "LS6 2AB")),
    ("same", ALFRED, rec("Alfred Pemberton", "2014-07-03", "M", "LS6 2AB")),
    ("same", ALFRED, rec("Alfred Pemberton", "2014-03-08", "M", "LS6 2AB")),
    ("same", ALFRED, rec("Alfred Pemberton", "2014-03-07")),
    ("same", ALFRED, rec("Alfie Pemberton", "2014-03-07", "M", "LS6 2AB", "12 Church Rd")),
    ("same", ALFRED, rec("Alfred Pemberton", "", "M", "LS6 2AB", "12 Church Rd")),
    ("same", ALFRED, rec("Alfred Pemberton-Hughes", "2014-03-07", "M")),
    ("same", ALFRED, rec("Alf Pemberton", "2041-03-07", "M", "LS6 2AB")),
    ("same", ALFRED, rec("Alfred Hughes", "2014-03-07", "M", "LS6 2AB", "12 Church Road")),
    ("same", ALFRED, rec("A Pemberton", "2014-03-07", "M", "LS6 2AB")),
    ("same", ALFRED, rec("Alfred Pemberton", "2013-03-07", "M", "LS6 2AB")),
    ("same", ALFRED, rec("Alfred Pemberton", "2014-03-07", "M", "LS6 2AD")),
    ("same", ZAINAB, rec("Zaynab Hussain", "2016-11-02", "F", "BD7 1AA")),
    ("same", ZAINAB, rec("Zainab Hussein", "2016-11-02", "F")),
    ("same", ZAINAB, rec("Zainab Hussain", "2016-02-11", "F", "BD7 1AA")),
    ("same", ZAINAB, rec("Hussain Zainab", "2016-11-02", "F", "BD7 1AA")),
    ("same", ZAINAB, rec("Zainab Hussain", "2016-11-20", "F", "BD7 1AA")),
    ("same", ZAINAB, rec("Zainab Husain", "2016-11-02", "", "", "40 Oak Cl")),
    ("same", ZAINAB, rec("Zainab Hussain", "", "F", "BD7 1AA", "Flat 3, 40 Oak Close")),
    ("same", ZAINAB, rec("Zainab Ahmed", "2016-11-02", "F", "BD7 1AA", other=("Zainab Hussain",))),
    ("same", rec("Mohammed Iqbal", "2012-07-01"), rec("Muhammad Iqbal", "2012-07-01")),
    ("same", rec("Mohd Iqbal", "2012-07-01", "M"), rec("Mohammad Iqbal", "2012-07-01", "M")),
    ("same", rec("Elizabeth Grant", "2009-01-05"), rec("Liz Grant", "2009-01-05")),
    ("same", rec("William Moore", "2011-04-04"), rec("Bill Moore", "2011-04-04")),
    ("same", rec("John Walsh", "2010-06-30"), rec("Jack Walsh", "2010-06-30")),
    ("same", rec("Margaret Doyle", "2008-08-08"), rec("Peggy Doyle", "2008-08-08")),
    ("same", rec("Katherine Lee", "2015-02-02"), rec("Catherine Lee", "2015-02-02")),
    ("same", rec("Kate Lee", "2015-02-02", "F"), rec("Katherine Lee", "2015-02-02", "F")),
    ("same", rec("Katarzyna Nowak", "2013-03-13"), rec("Kasia Nowak", "2013-03-13")),
    ("same", rec("Oluwaseun Adeyemi", "2012-12-12"), rec("Seun Adeyemi", "2012-12-12")),
    ("same", rec("Ionuț Popescu", "2014-05-01"), rec("Ionut Popescu", "2014-05-01")),
    ("same", rec("Łukasz Wójcik", "2016-09-09"), rec("Lukasz Wojcik", "2016-09-09")),
    ("same", rec("Siobhán O'Brien", "2011-10-10"), rec("Siobhan OBrien", "2011-10-10")),
    ("same", rec("Yusuf Al-Hassan", "2017-07-17"), rec("Yousef Hassan", "2017-07-17")),
    ("same", rec("Chinedu Okafor", "2010-01-01", nhs=NHS_B), rec("Okafor Chinedu", nhs=NHS_B)),
    ("same", rec("Ruby Walsh", "2015-03-07", "F"), rec("Ruby Walsh", "2015-03-07", "F")),
    ("same", rec("Poppy Smith-Jones", "2017-02-02"), rec("Poppy Jones", "2017-02-02")),
    ("same", rec("Harleen Kaur", "2013-02-15", "F"), rec("Harleen Kuar", "2013-02-15", "F")),
    ("same", rec("Stacey Robinson", "1993-11-14"), rec("Stacey Robinsno", "1993-11-14")),
    ("same", rec("Tobias Quinn", "2011-08-19"), rec("Toby Quinn", "2011-08-19")),
    # --- two different people ---------------------------------------------------------
    # Twins: one address, one birthday.
    ("twins", rec("Leo Kamara", "2018-04-04", "M", "LS6 2AB", home=HOME_1),
     rec("Lea Kamara", "2018-04-04", "F", "LS6 2AB", home=HOME_1)),
    ("twins", rec("Jack Doyle", "2016-09-09", "M", "LS6 2AB", home=HOME_1),
     rec("Jake Doyle", "2016-09-09", "M", "LS6 2AB", home=HOME_1)),
    ("twins", rec("Sara Begum", "2019-01-31", "F", "BD7 1AA", home=HOME_2),
     rec("Sarah Begum", "2019-01-31", "F", "BD7 1AA", home=HOME_2)),
    ("twins", rec("Hassan Ali", "2020-02-02", "M", "BD7 1AA", home=HOME_2),
     rec("Hussein Ali", "2020-02-02", "M", "BD7 1AA", home=HOME_2)),
    ("twins", rec("Ella Fowler", "2012-12-01", "F", "LS6 2AB", home=HOME_1),
     rec("Ellie Fowler", "2012-12-01", "F", "LS6 2AB", home=HOME_1)),
    ("twins", rec("Mia Shah", "2014-06-06", "F", "LS6 2AB", home=HOME_3),
     rec("Maya Shah", "2014-06-06", "F", "LS6 2AB", home=HOME_3)),
    ("twins", rec("Noah Kaur", "2015-05-15", "M", "HD1 1AA", home=HOME_3),
     rec("Nora Kaur", "2015-05-15", "F", "HD1 1AA", home=HOME_3)),
    ("twins", rec("Amir Haddad", "2015-04-02", "M", "LS6 2AB", nhs=NHS_A, home=HOME_1),
     rec("Amira Haddad", "2015-04-02", "F", "LS6 2AB", nhs=NHS_B, home=HOME_1)),
    # Siblings: one address, different birthdays.
    ("different", rec("Oscar Lynch", "2012-03-03", "M", "LS6 2AB"),
     rec("Olivia Lynch", "2014-08-21", "F", "LS6 2AB")),
    ("different", rec("Daniel Osei", "2010-10-01", "M", "BD7 1AA"),
     rec("Danielle Osei", "2013-02-14", "F", "BD7 1AA")),
    ("different", rec("Aaron Byrne", "2011-05-05", "M", "LS6 2AB"),
     rec("Erin Byrne", "2009-07-07", "F", "LS6 2AB")),
    ("different", rec("Jan Nowak", "2014-01-11", "M", "BD7 1AA"),
     rec("Jana Nowak", "2016-01-11", "F", "BD7 1AA")),
    # A parent and child of one name at one address.
    ("different", rec("Kwame Mensah", "1975-02-02", "M", "LS6 2AB", "12 Church Road"),
     rec("Kwame Mensah", "2014-06-05", "M", "LS6 2AB", "12 Church Road")),
    ("different", rec("Yasmin Abdi", "1969-07-15", "F", "LS11 1XR"),
     rec("Yasmin Abdi", "2014-09-19", "F", "LS11 1XR")),
    # The same NHS-numbered person cannot be two records with different numbers.
    ("different", rec("Amir Haddad", "2015-04-02", "M", nhs=NHS_A),
     rec("Amir Haddad", "2015-04-02", "M", nhs=NHS_B)),
    ("different", rec("Oliver Grant", "2010-01-01", "M", nhs=NHS_A),
     rec("Harriet Grant", "1985-08-30", "F", nhs=NHS_A)),
    # Namesakes elsewhere: same name, near or same birthday, another address.
    ("different", rec("Liam Taylor", "2013-05-22", "M", "BD14 1WG"),
     rec("Liam Connor", "2013-05-23", "M", "HD4 8WN")),
    ("different", rec("Harpreet Patel", "2010-04-05", "M", "LS9 9ZZ"),
     rec("Harpreet Patel", "2015-12-26", "M", "WF15 7XT")),
    ("different", rec("Sana Shah", "1979-09-19", "F"), rec("Sana Shah", "2011-08-04", "F")),
    # Nothing on these records tells the namesakes apart: likely, by design, never certain.
    ("different", rec("Florin Popa", "2013-04-20", "M", "BD15 5UN"),
     rec("Florin Popa", "2013-04-20", "M", "LS9 9ZZ", nhs=NHS_B)),
    ("different", rec("Danielle Khan", "2012-10-03", "F"), rec("Danielle Khan", "2012-10-03")),
    # Unrelated people who share a little.
    ("different", ALFRED, rec("Albert Pemberton", "1951-06-06", "M", "LS6 2AB")),
    ("different", ALFRED, rec("Alfred Pearson", "1990-10-10", "M", "BD7 1AA")),
    ("different", ALFRED, rec("Amelia Patterson", "2014-03-07", "F")),
    ("different", ALFRED, rec("George Pemberton", "2016-11-23", "M", "LS6 2AB")),
    ("different", ZAINAB, rec("Zara Hussain", "2018-01-04", "F", "BD7 1AA")),
    ("different", ZAINAB, rec("Fatima Hussain", "2016-11-02", "F", "LS1 4AP")),
    ("different", ZAINAB, rec("Zainab Ahmed", "2009-05-19", "F", "WF1 2AA")),
    ("different", ZAINAB, rec("Ibrahim Hussain", "2016-11-03", "M")),
    ("different", rec("Chloe Smith", "2012-02-02", "F"), rec("Chloe Smyth", "2001-12-20", "F")),
    ("different", rec("Tom Brown", "2010-01-01", "M"), rec("Thomas Browne", "1968-03-30", "M")),
]  # fmt: skip


def judge(a: Profile, b: Profile) -> Candidate:
    return compare_profiles(a, b, uuid.uuid4())


@pytest.mark.parametrize(("label", "a", "b"), PAIRS)
def test_pair(label: str, a: Profile, b: Profile) -> None:
    """Every person is offered (at least possible); no two people are ever certain."""
    result = judge(a, b)
    if label == "same":
        assert result.score >= 10 or result.band != Band.POSSIBLE, result
    else:
        assert result.band != Band.CERTAIN, result
    if label == "twins":
        assert result.band == Band.POSSIBLE, result
        assert result.score <= 60, result


def test_labelled_set_is_large_enough() -> None:
    assert len(PAIRS) >= 60
    assert {label for label, _, _ in PAIRS} == {"same", "different", "twins"}


def test_documented_precision_and_recall() -> None:
    """ADR 0009: certain precision 100%; likely-or-certain precision at least 90% and
    recall at least 95%; every same pair offered; twins possible at most."""
    results = [(label, judge(a, b)) for label, a, b in PAIRS]
    certain = [label for label, r in results if r.band == Band.CERTAIN]
    strong = [label for label, r in results if r.band in (Band.CERTAIN, Band.LIKELY)]
    same = sum(label == "same" for label, _ in results)
    assert certain
    assert all(label == "same" for label in certain)
    assert strong.count("same") / len(strong) >= 0.9
    assert strong.count("same") / same >= 0.95
    assert all(r.band == Band.POSSIBLE for label, r in results if label == "twins")


def _search_forms(p: Profile) -> list[Profile]:
    """`p` as a search might give it: whole, without a given or a family name, without an
    address, with a UPRN."""
    name = p.names[0]
    return [
        p,
        dataclasses.replace(p, names=(NameForm("", name.family),)),
        dataclasses.replace(p, names=(NameForm(name.given, ""),)),
        dataclasses.replace(p, address="", uprn=None),
        dataclasses.replace(p, uprn=100023336956),
    ]


def test_weight_bounds_are_never_below_the_weight() -> None:
    """Bulk matching skips a candidate whose bound cannot beat the best so far: the bound
    must never be lower than the weight the candidate would get."""
    checked = 0
    for _, a, b in PAIRS:
        for q, c in ((a, b), (b, a)):
            candidates = [c, dataclasses.replace(c, uprn=100023336956)]
            for search in _search_forms(q):
                bounds = weight_bounds(search, candidates)
                for (bound, _), candidate in zip(bounds, candidates, strict=True):
                    assert bound >= evaluate(search, candidate).weight, (search, candidate)
                    checked += 1
    assert checked >= 1000
