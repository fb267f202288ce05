"""Reads for the returns pages."""

from __future__ import annotations

from django.db.models import QuerySet

from cads.authority.selectors import authority_configuration
from cads.returns.census_checks_return import ReturnTally
from cads.returns.census_data import CensusYear, census_children, census_people, census_year
from cads.returns.census_rules import failed_return_rules, failed_rules
from cads.returns.models import ReturnExport
from cads.returns.report import ValidationReport


def recent_exports(limit: int = 20) -> QuerySet[ReturnExport]:
    """The latest exports, newest first, with who made them."""
    return ReturnExport.objects.select_related("exported_by")[:limit]


def census_has_children(*, year: int) -> bool:
    """Whether any child is in the return for the collection year ending 31 March `year`
    (a child with a referral in the year or a case open on 1 April)."""
    return census_people(CensusYear(year=year, la_code="")).exists()


def cin_census_check(*, year: int) -> ValidationReport:
    """Check every child of the census year against the DfE rules, then the return as a
    whole, without writing a file."""
    census = census_year(year, authority_configuration().la_code)
    report, tally = ValidationReport(), ReturnTally()
    for child in census_children(census):
        report.add(child, failed_rules(child, census))
        tally.add(child)
    report.add_return(failed_return_rules(tally))
    return report
