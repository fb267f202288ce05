"""The statutory returns pages: the CIN census (check, then download) and Ofsted Annex A."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path
from typing import Any, cast

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from cads.accounts.roles import EXPORT_RETURNS
from cads.accounts.selectors import signed_in_user
from cads.core.access import requires
from cads.returns.census_rules import RULES
from cads.returns.forms import AnnexAForm, CensusForm, open_collection_year
from cads.returns.report import ValidationReport
from cads.returns.selectors import census_has_children, cin_census_check, recent_exports
from cads.returns.services import EMPTY_CENSUS, annex_a_export, cin_census_export

XML = "application/xml"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scratch(suffix: str) -> Path:
    return Path(tempfile.gettempdir()) / f"cads-return-{uuid.uuid4().hex}{suffix}"


def _download(path: Path, filename: str, content_type: str) -> HttpResponse:
    """Stream the file; it is unlinked at once (the open handle keeps it readable)."""
    stream = path.open("rb")
    path.unlink()
    response = FileResponse(
        stream, as_attachment=True, filename=filename, content_type=content_type
    )
    # A streaming response, not an HttpResponse; cads.core.access types views by the latter.
    return cast(HttpResponse, response)


@requires(EXPORT_RETURNS)
def returns_index(request: HttpRequest) -> HttpResponse:
    return render(request, "returns/index.html", {"exports": recent_exports()})


def _census_page(
    request: HttpRequest,
    form: CensusForm,
    report: ValidationReport | None = None,
    *,
    checked: bool = False,
    empty: bool = False,
) -> HttpResponse:
    context: dict[str, Any] = {"form": form, "report": report, "checked": checked, "empty": empty}
    if report is not None:
        counts = report.counts
        context["rule_counts"] = [(rule, counts[rule.code]) for rule in RULES if counts[rule.code]]
    return render(request, "returns/cin_census.html", context)


@requires(EXPORT_RETURNS)
def cin_census(request: HttpRequest) -> HttpResponse:
    """ "Check" lists every failure of the DfE rules by child; "Download" exports, refused
    while errors remain unless the manager ticks the box to force it."""
    if request.method != "POST":
        return _census_page(request, CensusForm(initial={"year": open_collection_year()}))
    form = CensusForm(request.POST)
    if not form.is_valid():
        return _census_page(request, form)
    year = form.cleaned_data["year"]
    if not census_has_children(year=year):
        # DfE's schema needs at least one child: an empty census is never written.
        if request.POST.get("action") == "download":
            form.add_error(
                "year",
                f"There are no children in the census for 1 April {year - 1} to 31 March "
                f"{year}, so there is nothing to download",
            )
        return _census_page(request, form, checked=True, empty=True)
    if request.POST.get("action") != "download":
        return _census_page(request, form, cin_census_check(year=year), checked=True)
    return _census_download(request, form, year)


def _census_download(request: HttpRequest, form: CensusForm, year: int) -> HttpResponse:
    """The census file, or the page again with why it was refused (an empty year, which may
    have emptied since it was checked; errors not forced)."""
    path = _scratch(".xml")
    result = cin_census_export(
        actor=signed_in_user(request), year=year, output=path, force=form.cleaned_data["force"]
    )
    if result.empty:
        form.add_error("year", EMPTY_CENSUS)
        return _census_page(request, form)
    if result.blocked:
        errors = result.report.errors
        form.add_error(
            "force",
            f"The checks found {errors} error{'s' if errors != 1 else ''}: fix the records "
            "listed below, or tick this box to export anyway",
        )
        return _census_page(request, form, result.report, checked=True)
    return _download(path, f"cin-census-{year}.xml", XML)


@requires(EXPORT_RETURNS)
def annex_a(request: HttpRequest) -> HttpResponse:
    form = AnnexAForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        as_of = form.cleaned_data["as_of"]
        path = _scratch(".xlsx")
        annex_a_export(actor=signed_in_user(request), as_of=as_of, output=path)
        return _download(path, f"annex-a-{as_of.isoformat()}.xlsx", XLSX)
    return render(request, "returns/annex_a.html", {"form": form})
