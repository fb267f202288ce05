"""Bulk matching: `import_people` and `match_people` on small CSV files (issue 3), and the row
checks behind them. All names are fictional; NHS numbers are from the 999 test range."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from cads.audit.models import CaseEvent
from cads.people.bulk import (
    COLUMNS,
    OUTPUT_COLUMNS,
    PersonRow,
    RowError,
    check_row,
    match_rows,
    read_rows,
)
from cads.people.matching import Band, Candidate, SearchQuery
from cads.people.models import ExternalIdentifier, Household, Person

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 24)

# external_id, given_name, family_name, date_of_birth, sex, address, postcode, nhs_number, upn
GOOD_ROWS = [
    ["WP-1", "Amelia", "Hartwell", "2016-04-12", "F", "14 Orchard Row, Wessex Town", "WX1 4QT",
     "999 000 0107", "Q938200012345"],
    ["WP-2", "Alfred", "Hartwell", "2019-09-30", "male", "14 orchard row  wessex town", "wx14qt",
     "9990000115", ""],
    ["WP-3", "Zara", "Okonkwo", "2020-06-18", "", "Flat 2, 9 Mill Street", "WX2 7HN",
     "9990000131", ""],
]  # fmt: skip

# (row, the reason's start): one bad row of each kind.
BAD_ROWS = [
    (["WP-11", "Harvey", "Quill", "2013-05-09", "M", "", "", "9990000108", ""],
     "nhs_number: The NHS number is not valid"),
    (["WP-12", "Isla", "Marchbank", "2015-13-40", "F", "", "", "", ""],
     "date_of_birth: Enter a real date as YYYY-MM-DD"),
    (["WP-13", "Oscar", "Dunmore", "12/05/2015", "M", "", "", "", ""],
     "date_of_birth: Enter a real date as YYYY-MM-DD"),
    (["WP-14", "Oscar", "Dunmore", "2099-01-01", "M", "", "", "", ""],
     "date_of_birth: The date of birth must be today or in the past"),
    (["WP-15", "Ruby", "Ashgrove", "2017-03-14", "X", "", "", "", ""],
     "sex: Enter M, F or U"),
    (["WP-16", "Theo", "Brackley", "2011-08-19", "M", "40 Tanners Lane", "WXX 9ZZ", "", ""],
     "postcode: Enter a real postcode"),
    (["WP-17", "Evie", "Lanyon", "2010-10-10", "F", "", "", "", "A938200012345"],
     "upn: The UPN check letter does not match"),
]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], header: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(command: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def read_output(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def register_counts() -> tuple[int, ...]:
    models = (Person, CaseEvent, Household, ExternalIdentifier)
    return tuple(model.objects.count() for model in models)


@pytest.fixture
def imported(tmp_path: Path) -> dict[str, Person]:
    """The good rows imported from the police; people by external_id."""
    run("import_people", str(write_csv(tmp_path / "police.csv", GOOD_ROWS)), "--source", "police")
    return {i.value: i.person for i in ExternalIdentifier.objects.select_related("person")}


# --- import_people -------------------------------------------------------------------------


def test_import_creates_people_with_identifiers_and_audit_events(tmp_path: Path) -> None:
    out, _ = run(
        "import_people", str(write_csv(tmp_path / "in.csv", GOOD_ROWS)), "--source", "police"
    )

    assert "Created 3 people and 2 households; skipped 0" in out
    amelia = ExternalIdentifier.objects.get(source="police", value="WP-1").person
    alfred = ExternalIdentifier.objects.get(source="police", value="WP-2").person
    assert (amelia.given_name, amelia.nhs_number, amelia.upn) == (
        "Amelia",
        "9990000107",
        "Q938200012345",
    )
    assert (alfred.sex, alfred.date_of_birth) == ("M", datetime.date(2019, 9, 30))
    # The same address typed differently is one household.
    assert amelia.household_id == alfred.household_id
    assert amelia.household.postcode == "WX1 4QT"
    assert ExternalIdentifier.objects.get(value="WP-3").person.sex == "U"
    kinds = list(CaseEvent.objects.values_list("kind", flat=True))
    assert kinds.count("person.created") == 3
    assert kinds.count("household.created") == 2
    assert kinds.count("person.identifier_added") == 3  # fmt: skip


def test_running_the_same_import_again_creates_nobody(tmp_path: Path) -> None:
    path = str(write_csv(tmp_path / "in.csv", GOOD_ROWS))
    run("import_people", path, "--source", "police")
    events = CaseEvent.objects.count()

    out, _ = run("import_people", path, "--source", "police")

    assert "Created 0 people and 0 households; skipped 3 already imported from police" in out
    assert Person.objects.count() == 3
    assert CaseEvent.objects.count() == events


def test_the_same_external_id_from_another_source_is_another_person(tmp_path: Path) -> None:
    path = str(write_csv(tmp_path / "in.csv", GOOD_ROWS[:1]))
    run("import_people", path, "--source", "police")
    run("import_people", path, "--source", "school")
    assert Person.objects.count() == 2


def test_bad_rows_are_reported_with_row_numbers_and_good_rows_load(tmp_path: Path) -> None:
    rows = [GOOD_ROWS[0]] + [row for row, _ in BAD_ROWS] + [GOOD_ROWS[2]]
    errors = tmp_path / "errors.csv"

    out, err = run(
        "import_people", str(write_csv(tmp_path / "in.csv", rows)), "--source", "police",
        "--errors", str(errors),
    )  # fmt: skip

    assert "Created 2 people" in out
    assert f"{len(BAD_ROWS)} rows with errors not loaded" in out
    assert set(ExternalIdentifier.objects.values_list("value", flat=True)) == {"WP-1", "WP-3"}
    reported = read_output(errors)
    # The header is row 1 and the good row is row 2, so the bad rows start at row 3.
    for number, (row, reason) in enumerate(BAD_ROWS, start=3):
        assert f"Row {number} (external_id {row[0]}): {reason}" in err
        assert reported[number - 3]["row"] == str(number)
        assert reported[number - 3]["reason"].startswith(reason)


def test_every_problem_in_a_row_is_reported_at_once(tmp_path: Path) -> None:
    row = ["WP-9", "Ada", "Quill", "2099-01-01", "Q", "", "AB", "123", ""]
    _, err = run("import_people", str(write_csv(tmp_path / "in.csv", [row])), "--source", "x")
    assert "Row 2 (external_id WP-9): date_of_birth: " in err
    assert all(f"{column}: " in err for column in ("sex", "postcode", "nhs_number"))
    assert not Person.objects.exists()


def test_import_needs_a_name_and_a_unique_external_id_per_source(tmp_path: Path) -> None:
    rows = [
        GOOD_ROWS[0],
        ["WP-1", "Amy", "Hart", "", "", "", "", "", ""],
        ["", "Lone", "Row", "", "", "", "", "", ""],
        ["WP-4", "", "", "2016-01-01", "", "", "", "", ""],
    ]
    _, err = run("import_people", str(write_csv(tmp_path / "in.csv", rows)), "--source", "police")
    assert "Row 3 (external_id WP-1): external_id WP-1 is also on row 2" in err
    assert "Row 4: Enter an external_id: --source police keeps one for every person" in err
    assert "Row 5 (external_id WP-4): Enter a given_name or a family_name" in err
    assert Person.objects.count() == 1


def test_an_unknown_column_stops_the_import_before_any_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "in.csv", [GOOD_ROWS[0]], header=(*COLUMNS[:-1], "upm"))
    with pytest.raises(CommandError, match="Unknown column"):
        run("import_people", str(path), "--source", "police")
    assert not Person.objects.exists()


# --- match_people --------------------------------------------------------------------------


def test_match_finds_corrupted_copies_and_leaves_absent_people_unmatched(
    tmp_path: Path, imported: dict[str, Person]
) -> None:
    rows = [
        ["S-1", "Amelia", "Hartwel", "2016-04-12", "F", "", "WX1 4QT", "", ""],  # typo
        ["S-2", "Alfie", "Hartwell", "2019-09-30", "M", "14 Orchard Row", "WX1 4QT", "", ""],
        ["S-3", "Peregrine", "Oddingley", "2003-02-28", "M", "", "WX9 9ZZ", "", ""],  # absent
        ["S-4", "Zara", "Okonkwo", "2020-06-18", "", "", "", "9990000108", ""],  # invalid
    ]
    output = tmp_path / "out.csv"
    before = register_counts()

    out, err = run(
        "match_people", str(write_csv(tmp_path / "school.csv", rows)), "--output", str(output)
    )

    assert output.read_text().splitlines()[0] == ",".join(OUTPUT_COLUMNS)
    result = read_output(output)
    assert [r["external_id"] for r in result] == ["S-1", "S-2", "S-3", "S-4"]
    assert (result[0]["person_id"], result[0]["person_external_id"]) == (
        str(imported["WP-1"].pk),
        "WP-1",
    )
    assert (result[1]["person_id"], result[1]["person_external_id"]) == (
        str(imported["WP-2"].pk),
        "WP-2",
    )
    assert result[0]["band"] in {"certain", "likely", "possible"}
    assert float(result[0]["score"]) > 0
    assert result[0]["reasons"]
    assert (result[2]["person_id"], result[2]["band"], result[2]["reasons"]) == (
        "",
        "",
        "No candidate found",
    )
    assert result[3]["person_id"] == ""
    assert result[3]["reasons"].startswith("Not checked: nhs_number: The NHS number is not valid")
    assert "Row 5 (external_id S-4): nhs_number: " in err
    assert "1 rows with errors not checked" in out
    assert register_counts() == before


def test_match_by_nhs_number_alone(tmp_path: Path, imported: dict[str, Person]) -> None:
    rows = [["", "", "", "", "", "", "", "9990000131", ""]]
    output = tmp_path / "out.csv"
    run("match_people", str(write_csv(tmp_path / "in.csv", rows)), "--output", str(output))
    assert read_output(output)[0]["person_id"] == str(imported["WP-3"].pk)


def test_match_writes_only_the_header_for_a_file_without_rows(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    out, _ = run("match_people", str(write_csv(tmp_path / "in.csv", [])), "--output", str(output))
    assert output.read_text().splitlines() == [",".join(OUTPUT_COLUMNS)]
    assert "Matched 0 of 0 rows" in out


# Committed data (transaction=True): with one worker a thread gathers the next batch on its
# own connection, with two the batches go to forked processes.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("workers", ["1", "2"])
def test_match_with_workers_keeps_input_order(tmp_path: Path, workers: str) -> None:
    run("import_people", str(write_csv(tmp_path / "p.csv", GOOD_ROWS)), "--source", "police")
    rows = [[f"S-{i}", *GOOD_ROWS[i % 3][1:]] for i in range(9)]
    output = tmp_path / "out.csv"

    run("match_people", str(write_csv(tmp_path / "in.csv", rows)), "--output", str(output),
        "--workers", workers)  # fmt: skip

    result = read_output(output)
    assert [r["external_id"] for r in result] == [f"S-{i}" for i in range(9)]
    assert [r["person_external_id"] for r in result] == ["WP-1", "WP-2", "WP-3"] * 3


@pytest.mark.django_db(transaction=True)
def test_one_worker_gathers_the_next_batch_while_scoring_and_keeps_input_order(
    tmp_path: Path,
) -> None:
    run("import_people", str(write_csv(tmp_path / "p.csv", GOOD_ROWS)), "--source", "police")
    rows = [[f"S-{i}", *GOOD_ROWS[i % 3][1:]] for i in range(7)]
    checked = list(read_rows(write_csv(tmp_path / "in.csv", rows), la_codes=["938"]))

    results = list(match_rows(checked, workers=1, batch_size=2, source="police"))

    assert [r.row.external_id for r in results] == [f"S-{i}" for i in range(7)]
    assert [r.person_external_id for r in results] == ["WP-1", "WP-2", "WP-3"] * 2 + ["WP-1"]


# --- Row checks ----------------------------------------------------------------------------


def check(**values: str) -> PersonRow | RowError:
    return check_row(2, list(values), list(values.values()), la_codes=("999",), today=TODAY)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("m", "M"), ("Female", "F"), ("u", "U"), ("", "U"), (" MALE ", "M")],
)
def test_sex_accepts_codes_and_words(raw: str, expected: str) -> None:
    row = check(given_name="Ada", sex=raw)
    assert isinstance(row, PersonRow)
    assert row.sex == expected


def test_values_are_normalised() -> None:
    row = check(
        given_name="  Lily-Mae ", family_name="Thorn  bury", date_of_birth="2026-11-24",
        postcode="wx51rp", nhs_number="999-000-0158", upn="d999410115001",
    )  # fmt: skip
    assert row == PersonRow(
        row_number=2, given_name="Lily-Mae", family_name="Thorn bury",
        date_of_birth=TODAY, postcode="WX5 1RP", nhs_number="9990000158", upn="D999410115001",
    )  # fmt: skip


def test_no_fixed_abode_is_a_postcode_and_not_searched_on() -> None:
    row = check(given_name="Jayden", postcode="No fixed abode")
    assert isinstance(row, PersonRow)
    assert row.postcode == "NFA"
    assert row.search_query().postcode == ""


def test_a_row_with_more_values_than_the_header_is_an_error() -> None:
    result = check_row(7, ["given_name"], ["Ada", "extra"], today=TODAY)
    assert result == RowError(7, "", "The row has more values than the header")


def test_an_empty_row_is_an_error() -> None:
    assert check(given_name=" ", family_name="") == RowError(2, "", "The row is empty")


def test_an_overlong_name_is_an_error() -> None:
    result = check(external_id="X", given_name="A" * 101)
    assert result == RowError(2, "X", "given_name: Must be 100 characters or fewer")


def test_a_row_with_nothing_to_match_on_is_reported(tmp_path: Path) -> None:
    rows = [["S-1", "", "", "", "M", "", "", "", ""]]
    output = tmp_path / "out.csv"
    _, err = run("match_people", str(write_csv(tmp_path / "in.csv", rows)), "--output", str(output))
    assert "Row 2 (external_id S-1): The row has nothing to match on" in err
    assert read_output(output)[0]["reasons"].startswith("Not checked: The row has nothing")


def test_output_shows_band_score_and_reasons_of_the_best_candidate(
    tmp_path: Path, imported: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    amelia = imported["WP-1"]
    seen: list[SearchQuery] = []

    def gather(queries: list[SearchQuery], candidate_cap: int = 0) -> list[Any]:
        seen.extend(queries)
        return [(query, []) for query in queries]

    def score(gathered: list[Any]) -> list[Candidate | None]:
        reasons = ("NHS number matches", "same postcode")
        return [Candidate(amelia.pk, 97.5, Band.CERTAIN, reasons) for _ in gathered]

    monkeypatch.setattr("cads.people.bulk.match.gather_candidates", gather)
    monkeypatch.setattr("cads.people.bulk.match.best_of", score)
    # No identifier fast path here: this test is about what reaches the full search.
    monkeypatch.setattr(
        "cads.people.bulk.match.certain_by_identifier", lambda queries: [None] * len(queries)
    )
    rows = [["S-1", "amelia", "HARTWELL", "", "U", "", "nfa", "9990000107", ""]]
    output = tmp_path / "out.csv"

    out, _ = run("match_people", str(write_csv(tmp_path / "in.csv", rows)), "--output", str(output))

    assert read_output(output) == [
        {
            "external_id": "S-1",
            "person_id": str(amelia.pk),
            "person_external_id": "WP-1",
            "band": "certain",
            "score": "97.5",
            "reasons": "NHS number matches; same postcode",
            "warnings": "",
        }
    ]
    # "U" and no fixed abode say nothing about who the person is, so are not searched on.
    assert seen == [
        SearchQuery(given_name="amelia", family_name="HARTWELL", nhs_number="9990000107")
    ]
    assert "Matched 1 of 1 rows (certain 1, likely 0, possible 0)" in out


def test_a_file_that_is_not_utf8_stops_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(
        ",".join(COLUMNS).encode() + b"\r\nWP-1,Amy,Hart,,,,,,\r\nWP-2,Ren\xe9e,Hart,,,,,,\r\n"
    )
    with pytest.raises(CommandError, match=r"Line 3 is not UTF-8 text: save the file as"):
        run("import_people", str(path), "--source", "police")
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("command", "options"), [("import_people", ()), ("match_people", ("--output", "out.csv"))]
)
def test_a_missing_file_stops_with_a_clear_error(
    tmp_path: Path, command: str, options: tuple[str, ...]
) -> None:
    with pytest.raises(CommandError, match="No such file"):
        run(command, str(tmp_path / "missing.csv"), *options)


@pytest.mark.parametrize(
    ("command", "options"),
    [("import_people", ("--errors", "in.csv")), ("match_people", ("--output", "in.csv"))],
)
def test_writing_over_the_input_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, options: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_csv(tmp_path / "in.csv", GOOD_ROWS)
    with pytest.raises(CommandError, match="must not be the input file"):
        run(command, "in.csv", *options)
    assert len(read_output(tmp_path / "in.csv")) == len(GOOD_ROWS)
