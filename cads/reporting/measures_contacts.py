"""Volume and mix figures: contacts by period, channel and referral source; conversion to
referral; re-referrals; outcome mix; threshold disagreement. Each reads the day tallies
(cads.reporting.tallies), counted in the database from the contact facts (issue 7)."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from cads.contacts.codes import Channel, ReferralSource, ThresholdView
from cads.decisions.codes import Outcome
from cads.reporting.figures import Bar, Chart, Figure, Split, percent, share_chart, split_figure
from cads.reporting.scope import Scope

NOT_RECORDED = "Not recorded"


def _periods(scope: Scope) -> tuple[str, list[datetime.date]]:
    """Days for a range of up to 31 days, otherwise weeks beginning on Monday."""
    if (scope.end - scope.start).days < 31:
        step, first = 1, scope.start
        kind = "day"
    else:
        step, first = 7, scope.start - datetime.timedelta(days=scope.start.weekday())
        kind = "week"
    periods, day = [], first
    while day <= scope.end:
        periods.append(day)
        day += datetime.timedelta(days=step)
    return kind, periods


def contacts_by_period(scope: Scope) -> Figure:
    kind, periods = _periods(scope)
    counts: dict[datetime.date, Counter[str]] = defaultdict(Counter)
    for day, tally in scope.tallies().by_day.items():
        period = day if kind == "day" else day - datetime.timedelta(days=day.weekday())
        for channel in Channel.values:
            counts[period][channel] += tally[f"channel:{channel}"]
    label = "Day" if kind == "day" else "Week beginning"
    rows: list[list[object]] = []
    for period in periods:
        by_channel = counts[period]
        rows.append(
            [f"{period:%-d %b %Y}", *[by_channel[c] for c in Channel.values], by_channel.total()]
        )
    return Figure(
        slug="contacts-by-period",
        title=f"Contacts per {kind} by channel",
        definition=(
            "Contacts submitted to the front door (not drafts or consultations), counted on the "
            f"local date they were received, per {kind}"
            + (" (weeks begin on Monday)" if kind == "week" else "")
            + ", split by how they arrived."
        ),
        columns=[label, *Channel.labels, "Total"],
        rows=rows,
        chart=Chart(
            tuple(Channel.labels),
            tuple(Bar(str(r[0]), tuple(float(str(v)) for v in r[1:-1])) for r in rows),
            stacked=True,
        ),
        headline=f"{sum(int(str(r[-1])) for r in rows)} contacts",
    )


def contacts_by_source(scope: Scope) -> Figure:
    labels = dict(ReferralSource.choices)
    order = [*ReferralSource.values, ""]
    tally = scope.tallies().total
    counts = {code: tally[f"source:{code}"] for code in order}
    total = tally["contacts"]
    rows: list[list[object]] = [
        [labels.get(code, NOT_RECORDED), counts[code], percent(counts[code], total)]
        for code in order
        if counts.get(code)
    ]
    return Figure(
        slug="contacts-by-source",
        title="Contacts by referral source",
        definition=(
            "The same contacts by the referrer's CIN census referral source (Annex A contact "
            "source); sources with no contacts are left out."
        ),
        columns=["Referral source", "Contacts", "Share"],
        rows=rows,
        chart=share_chart(rows),
    )


def conversion(scope: Scope) -> Figure:
    tally = scope.tallies().total
    split = Split(
        "Became a referral", "Did not become a referral", tally["converted"], tally["contacts"]
    )
    return split_figure(
        split,
        slug="conversion",
        title="Conversion from contact to referral",
        definition=(
            "Of the contacts received in the period, those with at least one referral (a Child "
            "and Family Assessment or section 47 decision makes a referral for each child)."
        ),
        noun="Contacts",
        headline="{share} became referrals",
    )


def re_referrals(scope: Scope) -> Figure:
    # Each fact counts its contact's referrals and those with an earlier referral.
    tally = scope.tallies().total
    split = Split(
        "Re-referral within 12 months",
        "First referral in 12 months",
        tally["re_referrals"],
        tally["referrals"],
    )
    return split_figure(
        split,
        slug="re-referrals",
        title="Re-referrals within 12 months",
        definition=(
            "Referrals (one per child) made from the period's contacts whose child had another "
            "referral in the 12 months before the referral date (CIN census re-referral)."
        ),
        noun="Referrals",
        headline=f"{{share}} of {tally['referrals']} referrals were re-referrals",
    )


def outcome_mix(scope: Scope) -> Figure:
    # Each fact holds the outcomes of its contact's decision in force (the latest agreed
    # decision, cads.reporting.facts), or none while nothing is agreed; the tallies count
    # each decided contact once ("decided") and once under each of its outcomes.
    tally = scope.tallies().total
    counts = {code: tally[f"outcome:{code}"] for code in Outcome.values}
    total = tally["decided"]
    rows: list[list[object]] = [
        [Outcome(code).label, counts[code], percent(counts[code], total)] for code in Outcome.values
    ]
    return Figure(
        slug="outcome-mix",
        title="Outcome mix",
        definition=(
            "Each decided contact's decision in force (the latest decision agreed, or made "
            "without needing sign-off), by outcome. A decision can have several outcomes, so "
            "the shares can add up to more than 100%."
        ),
        columns=["Outcome", "Contacts", "Share of decided contacts"],
        rows=rows,
        chart=share_chart(rows),
        headline=f"{total} decided contacts",
    )


def threshold_disagreement(scope: Scope) -> Figure:
    tally = scope.tallies().total
    labels = dict(ThresholdView.choices)
    rows: list[list[object]] = []
    for code in [*ThresholdView.values, ""]:
        if tally[f"screened:{code}"]:
            screened, disagreed = tally[f"screened:{code}"], tally[f"disagreed:{code}"]
            share = percent(disagreed, screened)
            rows.append([labels.get(code, NOT_RECORDED), screened, disagreed, share])
    screened = sum(int(str(r[1])) for r in rows)
    disagreed = sum(int(str(r[2])) for r in rows)
    rows.append(["All", screened, disagreed, percent(disagreed, screened)])
    return Figure(
        slug="threshold-disagreement",
        title="Threshold disagreement between referrer and screener",
        definition=(
            "Screenings of the period's contacts where the screener recorded whether they "
            "agreed with the referrer's view of the level of need, by the referrer's view: how "
            "many the screener disagreed with."
        ),
        columns=["Referrer's view", "Screened", "Screener disagreed", "Share disagreed"],
        rows=rows,
        chart=Chart(
            ("Screener disagreed",),
            tuple(Bar(str(r[0]), (float(str(r[2])),)) for r in rows[:-1]),
        ),
        headline=f"{percent(disagreed, screened)} disagreed",
    )
