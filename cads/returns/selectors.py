"""Reads for the returns pages."""

from __future__ import annotations

from django.db.models import QuerySet

from cads.authority.selectors import authority_configuration
from cads.returns.census_data import census_children, census_year
from cads.returns.census_rules import failed_rules
from cads.returns.models import ReturnExport
from cads.returns.report import ValidationReport


def recent_exports(limit: int = 20) -> QuerySet[ReturnExport]:
    """The latest exports, newest first, with who made them."""
    return ReturnExport.objects.select_related("exported_by")[:limit]


def cin_census_check(*, year: int) -> ValidationReport:
    """Check every child of the census year against the DfE rules without writing a file."""
    census = census_year(year, authority_configuration().la_code)
    report = ValidationReport()
    for child in census_children(census):
        report.add(child, failed_rules(child, census))
    return report
