"""Read a CADS Annex A workbook (lists 1 to 5) the way many councils read theirs: with
liiatools' Annex A cleaner (`liiatools annex-a cleanfile`, package liiatools 0.2.0). Run with
liiatools' own environment (`make liiatools`), never CADS's: it pins pandas below 2.

liiatools wants all eleven lists, as a council's combined workbook has them; lists 6 to 11
come from the case system, so this adds them empty, with liiatools' own headings, to a copy.
Prints JSON: for each list, the cells liiatools could not read (a code it did not know, a
date it could not parse: `formatting_error`) or found blank where a value is required
(`blank_error`), as [list, cell, column heading, value].

    .venv-liia/bin/python tests/liiatools/check_annex_a.py annex-a.xlsx
"""

from __future__ import annotations

import importlib
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any


def _complete(source: Path, target: Path) -> None:
    openpyxl = importlib.import_module("openpyxl")
    yaml = importlib.import_module("yaml")
    spec = Path(importlib.import_module("liiatools.spec.annex_a").__file__ or "").parent
    lists = yaml.safe_load((spec / "annex-a-merge.yml").read_text())["datasources"]
    shutil.copy(source, target)
    workbook = openpyxl.load_workbook(target)
    for name, columns in lists.items():
        if name not in workbook.sheetnames:
            workbook.create_sheet(name).append(list(columns))
    workbook.save(target)


def _problems(path: Path) -> list[list[Any]]:
    """The cleaner's stream, as `cleanfile` runs it, keeping the cells it flags."""
    parser = importlib.import_module("sfdata_stream_parser.parser.openpyxl")
    events = importlib.import_module("sfdata_stream_parser.events")
    headers = importlib.import_module("sfdata_stream_parser.filters.column_headers")
    clean = "liiatools.datasets.annex_a.lds_annexa_clean"
    config_module = importlib.import_module(f"{clean}.configuration")
    cleaner = importlib.import_module(f"{clean}.cleaner")
    degrade = importlib.import_module(f"{clean}.degrade")
    logger = importlib.import_module(f"{clean}.logger")
    stream = parser.parse_sheets(str(path))
    stream = [ev.from_event(ev, la_code="bar", filename=path.stem) for ev in stream]
    stream = headers.promote_first_row(stream)
    stream = config_module.configure_stream(stream, config_module.Config())
    stream = logger.log_errors(degrade.degrade(cleaner.clean(stream)))
    found = []
    for event in stream:
        if not isinstance(event, events.Cell):
            continue
        if "1" in (getattr(event, "formatting_error", "0"), getattr(event, "blank_error", "0")):
            value = getattr(event, "value", None)
            found.append([event.sheet_name, event.excel_location, event.column_header, str(value)])
    return found


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        combined = Path(folder) / "annex-a.xlsx"
        _complete(Path(sys.argv[1]), combined)
        json.dump(_problems(combined), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
