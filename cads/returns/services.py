"""Making the statutory returns. Each export streams its file, then records a
`ReturnExport` (who, when, which period, SHA-256) and one audit event in one transaction:
an export is a disclosure of children's records, so it is an audited event."""

from __future__ import annotations

import datetime
import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.authority.selectors import authority_configuration
from cads.returns import annex_a, annex_a_enquiries
from cads.returns.census_checks_return import ReturnTally
from cads.returns.census_data import census_children, census_year
from cads.returns.census_rules import failed_return_rules, failed_rules
from cads.returns.census_xml import CensusWriter
from cads.returns.models import ReturnExport, ReturnKind
from cads.returns.report import ValidationReport

# The DfE schema has Child minOccurs 1 in Children: a census with no children is no file.
EMPTY_CENSUS = (
    "There are no children in the census for this year: no referral in the year and no "
    "episode open on 1 April. Nothing was written"
)


@dataclass(frozen=True)
class ExportResult:
    rows: int
    report: ValidationReport
    export: ReturnExport | None  # None when errors blocked the export, or it was empty

    @property
    def blocked(self) -> bool:
        return self.export is None

    @property
    def empty(self) -> bool:
        return self.rows == 0


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _partial(output: Path) -> Path:
    """A file beside `output`, renamed over it only when the export succeeds."""
    return output.with_name(f".{output.name}.{uuid.uuid4().hex}.partial")


@transaction.atomic
def _record(
    *, actor: User | None, kind: str, period: str, path: Path, rows: int,
    report: ValidationReport | None = None, forced: bool = False,
) -> ReturnExport:  # fmt: skip
    export = ReturnExport.objects.create(
        kind=kind,
        period=period,
        exported_by=actor,
        sha256=file_sha256(path),
        size=path.stat().st_size,
        rows=rows,
        forced=forced and report is not None and report.errors > 0,
        errors=report.errors if report else 0,
        queries=report.queries if report else 0,
    )
    case_event_record(
        subject=export,
        actor=actor,
        kind="return.exported",
        new={
            "return": kind,
            "period": period,
            "sha256": export.sha256,
            "rows": rows,
            "forced": export.forced,
            "errors": export.errors,
            "queries": export.queries,
        },
    )
    return export


def cin_census_export(
    *, actor: User | None, year: int, output: Path, force: bool = False
) -> ExportResult:
    """Write the CIN census for the collection year ending 31 March `year` to `output`,
    checking every child against the DfE rules on the way, then the return as a whole.
    Errors leave no file behind unless `force`; queries never block."""
    census = census_year(year, authority_configuration().la_code)
    serial = ReturnExport.objects.filter(kind=ReturnKind.CIN_CENSUS, period=str(year)).count()
    partial, report, tally = _partial(output), ValidationReport(), ReturnTally()
    try:
        at = timezone.localtime()
        with (
            partial.open("wb") as stream,
            CensusWriter(stream, census, serial_no=serial + 1, at=at) as xml,
        ):
            for child in census_children(census):
                report.add(child, failed_rules(child, census))
                tally.add(child)
                xml.child(child)
        rows = tally.children
        report.add_return(failed_return_rules(tally))
        if rows == 0 or (report.errors and not force):
            return ExportResult(rows=rows, report=report, export=None)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    export = _record(
        actor=actor, kind=ReturnKind.CIN_CENSUS, period=str(year), path=output, rows=rows,
        report=report, forced=force,
    )  # fmt: skip
    return ExportResult(rows=rows, report=report, export=export)


def annex_a_export(*, actor: User | None, as_of: datetime.date, output: Path) -> ReturnExport:
    """Write Annex A lists 1 to 5 for the six months up to `as_of` to `output` (.xlsx)."""
    window = annex_a.Window(as_of)
    organisation = authority_configuration().authority_name
    partial = _partial(output)
    try:
        rows = annex_a.write_workbook(
            partial,
            (
                annex_a.list_1_rows(window),
                annex_a.list_2_rows(window, organisation),
                annex_a.list_3_rows(window),
                annex_a_enquiries.list_4_rows(window),
                annex_a_enquiries.list_5_rows(window),
            ),
        )
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return _record(
        actor=actor, kind=ReturnKind.ANNEX_A, period=as_of.isoformat(), path=output, rows=rows
    )
