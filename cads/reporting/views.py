"""Thin reporting views: the dashboard with its live backlog, CSV downloads of each table,
and the data quality report. Reads are in selectors.py and data_quality.py."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cads.accounts.roles import VIEW_DASHBOARD
from cads.accounts.selectors import signed_in_user
from cads.contacts.models import Contact
from cads.contacts.selectors import contacts_shown
from cads.core.access import requires
from cads.reporting import selectors
from cads.reporting.charts import draw
from cads.reporting.csv_export import csv_response
from cads.reporting.data_quality import (
    CHECKS_BY_SLUG,
    Problem,
    as_seen,
    data_quality_checks,
    records_shown,
)
from cads.reporting.forms import DashboardFilterForm
from cads.reporting.rows import backlog_row, backlog_rows

DATA_QUALITY_SHOWN = 50


def _filters(request: HttpRequest) -> DashboardFilterForm:
    return DashboardFilterForm(request.GET, today=timezone.localdate())


@requires(VIEW_DASHBOARD)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Figures for the chosen dates and team, each with its definition, chart and table."""
    user = signed_in_user(request)
    form = _filters(request)
    context: dict[str, object] = {
        "form": form,
        "from_field": form["from"],
        "to_field": form["to"],
        "team_field": form["team"],
    }
    if form.is_valid():
        data = form.cleaned_data
        board = selectors.dashboard(
            user=user, start=data["start"], end=data["end"], team=data["team"]
        )
        page = selectors.backlog_page(
            user=user, team=data["team"], number=request.GET.get("page", 1)
        )
        levels = selectors.rag_levels()
        contacts_shown(request=request, contacts=list(page))  # the backlog names children
        hours, clocks = board.scope.hours, board.scope.clocks
        context |= {
            "board": board,
            "panels": [(f, draw(f.chart) if f.chart else None) for f in board.figures],
            "backlog": (board.backlog, draw(board.backlog.chart) if board.backlog.chart else None),
            "page": page,
            "rows": [
                backlog_row(contact, levels, user, board.scope.now, hours=hours, clocks=clocks)
                for contact in page
            ],
            "query": form.query(),
        }
    return render(request, "reporting/dashboard.html", context)


@requires(VIEW_DASHBOARD)
def figure_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """One figure's table as CSV, for the same dates and team as the page."""
    form = _filters(request)
    if not form.is_valid() or (slug not in selectors.FIGURES and slug != "backlog"):
        raise Http404
    data = form.cleaned_data
    found = selectors.figure(
        user=signed_in_user(request), slug=slug, start=data["start"], end=data["end"],
        team=data["team"],
    )  # fmt: skip
    filename = f"{slug}-{data['start']:%Y-%m-%d}-to-{data['end']:%Y-%m-%d}.csv"
    return csv_response(filename, found.columns, found.rows)


@requires(VIEW_DASHBOARD)
def backlog_csv(request: HttpRequest) -> HttpResponse:
    """Every open contact, oldest first (the whole list, not one page)."""
    form = _filters(request)
    if not form.is_valid():
        raise Http404
    shown: list[Contact] = []
    columns, rows = backlog_rows(
        user=signed_in_user(request), team=form.cleaned_data["team"], shown=shown
    )
    filename = f"open-contacts-{timezone.localdate():%Y-%m-%d}.csv"
    response = csv_response(filename, columns, rows)  # reads every row, filling `shown`
    contacts_shown(request=request, contacts=shown)
    return response


@requires(VIEW_DASHBOARD)
def data_quality(request: HttpRequest) -> HttpResponse:
    """Records that would fail a return or an inspection, each linking to the record."""
    sections, named = [], []
    user = signed_in_user(request)
    for check in data_quality_checks(user=user):
        shown: list[Problem] = []
        count = 0
        for problem in check.find():
            if count < DATA_QUALITY_SHOWN:
                shown.extend(as_seen([problem], viewer=user))
            count += 1
        sections.append({"check": check, "shown": shown, "count": count})
        named.extend(shown)
    records_shown(request=request, problems=named)
    context = {"sections": sections, "limit": DATA_QUALITY_SHOWN}
    return render(request, "reporting/data_quality.html", context)


@requires(VIEW_DASHBOARD)
def data_quality_csv(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    checks = {c.slug: c for c in data_quality_checks(user=user)}
    if slug not in checks or slug not in CHECKS_BY_SLUG:
        raise Http404
    found = list(as_seen(checks[slug].find(), viewer=user))
    rows = ((p.record, p.detail, request.build_absolute_uri(p.url) if p.url else "") for p in found)
    filename = f"data-quality-{slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response = csv_response(filename, ["Record", "Problem", "Link"], rows)
    records_shown(request=request, problems=found)
    return response
