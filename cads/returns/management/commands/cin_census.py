"""`python manage.py cin_census --year 2026 --output cin-2026.xml [--force]`: the DfE
children in need census for the collection year ending 31 March 2026."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cads.returns.census_rules import ERROR
from cads.returns.services import EMPTY_CENSUS, ExportResult, cin_census_export


class Command(BaseCommand):
    help = "Export the CIN census XML for a collection year (ending 31 March of --year)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Year ending 31 March")
        parser.add_argument("--output", required=True, help="The XML file to write")
        parser.add_argument(
            "--force", action="store_true", help="Write the file even if DfE rules find errors"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year, output = options["year"], Path(options["output"])
        if not 2000 <= year <= 2100:
            raise CommandError("Enter the collection year as 4 digits, like 2026")
        if not output.parent.is_dir():
            raise CommandError(f"There is no folder {output.parent} to write the file in")
        result = cin_census_export(actor=None, year=year, output=output, force=options["force"])
        self._report(result)
        if result.empty:
            raise CommandError(EMPTY_CENSUS)
        if result.blocked:
            raise CommandError(
                f"{result.report.errors} error(s) found: no file written. Fix the records "
                "listed above, or run again with --force"
            )
        export = result.export
        if export is not None:
            children = f"{result.rows} {'child' if result.rows == 1 else 'children'}"
            self.stdout.write(f"Wrote {children} to {output} (sha256 {export.sha256})")

    def _report(self, result: ExportResult) -> None:
        report = result.report
        for failure in report.failures:
            kind = "Error" if failure.rule.severity == ERROR else "Query"
            self.stderr.write(
                f"{kind} {failure.rule.code}: {failure.rule.message} "
                f"[{failure.la_child_id or 'no LA child ID'} {failure.name}, "
                f"person {failure.person_id}]"
            )
        if report.truncated:
            self.stderr.write(f"… and more; counts by rule: {dict(report.counts)}")
        for rule in report.return_failures:
            kind = "Error" if rule.severity == ERROR else "Query"
            self.stderr.write(f"{kind} {rule.code}: {rule.message} [the whole return]")
        self.stderr.write(f"{report.errors} error(s), {report.queries} query(ies)")
