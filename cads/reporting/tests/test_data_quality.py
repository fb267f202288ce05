"""Data quality rows: each problem found once, with a link to the record to fix."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cads.accounts.roles import Role
from cads.audit.models import AccessLog
from cads.contacts.tests.intake_helpers import page
from cads.contacts.workflow import Status
from cads.people.identifiers import nhs_number_check_digit
from cads.referrals.codes import PrimaryNeed
from cads.reporting.data_quality import CHECKS_BY_SLUG, data_quality_checks
from cads.reporting.tests.dataset import NOW, at, child, contact, decide
from conftest import signed_in_client

pytestmark = pytest.mark.django_db
BORN = datetime.date(2019, 3, 27)


def valid_nhs(first9: str) -> str:
    return first9 + str(nhs_number_check_digit(first9))


def found(slug: str) -> list[tuple[str, str, str]]:
    return [(p.record, p.detail, p.url) for p in CHECKS_BY_SLUG[slug].find()]


def person_url(person) -> str:
    return reverse("people:person-detail", args=[person.pk])


@pytest.fixture
def records(make_user):
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    with time_machine.travel(NOW, tick=False):
        decided = contact(at(2, 10))
        decide(decided, worker, at(2, 11), at(3, 10), "assessment")
        good = child(decided, "Good", sex="F", ethnicity="WBRI", date_of_birth=BORN,
                     nhs_number=valid_nhs("999000001"))  # fmt: skip
        no_ethnicity = child(decided, "Noeth", sex="M", date_of_birth=BORN,
                             nhs_number=valid_nhs("999000002"))  # fmt: skip
        unknown_sex = child(decided, "Unsex", ethnicity="WBRI", date_of_birth=BORN,
                            nhs_number=valid_nhs("999000003"))  # fmt: skip
        unborn = child(decided, "Unborn", ethnicity="NOBT",
                       expected_date_of_delivery=datetime.date(2027, 1, 1))  # fmt: skip
        bad_nhs = child(decided, "Badnhs", sex="F", ethnicity="WBRI", date_of_birth=BORN,
                        nhs_number="9990000011")  # fmt: skip
        no_nhs = child(decided, "Nonhs", sex="F", ethnicity="WBRI", date_of_birth=BORN)
        twin = child(decided, "Twin", sex="F", ethnicity="WBRI", date_of_birth=BORN,
                     nhs_number=good.nhs_number)  # fmt: skip
        undecided = contact(at(3, 10), status=Status.IN_SCREENING)
        returned_only = contact(at(4, 10), status=Status.IN_SCREENING)
        decide(returned_only, worker, at(4, 11), at(5, 10), "nfa", status="returned")
        not_due_yet = contact(at(9, 11), status=Status.SUBMITTED)
    return locals()


def test_missing_ethnicity_and_sex(records) -> None:
    r = records
    assert found("missing-ethnicity") == [
        ("Noeth Testcase", "No ethnicity recorded", person_url(r["no_ethnicity"]))
    ]
    # An unborn child's sex is rightly "not known" (CIN census rule 8750).
    assert found("missing-sex") == [
        ("Unsex Testcase", "Sex not known", person_url(r["unknown_sex"]))
    ]


def test_invalid_identifiers_use_the_people_validators(records) -> None:
    assert found("invalid-identifiers") == [
        (
            "Badnhs Testcase",
            "NHS number 9990000011: The NHS number is not valid: check the digits",
            person_url(records["bad_nhs"]),
        )
    ]


def test_unmatched_nhs_numbers(records) -> None:
    assert found("missing-nhs-number") == [
        (
            "Nonhs Testcase",
            "No NHS number: not matched to an NHS record",
            person_url(records["no_nhs"]),
        )
    ]
    shared = found("shared-nhs-number")
    assert sorted(name for name, _, _ in shared) == ["Good Testcase", "Twin Testcase"]


def test_referral_checks(records, make_user) -> None:
    from cads.referrals.models import Referral

    r = records
    decision = r["decided"].decisions.get()
    today = datetime.date(2026, 11, 9)
    make = lambda person, **kw: Referral.objects.create(  # noqa: E731
        contact=r["decided"], decision=decision, child=person, referral_date=today, **kw
    )
    unstated = make(r["good"], assessment_due=today + datetime.timedelta(days=30))
    overdue = make(
        r["twin"], primary_need=PrimaryNeed.N1, assessment_due=datetime.date(2026, 11, 1)
    )
    make(r["no_nhs"], primary_need=PrimaryNeed.N1, assessment_due=datetime.date(2026, 11, 1),
         overrun_reason="Family away")  # fmt: skip
    with time_machine.travel(NOW, tick=False):
        assert [url for _, _, url in found("referrals-without-primary-need")] == [
            reverse("referrals:referral-detail", args=[unstated.pk])
        ]
        assert found("overdue-assessments-without-reason") == [
            (
                f"Twin Testcase ({r['decided'].reference})",
                "Assessment was due 1 Nov 2026",
                reverse("referrals:referral-detail", args=[overdue.pk]),
            )
        ]


def test_contacts_without_outcome_past_their_deadline(records) -> None:
    with time_machine.travel(NOW, tick=False):
        rows = found("contacts-without-outcome")
    assert [url for _, _, url in rows] == [
        reverse("screening:screen", args=[records["undecided"].pk]),
        reverse("screening:screen", args=[records["returned_only"].pk]),
    ]


def test_page_lists_rows_with_links(records, make_user) -> None:
    client = signed_in_client(make_user(Role.HEAD_OF_SERVICE))
    with time_machine.travel(NOW, tick=False):
        html = page(client.get(reverse("reporting:data-quality")))
    section = html.select_one("#missing-ethnicity")
    assert "(1)" in section.select_one("h2").get_text()
    assert section.select_one("tbody a")["href"] == person_url(records["no_ethnicity"])
    assert section.select_one("[data-definition]")


def test_csv_has_every_row_with_absolute_links(records, make_user) -> None:
    client = signed_in_client(make_user(Role.TEAM_MANAGER))
    url = reverse("reporting:data-quality-csv", args=["shared-nhs-number"])
    response = client.get(url)
    lines = response.content.decode().splitlines()
    assert lines[0] == "Record,Problem,Link"
    assert len(lines) == 3
    assert f"http://testserver{person_url(records['twin'])}" in response.content.decode()


def test_refused_without_the_permission(make_user) -> None:
    with pytest.raises(PermissionDenied):
        data_quality_checks(user=make_user(Role.CADS_SOCIAL_WORKER))


def _logged(screen: str) -> set[str]:
    return set(AccessLog.objects.filter(screen=screen).values_list("subject_id", flat=True))


def test_the_page_and_the_csv_log_each_record_shown(records, make_user) -> None:
    # A name in a list is a view (ADR 0010): who looked at this child includes reports.
    manager = signed_in_client(make_user(Role.TEAM_MANAGER))
    with time_machine.travel(NOW, tick=False):
        manager.get(reverse("reporting:data-quality"))
        manager.get(reverse("reporting:data-quality-csv", args=["missing-ethnicity"]))
    shown = _logged("reporting:data-quality")
    assert str(records["no_ethnicity"].pk) in shown
    assert str(records["twin"].pk) in shown  # shared NHS number
    assert str(records["undecided"].pk) in shown  # a contact with no outcome
    assert str(records["good"].pk) not in shown or str(records["twin"].pk) in shown
    assert _logged("reporting:data-quality-csv") == {str(records["no_ethnicity"].pk)}
