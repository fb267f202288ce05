"""Cells safe to open in a spreadsheet: used by every CSV and workbook CADS writes."""

from __future__ import annotations

# OWASP CSV injection: a cell a spreadsheet would run as a formula is prefixed with '.
# Workbooks too: openpyxl writes a string starting with "=" as a live formula, and a cell
# starting with + - @ becomes one as soon as somebody edits it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: object) -> object:
    """`value`, with text a spreadsheet would run as a formula turned into plain text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
