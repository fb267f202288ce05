"""A figure on the dashboard: its definition, its table (the accessible version, also the
CSV) and the bars of its chart, which is drawn server-side as SVG (no JavaScript)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Shown where a figure has nothing to divide by (an en dash, as GOV.UK tables do).
NOTHING = "\N{EN DASH}"


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Chart:
    """Horizontal bars: one group per row, one bar per series (for example median and 90th
    percentile). `unit` is shown after each value."""

    series: tuple[str, ...]
    bars: tuple[Bar, ...]
    unit: str = ""
    # One bar per row with a segment per series (parts of a whole, like channels of a
    # day's contacts), instead of a bar per series.
    stacked: bool = False


@dataclass
class Figure:
    slug: str
    title: str
    definition: str
    columns: list[str]
    rows: list[list[object]] = field(default_factory=list)
    chart: Chart | None = None
    headline: str = ""


def percent(part: int, whole: int) -> str:
    """A percentage to one decimal place, or a dash when there is nothing to divide by."""
    if not whole:
        return NOTHING
    return f"{Decimal(part * 100) / Decimal(whole):.1f}%"


def hours(seconds: float | None) -> str:
    """Elapsed seconds as hours to one decimal place (a dash when there were none)."""
    if seconds is None:
        return NOTHING
    return f"{Decimal(str(seconds)) / Decimal(3600):.1f}"


def share_chart(rows: list[list[object]], unit: str = "") -> Chart:
    """A one-series chart from rows whose second column is a count."""
    bars = tuple(Bar(str(row[0]), (float(str(row[1])),)) for row in rows)
    return Chart(series=("Number",), bars=bars, unit=unit)


@dataclass(frozen=True)
class Split:
    """A whole divided in two (for example contacts that did and did not become referrals)."""

    part_label: str
    rest_label: str
    part: int
    whole: int


def split_figure(
    split: Split, *, slug: str, title: str, definition: str, noun: str, headline: str
) -> Figure:
    """A figure whose table is the two sides of `split` with their shares of the whole;
    `headline` may use {share} for the part's share."""
    rest = split.whole - split.part
    rows: list[list[object]] = [
        [split.part_label, split.part, percent(split.part, split.whole)],
        [split.rest_label, rest, percent(rest, split.whole)],
    ]
    return Figure(
        slug=slug,
        title=title,
        definition=definition,
        columns=[noun, "Number", "Share"],
        rows=rows,
        chart=share_chart(rows),
        headline=headline.format(share=percent(split.part, split.whole)),
    )
