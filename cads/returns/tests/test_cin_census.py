"""The CIN census XML as DfE COLLECT reads it: who is in the return, the element order of
the schema, the codes, the header, the checks that block an export, and the record of it."""

from __future__ import annotations

import datetime
import hashlib
import xml.etree.ElementTree as ET

import pytest
from django.core.management import CommandError, call_command

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.authority.models import AuthorityConfiguration
from cads.core.clocks import add_working_days_to_date
from cads.decisions.codes import Outcome
from cads.people.models import Person, PersonStatus, StatusKind
from cads.returns.models import ReturnExport, ReturnKind
from cads.returns.tests.builders import child, referral

pytestmark = pytest.mark.django_db
D = datetime.date

# xs:sequence order in the DfE schema (spec §2.1), Sex in place of GenderCurrent (2024-25).
CHILD_ORDER = ["ChildIdentifiers", "ChildCharacteristics", "CINdetails"]
IDENTIFIERS_ORDER = [
    "LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate", "ExpectedPersonBirthDate",
    "Sex", "PersonDeathDate",
]  # fmt: skip
CHARACTERISTICS_ORDER = ["Ethnicity", "Disabilities"]
DETAILS_ORDER = [
    "CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate", "ReasonForClosure",
    "DateOfInitialCPC", "Assessments", "CINPlanDates", "Section47", "ReferralNFA",
    "ChildProtectionPlans",
]  # fmt: skip
ASSESSMENT_ORDER = [
    "AssessmentActualStartDate", "AssessmentInternalReviewDate", "AssessmentAuthorisationDate",
    "FactorsIdentifiedAtAssessment",
]  # fmt: skip
S47_ORDER = ["S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"]
REQUIRED = {"LAchildID", "Sex", "Ethnicity", "CINreferralDate", "ReferralSource", "ReferralNFA"}


def assert_schema_order(element: ET.Element, order: list[str]) -> None:
    """Children appear in the sequence's order (repeats allowed), and required ones exist."""
    tags = [c.tag for c in element]
    assert all(tag in order for tag in tags), tags
    positions = [order.index(tag) for tag in tags]
    assert positions == sorted(positions), tags
    assert REQUIRED & set(order) <= set(tags), tags


@pytest.fixture
def worker(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


@pytest.fixture
def census_data(worker):
    """Five children: two referred in the 2025-26 year (one unborn, whose assessment ended
    in no further action), one with a case open on 1 April, one whose case closed before
    the year, and one referred after it."""
    AuthorityConfiguration.objects.create(la_code="926")
    in_year = child(
        upn="G926200012401", disabilities=["MOB", "LD"], la_child_id="WX000001", sex="M"
    )
    referral(
        in_year, D(2025, 6, 10), worker,
        outcomes=(Outcome.ASSESSMENT, Outcome.STRATEGY_DISCUSSION),
        assessment_completed_on=D(2025, 7, 20), primary_need="N1", source="6",
    )  # fmt: skip
    open_on_1_april = child(la_child_id="WX000002")
    referral(
        open_on_1_april, D(2025, 3, 20), worker,
        assessment_completed_on=D(2025, 5, 1), primary_need="N4",
    )  # fmt: skip
    closed_in_year = child(la_child_id="WX000003", date_of_birth=None,
                           expected_date_of_delivery=D(2026, 5, 1), sex="U")  # fmt: skip
    referral(
        closed_in_year, D(2026, 1, 10), worker, assessment_completed_on=D(2026, 2, 20), nfa=True
    )
    closed_before = child(la_child_id="WX000004")
    referral(closed_before, D(2024, 6, 1), worker, assessment_completed_on=D(2024, 7, 1), nfa=True)
    after_year = child(la_child_id="WX000005")
    referral(after_year, D(2026, 4, 2), worker)
    return worker


def export(tmp_path, **options):
    path = tmp_path / "cin.xml"
    call_command("cin_census", year=2026, output=str(path), **options)
    return path, ET.parse(path).getroot()  # noqa: S314


def children_by_id(root: ET.Element) -> dict[str, ET.Element]:
    return {c.findtext("ChildIdentifiers/LAchildID") or "": c for c in root.iter("Child")}


def test_census_has_children_referred_in_the_year_or_open_on_1_april(census_data, tmp_path):
    _, root = export(tmp_path)
    assert sorted(children_by_id(root)) == ["WX000001", "WX000002", "WX000003"]


def test_message_has_no_namespace_and_the_header_dfe_expects(census_data, tmp_path):
    _, root = export(tmp_path)
    assert root.tag == "Message"  # no default namespace: DfE's validator finds bare names
    assert [c.tag for c in root] == ["Header", "Children"]
    assert root.findtext("Header/CollectionDetails/Collection") == "CIN"
    assert root.findtext("Header/CollectionDetails/Year") == "2026"
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2026-03-31"
    assert root.findtext("Header/Source/SourceLevel") == "L"
    assert root.findtext("Header/Source/LEA") == "926"
    assert root.findtext("Header/Source/SerialNo") == "001"


def test_every_child_follows_the_schema_order(census_data, tmp_path):
    _, root = export(tmp_path)
    for element in root.iter("Child"):
        assert_schema_order(element, CHILD_ORDER)
        assert_schema_order(element.find("ChildIdentifiers"), IDENTIFIERS_ORDER)
        assert_schema_order(element.find("ChildCharacteristics"), CHARACTERISTICS_ORDER)
        for details in element.iter("CINdetails"):
            assert_schema_order(details, DETAILS_ORDER)
            for assessment in details.iter("Assessments"):
                assert_schema_order(assessment, ASSESSMENT_ORDER)
            for s47 in details.iter("Section47"):
                assert_schema_order(s47, S47_ORDER)


def test_codes_and_dates_of_a_child_with_an_assessment_and_section_47(census_data, tmp_path):
    _, root = export(tmp_path)
    child_element = children_by_id(root)["WX000001"]
    assert child_element.findtext("ChildIdentifiers/UPN") == "G926200012401"
    assert child_element.findtext("ChildIdentifiers/Sex") == "M"
    assert child_element.findtext("ChildIdentifiers/PersonBirthDate") == "2015-06-01"
    assert child_element.find("ChildIdentifiers/GenderCurrent") is None
    assert child_element.findtext("ChildCharacteristics/Ethnicity") == "WBRI"
    disabilities = child_element.findall("ChildCharacteristics/Disabilities/Disability")
    assert [d.text for d in disabilities] == ["MOB", "LD"]
    details = child_element.find("CINdetails")
    assert details.findtext("CINreferralDate") == "2025-06-10"
    assert details.findtext("ReferralSource") == "6"
    assert details.findtext("PrimaryNeedCode") == "N1"
    assert details.find("CINclosureDate") is None  # services go on after the assessment
    assert details.findtext("Assessments/AssessmentActualStartDate") == "2025-06-10"
    assert details.findtext("Assessments/AssessmentAuthorisationDate") == "2025-07-20"
    assert details.findtext("Section47/S47ActualStartDate") == "2025-06-10"
    target = add_working_days_to_date(D(2025, 6, 10), 15).isoformat()
    assert details.findtext("Section47/InitialCPCtarget") == target
    assert details.findtext("Section47/ICPCnotRequired") == "false"
    assert details.findtext("ReferralNFA") == "false"


def test_no_further_action_after_assessment_closes_the_episode_rc8(census_data, tmp_path):
    _, root = export(tmp_path)
    unborn = children_by_id(root)["WX000003"]
    assert unborn.find("ChildIdentifiers/PersonBirthDate") is None
    assert unborn.findtext("ChildIdentifiers/ExpectedPersonBirthDate") == "2026-05-01"
    assert unborn.findtext("ChildIdentifiers/Sex") == "U"
    details = unborn.find("CINdetails")
    assert details.findtext("CINclosureDate") == "2026-02-20"
    assert details.findtext("ReasonForClosure") == "RC8"


def test_the_end_of_a_child_in_need_status_closes_the_episode_rc7(census_data, tmp_path):
    person = Person.objects.get(la_child_id="WX000002")
    PersonStatus.objects.create(
        person=person, kind=StatusKind.CHILD_IN_NEED, start_date=D(2025, 5, 1),
        end_date=D(2025, 11, 30),
    )  # fmt: skip
    _, root = export(tmp_path)
    details = children_by_id(root)["WX000002"].find("CINdetails")
    assert details.findtext("CINclosureDate") == "2025-11-30"
    assert details.findtext("ReasonForClosure") == "RC7"


def test_export_is_recorded_with_its_sha256_and_audited(census_data, tmp_path):
    path, _ = export(tmp_path)
    record = ReturnExport.objects.get()
    assert record.kind == ReturnKind.CIN_CENSUS
    assert record.period == "2026"
    assert record.rows == 3
    assert record.exported_by is None  # made on the command line
    assert record.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    event = CaseEvent.objects.get(kind="return.exported")
    assert event.data["new"]["sha256"] == record.sha256
    _, again = export(tmp_path)
    assert again.findtext("Header/Source/SerialNo") == "002"


def test_errors_block_the_export_unless_forced(census_data, tmp_path, capsys):
    person = child(la_child_id="WX000009", ethnicity="")
    referral(person, D(2025, 9, 1), census_data)
    path = tmp_path / "cin.xml"
    with pytest.raises(CommandError, match="1 error"):
        call_command("cin_census", year=2026, output=str(path))
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []  # no partial file left behind
    assert "Error 4220" in capsys.readouterr().err
    assert not ReturnExport.objects.exists()
    call_command("cin_census", year=2026, output=str(path), force=True)
    assert path.exists()
    assert ReturnExport.objects.get().forced


def test_queries_about_the_whole_return_are_listed_and_recorded(census_data, tmp_path, capsys):
    # Two disability codes in the return (DfE 2887Q); no sex is recorded only for the unborn
    # child (not 2886Q); one child has two codes (not 2888Q).
    export(tmp_path)
    err = capsys.readouterr().err
    assert (
        "Query 2887Q: Please check and either amend or provide a reason: Less than 8 "
        "disability codes have been used in your return [the whole return]"
    ) in err
    assert "2886Q" not in err
    assert "2888Q" not in err
    queries = [line for line in err.splitlines() if line.startswith("Query ")]
    assert ReturnExport.objects.get().queries == len(queries)


def test_command_refuses_a_year_that_is_not_four_digits(tmp_path):
    with pytest.raises(CommandError, match="4 digits"):
        call_command("cin_census", year=26, output=str(tmp_path / "x.xml"))


def test_an_empty_census_is_refused_and_no_file_written(tmp_path):
    # The DfE schema has at least one Child in Children: no `<Children></Children>`.
    path = tmp_path / "cin.xml"
    with pytest.raises(CommandError, match="There are no children in the census"):
        call_command("cin_census", year=2026, output=str(path))
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []
    assert not ReturnExport.objects.exists()
