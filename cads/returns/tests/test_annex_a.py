"""Ofsted Annex A lists 1 to 5 as an inspector opens them: Ofsted's exact headings, the
letter-prefixed codes, the six-month window and the referrals in the last 12 months."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from cads.accounts.roles import Role
from cads.authority.models import AuthorityConfiguration
from cads.decisions.models import EarlyHelpRequest
from cads.referrals.models import Referral
from cads.returns.models import ReturnExport, ReturnKind
from cads.returns.tests.builders import child, contact, early_help, referral, team

pytestmark = pytest.mark.django_db
D = datetime.date

# Spec §3, in order, exactly as Ofsted's template words them.
LIST_1 = [
    "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
    "Date of Contact", "Contact Source",
]  # fmt: skip
LIST_2 = [
    "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
    "Assessment start date", "Assessment completion date", "Organisation completing assessment",
]  # fmt: skip
LIST_3 = [
    "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
    "Date of Referral", "Referral Source", "Referral NFA?",
    "Number of Referrals in Last 12 Months", "Allocated Team", "Allocated Worker",
]  # fmt: skip

COMMON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
LIST_4 = [
    *COMMON, "Does the Child have a Disability", "Continuous Assessment Start Date",
    "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation",
    "Was the child assessed as requiring LA children's social care support?",
    "Allocated Team", "Allocated Worker",
]  # fmt: skip
LIST_5 = [
    *COMMON, "Does the Child have a Disability",
    "Strategy discussion initiating Section 47 Enquiry Start Date",
    "Was an Initial Child Protection Conference deemed unnecessary?",
    "Date of Initial Child Protection Conference",
    "Did the Initial Child Protection Conference Result in a Child Protection Plan",
    "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months",
    "Allocated Team", "Allocated Worker",
]  # fmt: skip


@pytest.fixture
def worker(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


def export(tmp_path):
    path = tmp_path / "annex-a.xlsx"
    call_command("annex_a", as_of="2026-11-30", output=str(path))
    workbook = load_workbook(path, read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in workbook}


def test_headings_are_ofsteds_exactly(tmp_path):
    sheets = export(tmp_path)
    assert list(sheets) == ["List 1", "List 2", "List 3", "List 4", "List 5"]
    assert sheets["List 1"][0] == LIST_1
    assert sheets["List 2"][0] == LIST_2
    assert sheets["List 3"][0] == LIST_3
    assert sheets["List 4"][0] == LIST_4
    assert sheets["List 5"][0] == LIST_5


def test_list_1_has_a_row_for_each_child_on_each_contact_in_the_six_months(worker, tmp_path):
    brother = child(la_child_id="WX000101", sex="M", ethnicity="BAFR", date_of_birth=D(2016, 12, 1))
    sister = child(la_child_id="WX000102", sex="F", ethnicity="", date_of_birth=D(2019, 3, 4))
    contact([brother, sister], D(2026, 9, 14), source="3A")
    contact([brother], D(2026, 5, 29), source="6")  # the day before the window opens
    contact([sister], D(2026, 11, 30), source="")  # the date of inspection itself
    rows = export(tmp_path)["List 1"][1:]
    gp = "g) 3A: Health services"
    assert rows == [
        ["WX000101", "a) Male", "o) BAFR", "01/12/2016", 9, "14/09/2026", gp],
        ["WX000102", "b) Female", "s) NOBT", "04/03/2019", 7, "14/09/2026", gp],
        ["WX000102", "b) Female", "s) NOBT", "04/03/2019", 7, "30/11/2026", "u) 10: Unknown"],
    ]  # fmt: skip


def test_list_2_has_contacts_stepped_down_to_early_help(worker, tmp_path):
    AuthorityConfiguration.objects.create(authority_name="Wessex County Council")
    person = child(la_child_id="WX000201", sex="U", ethnicity="WIRT", date_of_birth=D(2020, 1, 1))
    early_help(contact([person], D(2026, 7, 1)), worker, accepted=D(2026, 7, 3))
    early_help(contact([person], D(2026, 8, 1)), worker, accepted=D(2026, 8, 2))  # still open
    early_help(contact([person], D(2026, 10, 1)), worker)  # not yet taken on
    EarlyHelpRequest.objects.filter(accepted_at__day=3).update(
        assessment_completed_on=D(2026, 8, 28)
    )
    rows = export(tmp_path)["List 2"][1:]
    assert rows == [
        ["WX000201", "c) Not stated/recorded", "c) WIRT", "01/01/2020", 6, "03/07/2026",
         "28/08/2026", "Wessex County Council"],
        ["WX000201", "c) Not stated/recorded", "c) WIRT", "01/01/2020", 6, "02/08/2026", None,
         "Wessex County Council"],
        ["WX000201", "c) Not stated/recorded", "c) WIRT", "01/01/2020", 6, "01/10/2026", None,
         "Wessex County Council"],
    ]  # fmt: skip


def test_list_3_counts_the_referrals_in_the_12_months_before_each_one(worker, make_user, tmp_path):
    north = team()
    assessor = make_user(Role.ASSESSMENT_SOCIAL_WORKER, username="assessor")
    person = child(la_child_id="WX000301", sex="M", ethnicity="AIND", date_of_birth=D(2012, 2, 2))
    referral(person, D(2025, 3, 1), worker)  # 15 months before the June referral
    referral(person, D(2026, 1, 10), worker, source="2A")  # before the window
    referral(person, D(2026, 6, 1), worker, source="1A", team=north, social_worker=assessor)
    referral(person, D(2026, 9, 15), worker, source="5D")
    other = child(la_child_id="WX000302")
    referral(other, D(2026, 8, 1), worker, source="9")
    assert Referral.objects.count() == 5
    rows = export(tmp_path)["List 3"][1:]
    assert rows == [
        ["WX000301", "a) Male", "j) AIND", "02/02/2012", 14, "01/06/2026", "a) 1A: Individual",
         "b) No", 1, "Assessment Team North", "Test Assessment team social worker"],
        ["WX000302", "b) Female", "a) WBRI", "01/06/2015", 11, "01/08/2026", "t) 9: Anonymous",
         "b) No", 0, "Unallocated", "Unallocated"],
        ["WX000301", "a) Male", "j) AIND", "02/02/2012", 14, "15/09/2026", "p1) 5D: LA services",
         "b) No", 2, "Unallocated", "Unallocated"],
    ]  # fmt: skip


def test_annex_a_export_is_recorded(tmp_path):
    export(tmp_path)
    record = ReturnExport.objects.get()
    assert record.kind == ReturnKind.ANNEX_A
    assert record.period == "2026-11-30"
    assert len(record.sha256) == 64


def test_command_refuses_a_date_it_cannot_read(tmp_path):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("annex_a", as_of="30/11/2026", output=str(tmp_path / "a.xlsx"))


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(worker, tmp_path):
    # OWASP CSV injection applies to workbooks too: a typed organisation, team, worker or id
    # starting with = + - @ must reach the inspector as text, never as a formula.
    AuthorityConfiguration.objects.create(authority_name='=HYPERLINK("http://x.test","Wessex")')
    person = child(la_child_id="+WX000401")
    early_help(contact([person], D(2026, 7, 1)), worker)
    assessor = worker.__class__.objects.create(username="a", first_name="@SUM(1)", last_name="")
    referral(person, D(2026, 8, 1), worker, team=team("-2+3"), social_worker=assessor)
    path = tmp_path / "annex-a.xlsx"
    call_command("annex_a", as_of="2026-11-30", output=str(path))
    workbook = load_workbook(path)  # not read-only: a formula cell has data_type "f"
    cells = [cell for sheet in workbook for row in sheet.iter_rows(min_row=2) for cell in row]
    assert [c.value for c in cells if c.data_type == "f"] == []
    texts = {c.value for c in cells}
    assert '\'=HYPERLINK("http://x.test","Wessex")' in texts
    assert {"'+WX000401", "'-2+3", "'@SUM(1)"} <= texts
