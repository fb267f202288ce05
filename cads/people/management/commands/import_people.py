"""`python manage.py import_people FILE.csv [--source NAME] [--errors ERRORS.csv]`: load people
from a partner's list (docs/people-bulk-matching.md). Bad rows are listed, never dropped."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cads.authority.selectors import authority_configuration
from cads.people.bulk import BulkFileError, import_rows, read_rows
from cads.people.bulk.report import ErrorReport, check_written_paths


class Command(BaseCommand):
    help = (
        "Create a person for each valid row of a CSV file (columns: external_id, given_name, "
        "family_name, date_of_birth, sex, address, postcode, nhs_number, upn). Rows with "
        "invalid values are listed with their row number and not loaded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV file with a header row")
        parser.add_argument(
            "--source",
            default="",
            help="name of the system the list came from (e.g. police); each row's external_id "
            "is kept as that system's identifier, and rows already imported are skipped",
        )
        parser.add_argument("--errors", help="also write the rows not loaded to this CSV file")

    def handle(self, *args: Any, file: str, source: str, errors: str | None, **opts: Any) -> None:
        source = source.strip()
        if not source:
            # Without a source nothing records that a row was loaded, so a re-run repeats it.
            self.stderr.write("No --source given: running this import again adds everyone again")
        try:
            check_written_paths(file, errors=errors)
            rows = read_rows(file, la_codes=[authority_configuration().la_code])
            with ErrorReport(self.stderr.write, errors) as report:
                summary = import_rows(rows, source=source, on_error=report)
        except (BulkFileError, OSError) as exc:
            raise CommandError(f"{file}: {exc}") from exc
        from_source = f" from {source}" if source else ""
        self.stdout.write(
            f"Created {summary.created} people and {summary.households} households; "
            f"skipped {summary.skipped} already imported{from_source}; "
            f"{len(summary.errors)} rows with errors not loaded"
            + (" (listed above)" if summary.errors else "")
        )
