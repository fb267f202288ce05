"""Every dashboard figure on the known week in dataset.py, worked out by hand."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from cads.accounts.roles import Role
from cads.reporting.figures import NOTHING
from cads.reporting.selectors import Dashboard, dashboard
from cads.reporting.tests.dataset import END, NOW, START

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(week, make_user) -> Dashboard:
    return dashboard(user=make_user(Role.TEAM_MANAGER), start=START, end=END, now=NOW)


def rows(board: Dashboard, slug: str) -> list[list[object]]:
    return next(f for f in board.figures if f.slug == slug).rows


def test_contacts_per_day_by_channel(board) -> None:
    # Columns: day, phone, online, email, police, in person, out of hours, total.
    assert rows(board, "contacts-by-period") == [
        ["2 Nov 2026", 2, 0, 0, 0, 0, 0, 2],
        ["3 Nov 2026", 0, 1, 0, 0, 0, 0, 1],
        ["4 Nov 2026", 0, 0, 1, 0, 0, 0, 1],
        ["5 Nov 2026", 0, 0, 0, 0, 0, 0, 0],
        ["6 Nov 2026", 0, 0, 0, 0, 0, 0, 0],
    ]


def test_contacts_by_referral_source(board) -> None:
    assert rows(board, "contacts-by-source") == [
        ["Schools", 3, "75.0%"],
        ["Police", 1, "25.0%"],
    ]


def test_decisions_within_one_working_day(board) -> None:
    # C1 and C2 on time; C3's first decision that stood came on Thursday (late); C4 has no
    # decision and its deadline (Thursday 12:00) has passed.
    assert rows(board, "decisions-on-time") == [
        ["Decided on time", 2, "50.0%"],
        ["Decided late", 1, "25.0%"],
        ["Not yet done and past the deadline", 1, "25.0%"],
        ["Not yet due (not counted)", 0, NOTHING],
    ]


def test_rag_compliance(board) -> None:
    # Red C2: due Monday 20:00, decided Tuesday 09:30. Amber C1 met, C4 overdue.
    # Green C3: due Thursday 17:00 (3 working days from Tuesday 09:00), decided 10:00.
    assert rows(board, "rag-compliance") == [
        ["Red", 1, 0, 1, "0.0%"],
        ["Amber", 2, 1, 1, "50.0%"],
        ["Green", 1, 1, 0, "100.0%"],
    ]


def test_partner_check_response_times(board) -> None:
    # Police: 2, 24 and 4 hours answered, one open: median 4, 90th percentile
    # 4 + 0.8 * (24 - 4) = 20. Health: one answer in 1 hour.
    assert rows(board, "check-response-times") == [
        ["Wessex Health", 1, 1, "1.0", "1.0"],
        ["Wessex Police", 4, 3, "4.0", "20.0"],
    ]


def test_conversion_and_re_referrals(board) -> None:
    assert rows(board, "conversion") == [
        ["Became a referral", 1, "25.0%"],
        ["Did not become a referral", 3, "75.0%"],
    ]
    assert rows(board, "re-referrals") == [
        ["Re-referral within 12 months", 1, "50.0%"],
        ["First referral in 12 months", 1, "50.0%"],
    ]


def test_outcome_mix_counts_each_contacts_decision_in_force(board) -> None:
    mix = {row[0]: row[1:] for row in rows(board, "outcome-mix")}
    assert mix["No further action"] == [1, "33.3%"]  # C3's returned NFA does not count
    assert mix["Child and Family Assessment"] == [1, "33.3%"]
    assert mix["Step down to Early Help"] == [1, "33.3%"]
    assert mix["Strategy discussion (section 47)"] == [0, "0.0%"]


def test_threshold_disagreement(board) -> None:
    assert rows(board, "threshold-disagreement") == [
        ["Level 3: targeted early help or child in need", 2, 0, "0.0%"],
        ["Level 4: specialist, child protection", 1, 1, "100.0%"],
        ["All", 3, 1, "33.3%"],
    ]


def test_acknowledgement_and_feedback(board) -> None:
    # Named referrers: C1 acknowledged in an hour, C4 the next day after 12:00 (late), C2
    # never. Feedback: C1's outcome letter was due at 15:00 on Monday, sent Tuesday 09:00.
    assert rows(board, "acknowledgement-timeliness") == [
        ["Acknowledged on time", 1, "33.3%"],
        ["Acknowledged late", 1, "33.3%"],
        ["Not yet done and past the deadline", 1, "33.3%"],
        ["Not yet due (not counted)", 0, NOTHING],
    ]
    assert rows(board, "feedback-timeliness")[:3] == [
        ["Outcome letter sent on time", 0, "0.0%"],
        ["Outcome letter sent late", 1, "100.0%"],
        ["Not yet done and past the deadline", 0, "0.0%"],
    ]


def test_backlog_by_age_and_rag(board) -> None:
    # Open now: C0 (20 days, red), C4 (5 days, amber), C5 (2 days, not rated); the dates
    # do not apply to the backlog.
    assert board.backlog.rows == [
        ["Under 1 day", 0, 0, 0, 0, 0],
        ["1 to 3 days", 0, 0, 0, 1, 1],
        ["3 to 7 days", 0, 1, 0, 0, 1],
        ["7 days or more", 1, 0, 0, 0, 1],
    ]


def test_team_filter_counts_contacts_screened_by_its_members(week, make_user) -> None:
    board = dashboard(
        user=make_user(Role.HEAD_OF_SERVICE), start=START, end=END, team=week.team, now=NOW
    )
    assert rows(board, "contacts-by-source") == [
        ["Schools", 1, "50.0%"],
        ["Police", 1, "50.0%"],
    ]
    assert rows(board, "decisions-on-time")[0] == ["Decided on time", 2, "100.0%"]
    assert board.backlog.headline == "0 open contacts"


def test_dates_filter_the_figures(week, make_user) -> None:
    import datetime

    board = dashboard(
        user=make_user(Role.TEAM_MANAGER), start=START, end=datetime.date(2026, 11, 2), now=NOW
    )
    assert [r[-1] for r in rows(board, "contacts-by-period")] == [2]
    assert rows(board, "conversion")[0] == ["Became a referral", 1, "50.0%"]


@pytest.mark.parametrize("role", [Role.CADS_SOCIAL_WORKER, Role.MASH_PARTNER])
def test_figures_refused_to_other_roles(make_user, role) -> None:
    with pytest.raises(PermissionDenied):
        dashboard(user=make_user(role), start=START, end=END)


def test_ranges_over_31_days_count_weeks_beginning_on_monday(week, make_user) -> None:
    import datetime

    board = dashboard(
        user=make_user(Role.TEAM_MANAGER),
        start=datetime.date(2026, 10, 14),
        end=datetime.date(2026, 11, 20),
        now=NOW,
    )
    figure = next(f for f in board.figures if f.slug == "contacts-by-period")
    assert figure.columns[0] == "Week beginning"
    totals = {row[0]: row[-1] for row in figure.rows}
    assert next(iter(totals)) == "12 Oct 2026"  # the Monday before 14 October
    assert totals["19 Oct 2026"] == 1  # the open red contact from 20 October
    assert totals["2 Nov 2026"] == 5  # C1 to C4, and C5 on Saturday 7 November
    assert sum(int(str(t)) for t in totals.values()) == 6
