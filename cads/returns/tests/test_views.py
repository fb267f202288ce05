"""The returns pages: team managers and heads of service check and download the returns;
social workers and partners cannot; every download is recorded against the user."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from cads.accounts.roles import Role
from cads.returns.models import ReturnExport
from cads.returns.tests.builders import child, referral

pytestmark = pytest.mark.django_db
D = datetime.date
CENSUS = reverse("returns:cin-census")
ANNEX_A = reverse("returns:annex-a")


@pytest.fixture
def blank_ethnicity(make_user):
    """A child referred in the 2025-26 year with no ethnicity recorded (DfE rule 4220)."""
    person = child(la_child_id="WX000401", given_name="Ava", family_name="Hart", ethnicity="")
    referral(person, D(2025, 9, 1), make_user(Role.CADS_SOCIAL_WORKER))
    return person


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE])
def test_managers_and_heads_of_service_see_the_returns_pages(client_for, role):
    client = client_for(role)
    for url in (reverse("returns:index"), CENSUS, ANNEX_A):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "role", [Role.CADS_SOCIAL_WORKER, Role.MASH_PARTNER, Role.ASSESSMENT_SOCIAL_WORKER]
)
def test_social_workers_and_partners_cannot_export(client_for, role):
    client = client_for(role)
    assert client.get(CENSUS).status_code == 403
    assert client.post(CENSUS, {"year": "2026", "action": "download"}).status_code == 403
    assert client.post(ANNEX_A, {"as_of_day": "30", "as_of_month": "11"}).status_code == 403
    assert not ReturnExport.objects.exists()


def test_check_lists_each_failure_with_a_link_to_the_record(client_for, blank_ethnicity):
    response = client_for(Role.TEAM_MANAGER).post(CENSUS, {"year": "2026", "action": "check"})
    page = BeautifulSoup(response.content, "html.parser")
    row = page.find("td", string="4220").find_parent("tr")
    link = row.find("a")
    assert link.text == "Ava Hart"
    assert link["href"] == reverse("people:person-detail", args=[blank_ethnicity.pk])
    assert "Ethnicity is missing or invalid" in row.text
    assert "Error" in row.text
    assert not ReturnExport.objects.exists()  # checking is not exporting


def test_errors_stop_the_download_until_the_box_is_ticked(client_for, blank_ethnicity):
    client = client_for(Role.TEAM_MANAGER)
    refused = client.post(CENSUS, {"year": "2026", "action": "download"})
    page = BeautifulSoup(refused.content, "html.parser")
    summary = page.select_one(".govuk-error-summary").text
    assert "The checks found 1 error: fix the records listed below" in summary
    assert page.find("td", string="4220")
    assert not ReturnExport.objects.exists()
    forced = client.post(CENSUS, {"year": "2026", "action": "download", "force": "on"})
    assert forced["Content-Disposition"] == 'attachment; filename="cin-census-2026.xml"'
    root = ET.fromstring(body(forced))  # noqa: S314
    assert root.findtext("Children/Child/ChildIdentifiers/LAchildID") == "WX000401"
    export = ReturnExport.objects.get()
    assert export.forced
    assert export.exported_by.last_name == Role.TEAM_MANAGER


def test_head_of_service_downloads_a_clean_census(client_for, make_user):
    person = child(la_child_id="WX000402", upn="G926200012401")
    referral(person, D(2025, 9, 1), make_user(Role.CADS_SOCIAL_WORKER))
    response = client_for(Role.HEAD_OF_SERVICE).post(CENSUS, {"year": "2026", "action": "download"})
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(body(response))  # noqa: S314
    assert root.findtext("Header/CollectionDetails/Year") == "2026"


def test_a_year_with_no_children_is_refused_with_a_message(client_for):
    response = client_for(Role.TEAM_MANAGER).post(CENSUS, {"year": "2026", "action": "download"})
    assert response.status_code == 200  # the page again, not an empty file
    page = BeautifulSoup(response.content, "html.parser")
    assert "There are no children in the census" in page.select_one(".govuk-error-summary").text


def test_census_year_must_be_four_digits(client_for):
    response = client_for(Role.TEAM_MANAGER).post(CENSUS, {"year": "26", "action": "check"})
    page = BeautifulSoup(response.content, "html.parser")
    assert (
        "Enter the collection year as 4 numbers, like 2026"
        in page.select_one(".govuk-error-summary").text
    )
    assert page.find("input", {"name": "year"})["value"] == "26"  # nothing typed is lost


def test_annex_a_downloads_from_the_page(client_for):
    response = client_for(Role.TEAM_MANAGER).post(
        ANNEX_A, {"as_of_day": "30", "as_of_month": "11", "as_of_year": "2026"}
    )
    assert response["Content-Disposition"] == 'attachment; filename="annex-a-2026-11-30.xlsx"'
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert workbook.sheetnames == ["List 1", "List 2", "List 3", "List 4", "List 5"]
    assert ReturnExport.objects.get().period == "2026-11-30"


def test_annex_a_needs_a_real_date(client_for):
    response = client_for(Role.TEAM_MANAGER).post(
        ANNEX_A, {"as_of_day": "31", "as_of_month": "11", "as_of_year": "2026"}
    )
    assert "Date of inspection must be a real date" in response.content.decode()
    assert not ReturnExport.objects.exists()


def test_a_restricted_childs_name_is_not_listed(client_for, make_user):
    person = child(la_child_id="WX000403", given_name="Zoe", ethnicity="", restricted=True)
    referral(person, D(2025, 9, 1), make_user(Role.CADS_SOCIAL_WORKER))
    response = client_for(Role.HEAD_OF_SERVICE).post(CENSUS, {"year": "2026", "action": "check"})
    row = BeautifulSoup(response.content, "html.parser").find("td", string="4220").find_parent("tr")
    assert row.find("a").text == "Restricted record"
    assert "Zoe" not in response.content.decode()


def test_recent_exports_show_who_made_them(client_for, tmp_path):
    call_command("annex_a", as_of="2026-11-30", output=str(tmp_path / "a.xlsx"))
    page = BeautifulSoup(
        client_for(Role.TEAM_MANAGER).get(reverse("returns:index")).content, "html.parser"
    )
    row = page.select_one("tbody tr").text
    assert "Ofsted Annex A" in row
    assert "2026-11-30" in row
    assert "Command line" in row


def test_the_page_starts_on_the_open_collection_year(client_for, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC))
    page = BeautifulSoup(client_for(Role.TEAM_MANAGER).get(CENSUS).content, "html.parser")
    # December 2026 is in the year 1 April 2026 to 31 March 2027, still open.
    assert page.find("input", {"name": "year"})["value"] == "2027"


def test_an_empty_census_says_so_and_is_not_downloaded(client_for):
    client = client_for(Role.TEAM_MANAGER)
    checked = BeautifulSoup(
        client.post(CENSUS, {"year": "2026", "action": "check"}).content, "html.parser"
    )
    assert "No child had a referral" in checked.select_one("#empty-census").text
    assert "every child passes" not in checked.text
    refused = client.post(CENSUS, {"year": "2026", "action": "download"})
    summary = BeautifulSoup(refused.content, "html.parser").select_one(".govuk-error-summary")
    assert "There are no children in the census for 1 April 2025 to 31 March 2026" in summary.text
    assert not ReturnExport.objects.exists()


def test_queries_about_the_whole_return_are_listed_and_never_block(client_for, make_user):
    # One child with no sex recorded and no disability code: DfE 2886Q and 2887Q (and
    # 8670Q on the child: the assessment is still open).
    person = child(la_child_id="WX000404", upn="G926200012401", sex="U")
    referral(person, D(2025, 9, 1), make_user(Role.CADS_SOCIAL_WORKER))
    client = client_for(Role.TEAM_MANAGER)
    checked = client.post(CENSUS, {"year": "2026", "action": "check"})
    page = BeautifulSoup(checked.content, "html.parser")
    rows = page.select("#return-failures tbody tr")
    assert [row.find("td").text for row in rows] == ["2886Q", "2887Q"]
    assert all("Query" in row.text for row in rows)
    assert "Percentage of children with no sex recorded is more than 2%" in rows[0].text
    assert "Less than 8 disability codes have been used in your return" in rows[1].text
    assert page.select_one("#failures").find_next("p").text == "0 errors and 3 queries."
    downloaded = client.post(CENSUS, {"year": "2026", "action": "download"})
    assert downloaded["Content-Type"] == "application/xml"
    export = ReturnExport.objects.get()
    assert (export.errors, export.queries, export.forced) == (0, 3, False)
