"""Server-rendered SVG bar charts. Each chart sits beside its table, which carries the same
figures for screen reader users and the CSV download; the SVG is a picture of the table."""

from __future__ import annotations

from dataclasses import dataclass

from cads.reporting.figures import Chart

LABEL_WIDTH = 220
PLOT_WIDTH = 380
BAR_HEIGHT = 20
GAP = 10
# GOV.UK palette: blue, then dark grey, with a pattern-free difference in shade and the legend
# in words (colour is never the only way to tell the series apart: the table is beside it).
SERIES_COLOURS = ("#1d70b8", "#505a5f", "#00703c")


@dataclass(frozen=True)
class DrawnBar:
    y: int
    width: float
    colour: str
    value: str
    value_x: float
    text_y: int


@dataclass(frozen=True)
class DrawnGroup:
    label: str
    label_y: int
    bars: list[DrawnBar]


@dataclass(frozen=True)
class DrawnChart:
    width: int
    height: int
    label_width: int
    label_x: int
    groups: list[DrawnGroup]
    legend: list[tuple[str, str]]


def _number(value: float, unit: str) -> str:
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text}{unit}"


def draw(chart: Chart) -> DrawnChart:
    """Geometry for the SVG template: bar widths scaled to the largest value."""
    largest = max((v for bar in chart.bars for v in bar.values), default=0.0) or 1.0
    per_group = len(chart.series) * BAR_HEIGHT + GAP
    groups = []
    for index, bar in enumerate(chart.bars):
        top = index * per_group + GAP
        drawn = [
            DrawnBar(
                y=top + n * BAR_HEIGHT,
                width=round(PLOT_WIDTH * value / largest, 1),
                colour=SERIES_COLOURS[n % len(SERIES_COLOURS)],
                value=_number(value, chart.unit),
                value_x=LABEL_WIDTH + round(PLOT_WIDTH * value / largest, 1) + 4,
                text_y=top + n * BAR_HEIGHT + BAR_HEIGHT - 5,
            )
            for n, value in enumerate(bar.values)
        ]
        middle = top + len(chart.series) * BAR_HEIGHT // 2
        groups.append(DrawnGroup(label=bar.label, label_y=middle, bars=drawn))
    legend = [(name, SERIES_COLOURS[n % 3]) for n, name in enumerate(chart.series)]
    height = max(len(chart.bars), 1) * per_group + GAP
    return DrawnChart(
        width=LABEL_WIDTH + PLOT_WIDTH + 70,
        height=height,
        label_width=LABEL_WIDTH,
        label_x=LABEL_WIDTH - 8,
        groups=groups,
        legend=legend if len(chart.series) > 1 else [],
    )
