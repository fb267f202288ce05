"""Contacts per day by channel is drawn stacked: each day's bar is split into its channels,
left to right in the table's order, with the day's total at the end."""

from __future__ import annotations

import pytest

from cads.accounts.roles import Role
from cads.contacts.codes import Channel
from cads.reporting.charts import LABEL_WIDTH, PLOT_WIDTH, draw
from cads.reporting.figures import Bar, Chart
from cads.reporting.selectors import dashboard
from cads.reporting.tests.dataset import END, NOW, START


def test_a_stacked_bar_is_split_into_its_series_with_the_total_at_the_end() -> None:
    chart = Chart(
        ("Phone", "Online form", "Email"),
        (Bar("2 Nov 2026", (2.0, 0.0, 2.0)), Bar("3 Nov 2026", (1.0, 1.0, 0.0))),
        stacked=True,
    )
    drawn = draw(chart)
    first = drawn.groups[0].bars
    segments = [bar for bar in first if bar.width]
    assert [s.colour for s in segments] == ["#1d70b8", "#00703c"]  # no segment for nothing
    assert segments[0].x == LABEL_WIDTH
    assert segments[1].x == LABEL_WIDTH + segments[0].width  # side by side, not overlaid
    assert segments[0].width + segments[1].width == PLOT_WIDTH  # the largest day fills it
    assert [bar.value for bar in first if bar.value] == ["4"]  # the day's total
    assert drawn.groups[1].bars[-1].value == "2"
    assert [name for name, _ in drawn.legend] == ["Phone", "Online form", "Email"]


@pytest.mark.django_db
def test_contacts_per_period_are_stacked_by_channel(week, make_user) -> None:
    board = dashboard(user=make_user(Role.TEAM_MANAGER), start=START, end=END, now=NOW)
    figure = next(f for f in board.figures if f.slug == "contacts-by-period")
    assert figure.chart is not None
    assert figure.chart.stacked
    assert figure.chart.series == tuple(Channel.labels)
    for row, bar in zip(figure.rows, figure.chart.bars, strict=True):
        assert list(bar.values) == [float(str(v)) for v in row[1:-1]]
        assert sum(bar.values) == row[-1]
