"""Bulk loading and matching of partner lists: a police notification batch, a school roll,
NHS numbers for CP-IS (issue 3, "Bulk matching"; docs/people-bulk-matching.md).

`read_rows` turns a CSV file into checked rows, `import_rows` creates people from them and
`match_rows` finds the best candidate for each; the `import_people` and `match_people`
management commands are thin wrappers round these.
"""

from cads.people.bulk.load import ImportSummary, external_identifier_add, import_rows
from cads.people.bulk.match import MatchResult, match_batch, match_rows
from cads.people.bulk.rows import (
    COLUMNS,
    ERROR_COLUMNS,
    OUTPUT_COLUMNS,
    BulkFileError,
    PersonRow,
    RowError,
    RowResult,
    check_row,
    read_rows,
)

__all__ = [
    "COLUMNS",
    "ERROR_COLUMNS",
    "OUTPUT_COLUMNS",
    "BulkFileError",
    "ImportSummary",
    "MatchResult",
    "PersonRow",
    "RowError",
    "RowResult",
    "check_row",
    "external_identifier_add",
    "import_rows",
    "match_batch",
    "match_rows",
    "read_rows",
]
