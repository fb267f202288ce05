"""Reporting bad rows as they are found: to the command's error stream and, when asked, to an
errors CSV the sender can fix and send again."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from cads.people.bulk.rows import ERROR_COLUMNS, BulkFileError, PersonRow, RowError


class ErrorReport:
    """Callable for `on_error`: writes "Row 7 (external_id P-7): reason" and counts."""

    def __init__(self, write: Callable[[str], Any], path: str | Path | None = None) -> None:
        self.write = write
        self.path = path
        self.count = 0
        self.warned = 0  # rows used with a warning (a value left out of the search)
        self._file: IO[str] | None = None
        self._csv: Any = None

    def __enter__(self) -> ErrorReport:
        if self.path:
            self._file = open(self.path, "w", encoding="utf-8", newline="")
            self._csv = csv.writer(self._file)
            self._csv.writerow(ERROR_COLUMNS)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._file is not None:
            self._file.close()

    def __call__(self, error: RowError) -> None:
        self.count += 1
        self.write(f"Row {error.row_number}{_label(error.external_id)}: {error.reason}")
        if self._csv is not None:
            self._csv.writerow([error.row_number, error.external_id, error.reason])

    def warn(self, row: PersonRow, warning: str) -> None:
        """A row that was used with a value left out: said on the error stream only (the
        errors file lists rows not checked; the output file's warnings column has it)."""
        if warning == row.warnings[0]:
            self.warned += 1
        self.write(f"Row {row.row_number}{_label(row.external_id)}: warning: {warning}")


def _label(external_id: str) -> str:
    return f" (external_id {external_id})" if external_id else ""


def check_written_paths(file: str | Path, **written: str | Path | None) -> None:
    """Refuse an output that is the input file (opening it would empty the list before it is
    read) or another output; `written` maps option names to paths."""
    seen = {Path(file).resolve(): "the input file"}
    for option, path in written.items():
        if not path:
            continue
        resolved = Path(path).resolve()
        if resolved in seen:
            raise BulkFileError(f"--{option} must not be {seen[resolved]}")
        seen[resolved] = f"the --{option} file"
