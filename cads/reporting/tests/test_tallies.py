"""The day tallies behind the dashboard (cads.reporting.tallies, ADR 0015): what depends on
now is counted live, a change of timescale counts every day again, the tallies kept through
changes are the ones a full recount gives, and a team's add up to every worker's."""

from __future__ import annotations

import pytest

from cads.authority.selectors import office_hours
from cads.contacts.codes import Channel, ReferralSource
from cads.contacts.workflow import Status
from cads.deadlines.models import RagLevel
from cads.letters.models import LetterKind
from cads.reporting import facts, tallies
from cads.reporting.models import DayTally, TallyClocks
from cads.reporting.selectors import Dashboard, dashboard
from cads.reporting.tests.dataset import (
    END,
    NOW,
    START,
    at,
    contact,
    decide,
    letter,
    screened,
)

pytestmark = pytest.mark.django_db


def rows(board: Dashboard, slug: str) -> list[list[object]]:
    return next(f for f in board.figures if f.slug == slug).rows


def stored() -> list[tuple[object, int, dict[str, int]]]:
    return list(DayTally.objects.order_by("day", "team_key").values_list(
        "day", "team_key", "counts"
    ))  # fmt: skip


def test_a_contact_whose_clocks_are_still_running_is_not_yet_due_then_overdue(
    week, manager
) -> None:
    # C6: Wednesday 12:00, red (4 hours in real time), no decision yet.
    c6 = contact(at(4, 12), status=Status.IN_SCREENING, channel=Channel.PHONE,
                 referral_source=ReferralSource.POLICE)  # fmt: skip
    screened(c6, week.north, "red")
    early = dashboard(user=manager, start=START, end=END, now=at(4, 13))
    assert rows(early, "rag-compliance")[0] == ["Red", 2, 0, 1, "0.0%"]
    # C4 (Wednesday 12:00, amber) and C6 are not yet due for a decision an hour later.
    assert rows(early, "decisions-on-time")[2:] == [
        ["Not yet done and past the deadline", 0, "0.0%"],
        ["Not yet due (not counted)", 2, "\N{EN DASH}"],
    ]
    late = dashboard(user=manager, start=START, end=END, now=at(4, 16, 30))
    assert rows(late, "rag-compliance")[0] == ["Red", 2, 0, 2, "0.0%"]
    assert rows(late, "decisions-on-time")[3] == ["Not yet due (not counted)", 2, "\N{EN DASH}"]
    later = dashboard(user=manager, start=START, end=END, now=NOW)
    assert rows(later, "decisions-on-time")[2:] == [
        ["Not yet done and past the deadline", 2, "40.0%"],
        ["Not yet due (not counted)", 0, "\N{EN DASH}"],
    ]


def test_acknowledgement_not_yet_due_is_counted_live(week, manager) -> None:
    c6 = contact(at(6, 16), status=Status.SUBMITTED, referral_source=ReferralSource.POLICE)
    board = dashboard(user=manager, start=START, end=END, now=at(6, 16, 30))
    assert rows(board, "acknowledgement-timeliness")[3] == [
        "Not yet due (not counted)",
        1,
        "\N{EN DASH}",
    ]
    letter(c6, LetterKind.ACKNOWLEDGEMENT, at(9, 16), at(9, 10))
    board = dashboard(user=manager, start=START, end=END, now=NOW)
    assert rows(board, "acknowledgement-timeliness")[0][:2] == ["Acknowledged on time", 2]


def test_a_change_of_rag_timescale_counts_every_day_again(week, manager) -> None:
    before = dashboard(user=manager, start=START, end=END, now=NOW)
    assert rows(before, "rag-compliance")[2] == ["Green", 1, 1, 0, "100.0%"]
    # Green in 1 working day: C3 (Tuesday 09:00, decided Thursday 10:00) missed it.
    RagLevel.objects.filter(code="green").update(duration_amount=1)
    after = dashboard(user=manager, start=START, end=END, now=NOW)
    assert rows(after, "rag-compliance")[2] == ["Green", 1, 0, 1, "0.0%"]


def test_tallies_kept_through_changes_are_the_ones_a_full_recount_gives(week, manager) -> None:
    dashboard(user=manager, start=START, end=END, now=NOW)
    c4 = week.contacts["c4"]
    decide(c4, week.south, at(5, 14), at(5, 12), "early_help")
    # C5 moves from the weekend into the week: both days are counted again.
    type(c4).objects.filter(pk=week.contacts["c5"].pk).update(received_at=at(6, 9))
    changed = dashboard(user=manager, start=START, end=END, now=NOW)
    assert rows(changed, "contacts-by-period")[-1][-1] == 1
    kept = stored()
    DayTally.objects.all().delete()
    TallyClocks.objects.all().delete()
    assert tallies.count_days(office_hours()) > 0
    assert stored() == kept


def test_a_teams_tally_counts_its_members_contacts_and_follows_a_change_of_members(
    week, manager
) -> None:
    facts.refresh(office_hours())
    every = {day: counts for day, team, counts in stored() if team == tallies.EVERY_TEAM}
    assert sum(c["contacts"] for c in every.values()) == 7
    north = {day: counts for day, team, counts in stored() if team == week.team.pk}
    # North screens C1 and C2 (Monday); nobody opened the June contact.
    assert sum(c["contacts"] for c in north.values()) == 2
    week.team.members.add(week.south)
    board = dashboard(user=manager, start=START, end=END, team=week.team, now=NOW)
    assert rows(board, "contacts-by-period")[1][-1] == 1  # C3, screened by south
    assert rows(board, "conversion")[1][1] == 3
