"""Annex A lists 1 to 5 from the census year made through the services (tests/scenario.py):
each child on the right lists, with the right dates, for an inspection on 31 March 2026."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from cads.accounts.roles import Role
from cads.returns.tests.scenario import Scenario, make_census_year

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
READER = ROOT / "tests" / "liiatools" / "check_annex_a.py"
LIIA_PYTHON = Path(os.environ.get("CADS_LIIATOOLS_PYTHON", ROOT / ".venv-liia" / "bin" / "python"))
AS_OF = datetime.date(2026, 3, 31)
START = datetime.date(2025, 9, 30)  # six months before, both days included


def day(value: datetime.date | None) -> str | None:
    return value.strftime("%d/%m/%Y") if value else None


@pytest.fixture
def scenario(make_user) -> Scenario:
    return make_census_year(
        front_door=make_user(Role.CADS_SOCIAL_WORKER),
        manager=make_user(Role.TEAM_MANAGER),
        assessor=make_user(Role.ASSESSMENT_SOCIAL_WORKER),
    )


def export(tmp_path: Path) -> Path:
    path = tmp_path / "annex-a.xlsx"
    call_command("annex_a", as_of=AS_OF.isoformat(), output=str(path))
    if keep := os.environ.get("CADS_KEEP_ANNEX_A"):  # for a look with other tools
        shutil.copy(path, keep)
    return path


def liiatools_problems(path: Path) -> list[list[str]]:
    """The cells liiatools' Annex A cleaner could not read or found blank."""
    if not LIIA_PYTHON.exists():
        pytest.fail(f"No liiatools at {LIIA_PYTHON}: run `make liiatools`")
    done = subprocess.run(
        [str(LIIA_PYTHON), str(READER), str(path)],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    problems: list[list[str]] = json.loads(done.stdout)
    return problems


def lists(tmp_path: Path) -> dict[str, list[list[object]]]:
    workbook = load_workbook(export(tmp_path), read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)][1:] for ws in workbook}


def in_window(value: datetime.date | None) -> bool:
    return value is not None and START <= value <= AS_OF


def test_each_child_is_on_the_right_lists_with_the_right_dates(scenario, tmp_path):
    sheets = lists(tmp_path)
    want_3, want_4, want_5 = set(), set(), set()
    for child_id, expected in scenario.expected.items():
        for referred, nfa in zip(expected.referrals, expected.nfa, strict=True):
            if in_window(referred):
                want_3.add((child_id, day(referred), "a) Yes" if nfa else "b) No"))
        for started, completed in expected.assessments:
            open_then = completed is None or completed > AS_OF
            if in_window(started) or in_window(completed) or (started <= AS_OF and open_then):
                want_4.add((child_id, day(started), day(completed)))
        for discussed, held, not_required in expected.section_47s:
            if in_window(discussed) or (held is None and not not_required):
                unnecessary = "a) Yes" if not_required else ("b) No" if held else None)
                want_5.add((child_id, day(discussed), unnecessary, day(held)))
    got_3 = {(r[0], r[5], r[7]) for r in sheets["List 3"]}
    got_4 = {(r[0], r[6], r[8]) for r in sheets["List 4"]}
    got_5 = {(r[0], r[6], r[7], r[8]) for r in sheets["List 5"]}
    assert got_3 == want_3
    assert got_4 == want_4
    assert got_5 == want_5
    # One row per referral, assessment and enquiry; none without a team and a worker.
    assert len(sheets["List 3"]) == len(want_3)
    assert len(sheets["List 4"]) == len(want_4)
    assert len(sheets["List 5"]) == len(want_5)
    for name, team_column in (("List 3", 9), ("List 4", 10), ("List 5", 12)):
        assert all(r[team_column] == "Assessment team North" for r in sheets[name]), name
    nfa_rows = [r for r in sheets["List 3"] if r[7] == "a) Yes"]
    assert nfa_rows
    assert {r[0] for r in nfa_rows} <= scenario.paths["nfa"] | scenario.paths["re-referral"]


def test_liiatools_reads_every_cell_of_lists_1_to_5(scenario, tmp_path):
    path = export(tmp_path)
    assert liiatools_problems(path) == []
    # The letter sources disagree on: this reader blanks "t) NOBT" (ADR 0028, docs).
    workbook = load_workbook(path)
    workbook["List 3"].cell(row=2, column=3).value = "t) NOBT"
    workbook.save(path)
    assert liiatools_problems(path) == [["List 3", "C2", "Ethnicity", ""]]
