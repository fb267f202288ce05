"""Each DfE CIN census rule CADS checks, with a child that passes it and one that fails it
(the rule table in cads.returns.census_rules; messages as the DfE validator words them), and
each rule about the whole return at the edges of its threshold."""

from __future__ import annotations

import datetime

import pytest

from cads.returns.census_checks_return import ReturnTally
from cads.returns.census_data import CensusChild, CensusYear
from cads.returns.census_rules import (
    ERROR,
    QUERY,
    RETURN_RULES,
    RULES,
    failed_return_rules,
    failed_rules,
)
from cads.returns.tests.builders import census_child, episode

D = datetime.date
YEAR = CensusYear(
    year=2026,
    la_code="999",
    duplicate_upns=frozenset({"G926200012401"}),
    duplicate_child_ids=frozenset({"WX000666"}),
)
VALID_UPN = "W926200012402"  # a second valid UPN: check letter from the DfE algorithm
OPEN = {"assessment_end": None}
CLOSED_RC8 = {"closure_date": D(2025, 10, 20), "closure_reason": "RC8"}
CLOSED_RC7 = {"closure_date": D(2025, 12, 1), "closure_reason": "RC7"}
S47 = {"s47_start": D(2025, 9, 3), "icpc_target": D(2025, 9, 24)}
S47_HELD = episode(**S47, icpc_date=D(2025, 9, 19))  # a Friday
NFA = episode(referral_nfa=True, primary_need="", assessment_start=None, assessment_end=None,
              factors=(), closure_date=D(2025, 9, 1), closure_reason="RC7")  # fmt: skip
OPEN_EARLIER = {"referral_date": D(2025, 6, 1), "assessment_start": D(2025, 6, 2)}
LATER_OPEN = {"referral_date": D(2026, 1, 5), "assessment_start": D(2026, 1, 6),
              "assessment_end": None, "factors": ()}  # fmt: skip

# rule code -> (a child that passes, a child that fails)
CASES = {
    "1103": (census_child(), census_child(episodes=(episode(assessment_start=D(2025, 8, 1)),))),
    "1510": (census_child(upn="G926200012401"), census_child(upn="A926200012401")),
    "1520": (census_child(upn=VALID_UPN), census_child(upn="G926200012401")),
    "1530": (census_child(upn="G926200012401"), census_child(upn="A000200012401")),
    "1540": (census_child(upn="G926200012401"), census_child(upn="G9262000X2401")),
    "1550": (census_child(upn="G926200012401"), census_child(upn="G92620001240I")),
    "1560Q": (census_child(former_upn="G926200012401"), census_child(former_upn="T92620001240A")),
    "1570": (census_child(la_child_id="X" * 20), census_child(la_child_id="X" * 21)),
    "1580": (census_child(la_child_id="WX000001"), census_child(la_child_id="WX-000001")),
    "2990": (
        census_child(episodes=(episode(**CLOSED_RC8),)),
        census_child(episodes=(episode(**CLOSED_RC8, s47_start=D(2025, 9, 2)),)),
    ),
    "2991Q": (
        census_child(episodes=(episode(s47_start=D(2025, 9, 2)),)),
        census_child(episodes=(episode(s47_start=D(2025, 9, 2), assessment_start=None, **OPEN),)),
    ),
    "4180": (census_child(sex="U"), census_child(sex="X")),
    "4220": (census_child(ethnicity="NOBT"), census_child(ethnicity="")),
    "8500": (census_child(), census_child(la_child_id="")),
    "8510": (census_child(), census_child(la_child_id="WX000666")),
    "8520": (census_child(), census_child(date_of_birth=D(2026, 4, 1))),
    "8525Q": (census_child(), census_child(date_of_birth=None)),
    "8530Q": (
        census_child(date_of_birth=None, expected_date_of_birth=D(2026, 5, 1), sex="U"),
        census_child(date_of_birth=None, expected_date_of_birth=D(2027, 1, 15), sex="U"),
    ),
    "8540": (census_child(disabilities=("MOB",)), census_child(disabilities=("XYZ",))),
    "8555Q": (census_child(), census_child(date_of_death=D(2025, 8, 1))),
    "8565": (
        census_child(episodes=(episode(**CLOSED_RC8),)),
        census_child(episodes=(episode(closure_date=D(2025, 9, 10), closure_reason="RC8"),)),
    ),
    "8600": (census_child(), census_child(episodes=(episode(referral_date=None),))),
    "8606": (
        census_child(date_of_birth=None, expected_date_of_birth=D(2026, 5, 1), sex="U"),
        census_child(date_of_birth=None, expected_date_of_birth=D(2026, 7, 1), sex="U"),
    ),
    "8610": (census_child(), census_child(episodes=(episode(primary_need=""),))),
    "8620": (
        census_child(episodes=(episode(**CLOSED_RC8),)),
        census_child(episodes=(episode(closure_date=D(2026, 4, 2), closure_reason="RC7"),)),
    ),
    "8630": (
        census_child(episodes=(episode(**CLOSED_RC8),)),
        census_child(episodes=(episode(closure_date=D(2025, 8, 1), closure_reason="RC7", **OPEN),)),
    ),
    "8640": (
        census_child(episodes=(episode(**CLOSED_RC8),)),
        census_child(episodes=(episode(closure_date=D(2025, 10, 20), closure_reason="RC10"),)),
    ),
    "8650": (census_child(), census_child(episodes=(episode(primary_need="N11"),))),
    "8670Q": (
        census_child(episodes=(episode(assessment_start=D(2026, 3, 20), **OPEN),)),
        census_child(episodes=(episode(**OPEN),)),
    ),
    "8696": (census_child(), census_child(episodes=(episode(assessment_end=D(2026, 4, 2)),))),
    "8736": (
        census_child(episodes=(episode(**OPEN),)),
        census_child(
            episodes=(
                episode(referral_date=D(2025, 2, 20), assessment_start=D(2025, 3, 1), **OPEN),
            )
        ),
    ),
    "8750": (
        census_child(date_of_birth=None, expected_date_of_birth=D(2026, 5, 1), sex="U"),
        census_child(date_of_birth=None, expected_date_of_birth=D(2026, 5, 1), sex="F"),
    ),
    "8770Q": (
        census_child(date_of_birth=D(2015, 6, 1), upn_unknown="UN2"),
        census_child(date_of_birth=D(2015, 6, 1), upn_unknown="UN1"),
    ),
    "8790": (census_child(disabilities=("NONE",)), census_child(disabilities=("NONE", "MOB"))),
    "8794": (census_child(disabilities=("MOB", "LD")), census_child(disabilities=("MOB", "MOB"))),
    "8805": (
        census_child(episodes=(episode(**CLOSED_RC8),)),
        census_child(episodes=(episode(closure_date=D(2025, 10, 20)),)),
    ),
    "8810": (
        census_child(episodes=(episode(**CLOSED_RC8),)),
        census_child(episodes=(episode(closure_reason="RC8"),)),
    ),
    "8815": (
        census_child(episodes=(episode(**OPEN),)),
        census_child(
            episodes=(
                episode(**OPEN),
                episode(referral_date=D(2025, 12, 1), assessment_start=D(2025, 12, 1), **OPEN),
            )
        ),
    ),
    "8820": (
        census_child(
            episodes=(
                episode(closure_date=D(2025, 12, 1), closure_reason="RC7"),
                episode(referral_date=D(2026, 1, 5), assessment_start=D(2026, 1, 5)),
            )
        ),
        census_child(
            episodes=(
                episode(closure_date=D(2025, 12, 1), closure_reason="RC7"),
                episode(referral_date=D(2025, 11, 1), assessment_start=D(2025, 11, 1)),
            )
        ),
    ),
    "8825Q": (
        census_child(episodes=(episode(**CLOSED_RC8),)),
        census_child(episodes=(episode(**CLOSED_RC8, assessment_start=None, **OPEN),)),
    ),
    "8866": (census_child(), census_child(episodes=(episode(source=""),))),
    "8897Q": (census_child(), census_child(episodes=(episode(factors=()),))),
    "1104": (census_child(episodes=(S47_HELD,)),
             census_child(episodes=(episode(**S47, icpc_date=D(2025, 8, 29)),))),
    "2889": (census_child(episodes=(S47_HELD,)),
             census_child(episodes=(episode(s47_start=D(2025, 8, 29), icpc_not_required=True),))),
    "8608": (census_child(),
             census_child(episodes=(episode(assessment_start=D(2025, 10, 21)),))),
    "8614": (census_child(episodes=(episode(**OPEN, factors=()),)),
             census_child(episodes=(episode(**OPEN),))),
    "8615": (census_child(episodes=(S47_HELD,)),
             census_child(episodes=(episode(**S47, icpc_date=D(2025, 9, 1)),))),
    "8675Q": (census_child(episodes=(episode(s47_start=D(2026, 3, 11)),)),
              census_child(episodes=(episode(s47_start=D(2026, 3, 10)),))),
    "8715": (census_child(episodes=(S47_HELD,)),
             census_child(episodes=(episode(**S47, icpc_date=D(2026, 4, 2)),))),
    "8772": (census_child(upn_unknown="UN7", episodes=(NFA,)),
             census_child(upn_unknown="UN7")),
    "8816": (census_child(episodes=(episode(**CLOSED_RC7), episode(**LATER_OPEN))),
             census_child(episodes=(episode(**LATER_OPEN), episode(**OPEN_EARLIER)))),
    "8831": (census_child(episodes=(NFA,)),
             census_child(episodes=(episode(referral_nfa=True, closure_date=D(2025, 9, 1),
                                            closure_reason="RC7"),))),
    "8868": (census_child(episodes=(episode(**S47, icpc_not_required=True, **CLOSED_RC7),)),
             census_child(episodes=(episode(**S47, **CLOSED_RC7),))),
    "8869": (census_child(), census_child(episodes=(episode(factors=("21", "16A")),))),
    "8873Q": (census_child(episodes=(episode(factors=("21",), **CLOSED_RC8),)),
              census_child(episodes=(episode(factors=("21",)),))),
    "8875": (census_child(episodes=(S47_HELD,)),
             census_child(episodes=(episode(**S47, icpc_date=D(2025, 9, 20)),))),
    "8898": (census_child(), census_child(episodes=(episode(factors=("16A", "16A")),))),
}  # fmt: skip


def test_every_rule_in_the_table_has_a_passing_and_a_failing_case():
    assert set(CASES) == {rule.code for rule in RULES}


def test_query_rules_end_in_q_and_only_they_are_queries():
    for rule in RULES:
        assert (rule.severity == QUERY) == rule.code.endswith("Q"), rule.code
        assert rule.severity in (ERROR, QUERY)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_passes_good_data_and_fails_bad_data(rule):
    passing, failing = CASES[rule.code]
    assert not rule.check(passing, YEAR), f"{rule.code} should pass"
    assert rule.check(failing, YEAR), f"{rule.code} should fail"


def test_a_well_recorded_child_has_no_errors():
    child = census_child(upn=VALID_UPN, disabilities=("NONE",))
    assert [r.code for r in failed_rules(child, YEAR) if r.severity == ERROR] == []


def test_a_child_with_a_blank_ethnicity_and_source_fails_4220_and_8866():
    child = census_child(ethnicity="", episodes=(episode(source=""),))
    assert {"4220", "8866"} <= {r.code for r in failed_rules(child, YEAR)}


@pytest.mark.parametrize(
    ("born", "upn_unknown", "queried"),
    [
        (D(2020, 8, 31), "", True),  # 31 August 2026 less six years: of school age
        (D(2020, 9, 1), "", False),
        (D(2008, 4, 1), "", True),  # 17 and turning 18: the DfE sets no upper age
        (D(2008, 4, 1), "UN3", False),
    ],
)
def test_8770q_every_child_born_by_31_august_six_years_before(born, upn_unknown, queried):
    child = census_child(date_of_birth=born, upn_unknown=upn_unknown)
    assert ("8770Q" in {r.code for r in failed_rules(child, YEAR)}) == queried


def test_8770q_not_for_a_child_whose_referrals_needed_no_further_action():
    child = census_child(date_of_birth=D(2012, 1, 1), episodes=(NFA,))
    assert "8770Q" not in {r.code for r in failed_rules(child, YEAR)}


@pytest.mark.parametrize(("started", "queried"), [(D(2027, 1, 25), True), (D(2027, 1, 26), False)])
def test_8670q_counts_31_march_as_day_1(started, queried):
    # 31 March 2027 is day 1 of the 45 working days: the cut-off is 26 January 2027.
    year = CensusYear(year=2027)
    child = census_child(
        episodes=(episode(referral_date=started, assessment_start=started, **OPEN, factors=()),)
    )
    assert ("8670Q" in {r.code for r in failed_rules(child, year)}) == queried


# --- Rules about the whole return -------------------------------------------------------


def return_findings(children: list[CensusChild]) -> set[str]:
    tally = ReturnTally()
    for one in children:
        tally.add(one)
    return {rule.code for rule in failed_return_rules(tally)}


def born(n: int, **fields: object) -> list[CensusChild]:
    return [census_child(**fields) for _ in range(n)]


def unborn(n: int) -> list[CensusChild]:
    return born(n, date_of_birth=None, expected_date_of_birth=D(2026, 5, 1), sex="U")


# Disabilities enough for 2887Q and 2888Q to pass, so each test below moves one rule.
EIGHT_CODES = [census_child(disabilities=("MOB", "HAND", "PC", "INC")),
               census_child(disabilities=("COMM", "LD", "HEAR", "VIS"))]  # fmt: skip


def test_return_rules_are_queries_with_codes_of_their_own():
    assert {rule.code for rule in RETURN_RULES} == {"2886Q", "2887Q", "2888Q"}
    assert all(rule.severity == QUERY for rule in RETURN_RULES)
    assert not {rule.code for rule in RETURN_RULES} & {rule.code for rule in RULES}


@pytest.mark.parametrize(
    ("children", "raised"),
    [  # each with the two children of EIGHT_CODES (sex F) added
        (born(1, sex="U") + born(47), False),  # 1 in 50: 2%, not more
        (born(1, sex="U") + born(46), True),  # 1 in 49
        (born(1, sex="") + born(46), True),  # no sex at all counts as U does
        (born(2, sex="U") + born(96), False),  # 2 in 100
        (born(3, sex="U") + born(95), True),  # 3 in 100
        (unborn(10) + born(38), False),  # unborn children (U by rule 8750) are not counted
        (born(1, sex="U") + unborn(1) + born(46), False),  # ... but are in the whole: 1 in 50
        (born(1, sex="U") + unborn(1) + born(45), True),  # 1 in 49
    ],
)
def test_2886q_sex_not_recorded_for_more_than_2_percent_of_children(children, raised):
    assert ("2886Q" in return_findings(children + EIGHT_CODES)) == raised


@pytest.mark.parametrize(
    ("disabilities", "raised"),
    [
        ([("MOB", "HAND", "PC", "INC"), ("COMM", "LD", "HEAR", "VIS")], False),  # 8 codes
        ([("MOB", "HAND", "PC", "INC"), ("COMM", "LD", "HEAR")], True),  # 7
        ([("MOB", "HAND", "PC", "INC"), ("COMM", "LD", "HEAR"), ("NONE",)], True),  # NONE aside
        ([("MOB", "HAND"), ("PC", "INC"), ("COMM", "LD"), ("HEAR", "MOB"), ("HAND", "PC")], True),
        ([("MOB",), ("HAND",), ("PC",), ("INC",), ("COMM",), ("LD",), ("HEAR",), ("VIS",)], False),
        ([("NONE",)] * 20, True),
    ],
)
def test_2887q_fewer_than_8_different_disability_codes_nones_aside(disabilities, raised):
    children = [census_child(disabilities=codes) for codes in disabilities]
    assert ("2887Q" in return_findings(children)) == raised


@pytest.mark.parametrize(
    ("disabilities", "raised"),
    [
        ([("MOB",), ("HAND",), ("PC", "INC")], False),  # one child with two
        ([("MOB",), ("HAND",), ("PC",)], True),  # one each
        ([("MOB",), ("NONE",), ()], True),  # NONE and no disability are not a second
        ([("NONE",), ("NONE",), ()], False),  # no disability recorded: nothing to query
        ([("MOB", "MOB")], False),  # two codes, even the same twice (that is rule 8794)
    ],
)
def test_2888q_only_one_disability_code_for_each_disabled_child(disabilities, raised):
    children = [census_child(disabilities=codes) for codes in disabilities]
    assert ("2888Q" in return_findings(children)) == raised


def test_a_return_with_no_children_fails_no_return_rule():
    assert return_findings([]) == set()
