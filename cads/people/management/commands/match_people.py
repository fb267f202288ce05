"""`python manage.py match_people FILE.csv --output OUT.csv [--workers N]`: find the best
candidate on the register for each row of a partner's list, changing nothing
(docs/people-bulk-matching.md)."""

from __future__ import annotations

import csv
import time
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cads.authority.selectors import authority_configuration
from cads.people.bulk import OUTPUT_COLUMNS, BulkFileError, RowError, match_rows, read_rows
from cads.people.bulk.report import ErrorReport, check_written_paths


class Command(BaseCommand):
    help = (
        "Match each row of a CSV file against the register and write the best candidate per "
        "row (external_id, person_id, person_external_id, band, score, reasons). Read only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV file with a header row")
        parser.add_argument("--output", required=True, help="CSV file to write the matches to")
        parser.add_argument("--errors", help="also write the rows not checked to this CSV file")
        parser.add_argument(
            "--workers", type=int, default=1, help="processes to match with (default 1)"
        )
        parser.add_argument(
            "--source", default="", help="show the matched person's identifier from this source"
        )

    def handle(self, *args: Any, file: str, output: str, **options: Any) -> None:
        if options["workers"] < 1:
            raise CommandError("--workers must be 1 or more")
        started = time.perf_counter()
        try:
            check_written_paths(file, output=output, errors=options["errors"])
            rows = read_rows(
                file, la_codes=[authority_configuration().la_code], impossible_date_missing=True
            )
            with (
                ErrorReport(self.stderr.write, options["errors"]) as report,
                open(output, "w", encoding="utf-8", newline="") as out,
            ):
                bands = self._write(rows, out, report, options)
        except (BulkFileError, OSError) as exc:
            raise CommandError(f"{file}: {exc}") from exc
        self._summarise(bands, report, time.perf_counter() - started)

    def _write(self, rows: Any, out: Any, report: ErrorReport, options: Any) -> Counter[str]:
        writer = csv.DictWriter(out, fieldnames=OUTPUT_COLUMNS)
        writer.writeheader()
        bands: Counter[str] = Counter()
        results = match_rows(rows, workers=options["workers"], source=options["source"].strip())
        for result in results:
            writer.writerow(result.as_output())
            if isinstance(result.row, RowError):
                report(result.row)
                continue
            bands[result.band or "none"] += 1
            for warning in result.row.warnings:
                report.warn(result.row, warning)
        return bands

    def _summarise(self, bands: Counter[str], report: ErrorReport, seconds: float) -> None:
        errors, warned = report.count, report.warned
        total = bands.total() + errors
        matched = total - bands["none"] - errors
        self.stdout.write(
            f"Matched {matched} of {total} rows (certain {bands['certain']}, likely "
            f"{bands['likely']}, possible {bands['possible']}); no candidate for {bands['none']}; "
            f"{errors} rows with errors not checked"
            + (" (listed above)" if errors else "")
            + (f"; {warned} rows matched with a warning (listed above)" if warned else "")
            + f"; {total / seconds if seconds else 0:.0f} rows/s"
        )
