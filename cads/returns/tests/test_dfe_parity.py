"""The census CADS writes, checked by the DfE's own validator (`csc-validator-be-cin`, run
from its own virtual environment, ADR 0029) and by CADS's checks: on a year made through the
services both find the same thing child by child and about the whole return, with no DfE
error; faults planted in the records (as an imported or hand-edited record could hold them)
are caught by both."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cads.accounts.roles import Role
from cads.people.models import Person
from cads.referrals.models import Referral
from cads.returns.census_rules import ERROR, RULES
from cads.returns.selectors import cin_census_check
from cads.returns.tests.scenario import YEAR, Scenario, make_census_year

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
RUNNER = ROOT / "tests" / "dfe" / "run_cin_validator.py"
DFE_PYTHON = Path(os.environ.get("CADS_DFE_PYTHON", ROOT / ".venv-dfe" / "bin" / "python"))
SEVERITY = {rule.code: rule.severity for rule in RULES}
PATHS = ("on-time", "late", "disabled", "nfa", "re-referral", "s47-conference",
         "s47-no-conference", "s47-open", "unborn", "turning-18", "open-on-1-april",
         "open-assessment", "no-upn-reason", *(f"RC{n}" for n in range(1, 10)))  # fmt: skip


def dfe_findings(path: Path) -> tuple[set[tuple[str, str]], list[str]]:
    """(LA child ID, rule code) for each child the DfE validator flags, and the return-level
    rules it flags."""
    if not DFE_PYTHON.exists():
        pytest.fail(f"No DfE validator at {DFE_PYTHON}: run `make dfe-validator`")
    done = subprocess.run(
        [str(DFE_PYTHON), str(RUNNER), str(path)],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    found = json.loads(done.stdout)
    assert found["crashed"] == []  # a rule that crashed would have checked nothing
    return {(child, code) for child, code in found["children"]}, found["return"]


def cads_findings() -> set[tuple[str, str]]:
    report = cin_census_check(year=YEAR)
    assert not report.truncated
    return {(f.la_child_id, f.rule.code) for f in report.failures}


def cads_return_findings() -> list[str]:
    return [rule.code for rule in cin_census_check(year=YEAR).return_failures]


def export(tmp_path: Path, force: bool = False) -> Path:
    path = tmp_path / "cin.xml"
    call_command("cin_census", year=YEAR, output=str(path), force=force)
    return path


@pytest.fixture
def scenario(make_user) -> Scenario:
    return make_census_year(
        front_door=make_user(Role.CADS_SOCIAL_WORKER),
        manager=make_user(Role.TEAM_MANAGER),
        assessor=make_user(Role.ASSESSMENT_SOCIAL_WORKER),
    )


def test_a_year_on_every_path_has_no_dfe_error_and_both_checks_agree(scenario, tmp_path):
    path = export(tmp_path)
    root = ET.parse(path).getroot()  # noqa: S314 - the file this test wrote
    children = root.findall("Children/Child")
    assert len(children) >= 50
    assert all(scenario.paths[name] for name in PATHS), [p for p in PATHS if not scenario.paths[p]]
    reasons = {e.text for e in root.iter("ReasonForClosure")}
    assert reasons == {f"RC{n}" for n in range(1, 10)}
    assert {e.text for e in root.iter("ReferralNFA")} == {"true", "false"}
    dfe, return_level = dfe_findings(path)
    assert return_level == []
    assert cads_return_findings() == return_level
    assert [f for f in dfe if SEVERITY.get(f[1]) == ERROR or f[1] not in SEVERITY] == []
    assert cads_findings() == dfe
    # The only queries are ones the records deserve: none on this year.
    assert dfe == set()


def _plant_faults(scenario: Scenario) -> dict[str, str]:
    """One fault per rule, each on its own child; the LA child ID of each."""
    paths = {name: sorted(ids) for name, ids in scenario.paths.items()}
    planted = {
        "8608": paths["late"][0],
        "8816": paths["re-referral"][0],
        "8770Q": paths["RC7"][0],
        "8675Q": paths["s47-conference"][0],
        "8670Q": paths["on-time"][0],
    }
    episodes = Referral.objects.filter(child__la_child_id__in=planted.values())
    late = episodes.get(child__la_child_id=planted["8608"])
    Referral.objects.filter(pk=late.pk).update(
        assessment_started_on=(late.assessment_completed_on or late.referral_date)
        + datetime.timedelta(days=1)
    )
    first = episodes.filter(child__la_child_id=planted["8816"]).order_by("referral_date")[0]
    Referral.objects.filter(pk=first.pk).update(
        closed_on=None, closure_reason="", referral_nfa=False, nfa=False
    )
    Person.objects.filter(la_child_id=planted["8770Q"]).update(upn="")
    episodes.filter(child__la_child_id=planted["8675Q"]).update(icpc_on=None)
    episodes.filter(child__la_child_id=planted["8670Q"]).update(
        assessment_completed_on=None, assessment_factors=[]
    )
    return planted


def test_planted_faults_are_caught_by_both(scenario, tmp_path):
    planted = _plant_faults(scenario)
    with pytest.raises(CommandError, match="error"):
        export(tmp_path)  # 8608 and 8816 are errors: no file without --force
    path = export(tmp_path, force=True)
    dfe, _ = dfe_findings(path)
    cads = cads_findings()
    for code, child in planted.items():
        assert (child, code) in dfe, code
        assert (child, code) in cads, code
    assert cads == dfe
    assert Counter(code for _, code in dfe)["8608"] == 1


# --- Rules about the whole return (2886Q, 2887Q, 2888Q) ---------------------------------


def _recode_disabilities(scenario: Scenario, recode: Callable[[list[str]], list[str]]) -> None:
    """Each child's disability codes replaced by `recode(codes)`."""
    ids = set().union(*scenario.paths.values())
    for person in Person.objects.filter(la_child_id__in=ids):
        Person.objects.filter(pk=person.pk).update(disabilities=recode(list(person.disabilities)))


def _both_on_the_return(tmp_path: Path) -> tuple[list[str], list[str]]:
    """The return-level findings of the DfE validator and of CADS; the two agree child by
    child too (the planted faults are none of a child's)."""
    dfe, return_level = dfe_findings(export(tmp_path))
    assert cads_findings() == dfe
    return return_level, cads_return_findings()


def test_2886q_no_sex_recorded_is_caught_by_both_above_2_percent(scenario, tmp_path):
    born = sorted(scenario.paths["late"] | scenario.paths["nfa"])
    children = len(set().union(*scenario.paths.values()))
    assert 50 < children < 100  # so 1 child is 2% or less and 2 are more
    Person.objects.filter(la_child_id=born[0]).update(sex="U")
    assert _both_on_the_return(tmp_path) == ([], [])
    Person.objects.filter(la_child_id=born[1]).update(sex="U")
    assert _both_on_the_return(tmp_path) == (["2886Q"], ["2886Q"])


def test_2887q_fewer_than_8_disability_codes_is_caught_by_both(scenario, tmp_path):
    """Planted in two steps, because the DfE's validator (0.1.13) counts the children
    recorded NONE where its message and the DfE's rule text count the different codes used;
    CADS counts the codes (ADR 0029). When a new validator counts the codes too, the first
    step fails here: update the ADR and docs/returns.md."""
    # Two codes for every disabled child, NONE kept for the others: CADS alone queries it.
    _recode_disabilities(
        scenario, lambda codes: ["MOB", "HAND"] if codes[:1] not in ([], ["NONE"]) else codes
    )
    assert _both_on_the_return(tmp_path) == ([], ["2887Q"])
    # No disability recorded for the children with none: both query it.
    _recode_disabilities(scenario, lambda codes: [] if codes == ["NONE"] else codes)
    assert _both_on_the_return(tmp_path) == (["2887Q"], ["2887Q"])


def test_2888q_one_disability_per_child_is_caught_by_both(scenario, tmp_path):
    # The first of each disabled child's codes: one each, 8 different codes in the return.
    _recode_disabilities(scenario, lambda codes: codes[:1])
    assert _both_on_the_return(tmp_path) == (["2888Q"], ["2888Q"])
