"""The reporting pages as a manager uses them: who may open them, the filters and their
errors, the CSV downloads, the backlog's order and links, and the statutory return links."""

from __future__ import annotations

import csv
import io

import pytest
import time_machine
from django.urls import reverse

from cads.accounts.roles import ROLE_PERMISSIONS, Role
from cads.audit.models import AccessLog
from cads.contacts.models import Contact
from cads.contacts.tests.intake_helpers import error_summary, page
from cads.reporting.tests.dataset import NOW, build_week
from conftest import signed_in_client

pytestmark = pytest.mark.django_db

ALLOWED = {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE}
PAGES = [
    ("reporting:dashboard", []),
    ("reporting:figure-csv", ["decisions-on-time"]),
    ("reporting:backlog-csv", []),
    ("reporting:data-quality", []),
    ("reporting:data-quality-csv", ["missing-ethnicity"]),
]
WEEK = {"from": "2026-11-02", "to": "2026-11-06"}


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def manager(make_user):
    return signed_in_client(make_user(Role.TEAM_MANAGER))


@pytest.fixture
def week(make_user):
    with time_machine.travel(NOW, tick=False):
        yield build_week(make_user)


@pytest.mark.parametrize("role", list(ROLE_PERMISSIONS))
def test_permission_matrix(role, make_user) -> None:
    client = signed_in_client(make_user(role))
    for name, args in PAGES:
        status = client.get(reverse(name, args=args)).status_code
        expected = 200 if role in ALLOWED else 403
        assert status == expected, f"{role} on {name}: {status}, expected {expected}"


def test_signed_out_users_are_sent_to_sign_in(client) -> None:
    response = client.get(reverse("reporting:dashboard"))
    assert response.status_code == 302
    assert "/sign-in" in response["Location"] or "next=" in response["Location"]


def test_dashboard_shows_definitions_and_both_return_downloads(week, manager) -> None:
    with time_machine.travel(NOW, tick=False):
        response = manager.get(reverse("reporting:dashboard"), WEEK)
    html = page(response)
    downloads = {a.get_text(strip=True): a["href"] for a in html.select("#downloads a")}
    assert downloads["Children in need census"] == reverse("returns:cin-census")
    assert downloads["Ofsted Annex A"] == reverse("returns:annex-a")
    # Every figure has its definition on the page and a chart beside its table.
    sections = html.select("section[id]")
    assert len(sections) == 12
    for section in sections:
        assert (
            section.select_one("[data-definition]").get_text(strip=True).startswith("Definition:")
        )
        assert section.select_one("table")
    decisions = html.select_one("#decisions-on-time")
    assert decisions.select_one("[data-headline]").get_text(strip=True) == "50.0% decided on time"
    assert decisions.select_one("svg title")
    assert "2 November 2026 to 6 November 2026, all teams" in html.select_one("#showing").text


def test_team_filter_and_csv_links_keep_the_filters(week, manager) -> None:
    with time_machine.travel(NOW, tick=False):
        response = manager.get(reverse("reporting:dashboard"), {**WEEK, "team": week.team.pk})
    html = page(response)
    assert "team CADS North" in html.select_one("#showing").text
    link = html.select_one("#conversion a[href*=csv]")["href"]
    assert link == (
        reverse("reporting:figure-csv", args=["conversion"])
        + f"?from=2026-11-02&to=2026-11-06&team={week.team.pk}"
    )
    with time_machine.travel(NOW, tick=False):
        rows = csv_rows(manager.get(link))
    assert rows == [
        ["Contacts", "Number", "Share"],
        ["Became a referral", "1", "50.0%"],
        ["Did not become a referral", "1", "50.0%"],
    ]


def test_figure_csv_content(week, manager) -> None:
    url = reverse("reporting:figure-csv", args=["check-response-times"])
    with time_machine.travel(NOW, tick=False):
        response = manager.get(url, WEEK)
    assert (
        'filename="check-response-times-2026-11-02-to-2026-11-06.csv"'
        in (response["Content-Disposition"])
    )
    assert csv_rows(response) == [
        ["Agency", "Checks", "Completed", "Median (hours)", "90th percentile (hours)"],
        ["Wessex Health", "1", "1", "1.0", "1.0"],
        ["Wessex Police", "4", "3", "4.0", "20.0"],
    ]


def test_unknown_figure_is_not_found(manager) -> None:
    url = reverse("reporting:figure-csv", args=["made-up"])
    assert manager.get(url).status_code == 404


def test_bad_dates_are_explained_and_kept(manager) -> None:
    bad = {"from_day": "31", "from_month": "2", "from_year": "2026", "to_day": "x"}
    response = manager.get(reverse("reporting:dashboard"), bad)
    assert error_summary(response) == [
        "Start date must be a real date",
        "End date must include a month and year",
    ]
    html = page(response)
    # GOV.UK date inputs like every other date in the service, with what was typed kept.
    assert html.select_one("#id_from_day")["value"] == "31"
    assert html.select_one("#id_from_month")["value"] == "2"
    assert not html.select("section[id]")  # no figures for dates that do not exist
    response = manager.get(
        reverse("reporting:dashboard"), {"from": "2026-11-06", "to": WEEK["from"]}
    )
    assert error_summary(response) == ["The start date must be the same as or before the end date"]


def test_backlog_oldest_first_with_links_into_the_records(week, manager) -> None:
    with time_machine.travel(NOW, tick=False):
        html = page(manager.get(reverse("reporting:dashboard"), WEEK))
    rows = html.select("#open-contacts tbody tr")
    c0, c4, c5 = (week.contacts[k] for k in ("c0", "c4", "c5"))
    assert [r["data-reference"] for r in rows] == [c0.reference, c4.reference, c5.reference]
    first = rows[0]
    assert first.select_one("a")["href"] == reverse("screening:screen", args=[c0.pk])
    assert "Overdue" in first.get_text()
    assert [c.get_text(strip=True) for c in rows[1].select("td")][1:3] == ["5", "Amber"]


def test_backlog_for_a_head_of_service_links_to_children_only(week, make_user) -> None:
    client = signed_in_client(make_user(Role.HEAD_OF_SERVICE))
    with time_machine.travel(NOW, tick=False):
        html = page(client.get(reverse("reporting:dashboard"), WEEK))
    assert not html.select("#open-contacts th a")  # no screening for a head of service


def test_backlog_csv_lists_every_open_contact(week, manager) -> None:
    with time_machine.travel(NOW, tick=False):
        rows = csv_rows(manager.get(reverse("reporting:backlog-csv")))
    assert rows[0][:4] == ["Contact", "Received", "Age (days)", "RAG rating"]
    assert [r[0] for r in rows[1:]] == [week.contacts[k].reference for k in ("c0", "c4", "c5")]
    # The tray's deadline (ADR 0030): the red clock, nearer than the decision's.
    assert rows[1][1:7] == ["2026-10-20 10:00", "20", "Red", "Red RAG", "2026-10-20 14:00", "Yes"]


def test_backlog_is_paginated(manager, make_user) -> None:
    from cads.contacts.workflow import Status
    from cads.reporting.selectors import BACKLOG_PAGE_SIZE
    from cads.reporting.tests.dataset import at, contact

    for hour in range(BACKLOG_PAGE_SIZE + 1):
        contact(at(2, 9).replace(minute=hour), status=Status.SUBMITTED)
    with time_machine.travel(NOW, tick=False):
        html = page(manager.get(reverse("reporting:dashboard"), {**WEEK, "page": 2}))
    assert len(html.select("#open-contacts tbody tr")) == 1
    assert "Page 2 of 2" in html.select_one(".govuk-pagination").get_text()


def test_backlog_summary_csv(week, manager) -> None:
    url = reverse("reporting:figure-csv", args=["backlog"])
    with time_machine.travel(NOW, tick=False):
        rows = csv_rows(manager.get(url, WEEK))
    assert rows == [
        ["Age", "Red", "Amber", "Green", "Not yet rated", "Total"],
        ["Under 1 day", "0", "0", "0", "0", "0"],
        ["1 to 3 days", "0", "0", "0", "1", "1"],
        ["3 to 7 days", "0", "1", "0", "0", "1"],
        ["7 days or more", "1", "0", "0", "0", "1"],
    ]


def test_the_open_contacts_csv_logs_each_contact_and_child(week, manager) -> None:
    with time_machine.travel(NOW, tick=False):
        rows = csv_rows(manager.get(reverse("reporting:backlog-csv")))[1:]
    assert rows
    logged = AccessLog.objects.filter(screen="reporting:backlog-csv")

    def ids(model: str) -> set[str]:
        return set(logged.filter(subject_type__model=model).values_list("subject_id", flat=True))

    contacts = Contact.objects.filter(reference__in=[row[0] for row in rows])
    children = {s.person_id for c in contacts for s in c.subjects.filter(role="child")}
    assert ids("contact") == {str(c.pk) for c in contacts}
    assert ids("person") == {str(pk) for pk in children}
