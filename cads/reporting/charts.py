"""Server-rendered SVG bar charts. Each chart sits beside its table, which carries the same
figures for screen reader users and the CSV download; the SVG is a picture of the table."""

from __future__ import annotations

from dataclasses import dataclass

from cads.reporting.figures import Bar, Chart

LABEL_WIDTH = 220
PLOT_WIDTH = 380
BAR_HEIGHT = 20
GAP = 10
# GOV.UK palette: blue, then dark grey, with a pattern-free difference in shade and the legend
# in words (colour is never the only way to tell the series apart: the table is beside it).
SERIES_COLOURS = ("#1d70b8", "#505a5f", "#00703c", "#4c2c92", "#f47738", "#28a197")


@dataclass(frozen=True)
class DrawnBar:
    x: float
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
    stacked: bool = False


def _legend(chart: Chart) -> list[tuple[str, str]]:
    return [(name, SERIES_COLOURS[n % len(SERIES_COLOURS)]) for n, name in enumerate(chart.series)]


def _number(value: float, unit: str) -> str:
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text}{unit}"


def _stacked_group(chart: Chart, bar: Bar, top: int, largest: float) -> list[DrawnBar]:
    """One bar whose segments, left to right, are the series; the total at its end."""
    drawn, x = [], float(LABEL_WIDTH)
    for n, value in enumerate(bar.values):
        width = round(PLOT_WIDTH * value / largest, 1)
        if width > 0:
            colour = SERIES_COLOURS[n % len(SERIES_COLOURS)]
            drawn.append(DrawnBar(x, top, width, colour, "", x + width + 4, top + BAR_HEIGHT - 5))
        x += width
    total = _number(sum(bar.values), chart.unit)
    end = DrawnBar(x, top, 0, "none", total, x + 4, top + BAR_HEIGHT - 5)
    return [*drawn, end]


def draw(chart: Chart) -> DrawnChart:
    """Geometry for the SVG template: bar widths scaled to the largest value."""
    if chart.stacked:
        return _draw_stacked(chart)
    largest = max((v for bar in chart.bars for v in bar.values), default=0.0) or 1.0
    per_group = len(chart.series) * BAR_HEIGHT + GAP
    groups = []
    for index, bar in enumerate(chart.bars):
        top = index * per_group + GAP
        drawn = [
            DrawnBar(
                x=LABEL_WIDTH,
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
    legend = _legend(chart)
    height = max(len(chart.bars), 1) * per_group + GAP
    return DrawnChart(
        width=LABEL_WIDTH + PLOT_WIDTH + 70,
        height=height,
        label_width=LABEL_WIDTH,
        label_x=LABEL_WIDTH - 8,
        groups=groups,
        legend=legend if len(chart.series) > 1 else [],
    )


def _draw_stacked(chart: Chart) -> DrawnChart:
    largest = max((sum(bar.values) for bar in chart.bars), default=0.0) or 1.0
    per_group = BAR_HEIGHT + GAP
    groups = [
        DrawnGroup(
            label=bar.label,
            label_y=index * per_group + GAP + BAR_HEIGHT // 2,
            bars=_stacked_group(chart, bar, index * per_group + GAP, largest),
        )
        for index, bar in enumerate(chart.bars)
    ]
    legend = _legend(chart)
    return DrawnChart(
        width=LABEL_WIDTH + PLOT_WIDTH + 70,
        height=max(len(chart.bars), 1) * per_group + GAP,
        label_width=LABEL_WIDTH,
        label_x=LABEL_WIDTH - 8,
        groups=groups,
        legend=legend,
        stacked=True,
    )
