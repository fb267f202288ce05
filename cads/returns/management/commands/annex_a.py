"""`python manage.py annex_a --as-of 2026-11-30 --output annex-a.xlsx`: Ofsted Annex A
lists 1 to 3 for the six months before the date of inspection."""

from __future__ import annotations

import datetime
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cads.returns.services import annex_a_export


class Command(BaseCommand):
    help = "Export Ofsted Annex A lists 1-3 (contacts, early help, referrals) as .xlsx."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--as-of", dest="as_of", required=True, help="Date of inspection, YYYY-MM-DD"
        )
        parser.add_argument("--output", required=True, help="The .xlsx file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = options["as_of"]
        if not isinstance(as_of, datetime.date):
            try:
                as_of = datetime.date.fromisoformat(str(as_of))
            except ValueError as error:
                raise CommandError("Enter the date as YYYY-MM-DD, like 2026-11-30") from error
        output = Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"There is no folder {output.parent} to write the file in")
        export = annex_a_export(actor=None, as_of=as_of, output=output)
        rows = f"{export.rows} row{'' if export.rows == 1 else 's'}"
        self.stdout.write(f"Wrote {rows} to {output} (sha256 {export.sha256})")
