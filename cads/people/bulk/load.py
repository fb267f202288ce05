"""Loading people from a partner's list: one audited person per valid row, households shared
by rows with the same address, and the partner's own identifier kept for re-runs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from cads.audit.services import case_event_record
from cads.people.bulk.rows import PersonRow, RowError, RowResult
from cads.people.identifiers import NO_FIXED_ABODE
from cads.people.models import ExternalIdentifier, Household, Person
from cads.people.services import household_create, person_create


@dataclass
class ImportSummary:
    """What an import did: people and households created, rows already imported, errors."""

    created: int = 0
    households: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)


def import_rows(
    rows: Iterable[RowResult],
    *,
    source: str = "",
    on_error: Callable[[RowError], None] = lambda error: None,
) -> ImportSummary:
    """Create a person (audited) for each valid row; rows whose external_id is already held
    from `source` are skipped, so running the same import twice creates nobody new."""
    summary = ImportSummary()
    households: dict[tuple[str, str], Household] = {}
    seen: dict[str, int] = {}
    for result in rows:
        problem = result if isinstance(result, RowError) else _import_problem(result, source, seen)
        if problem is None and isinstance(result, PersonRow):
            problem = _import_one(result, source=source, households=households, summary=summary)
        if problem is not None:
            summary.errors.append(problem)
            on_error(problem)
    return summary


def _import_problem(row: PersonRow, source: str, seen: dict[str, int]) -> RowError | None:
    reason = ""
    if not (row.given_name or row.family_name):
        reason = "Enter a given_name or a family_name"
    elif source and not row.external_id:
        reason = f"Enter an external_id: --source {source} keeps one for every person"
    elif row.external_id in seen:
        reason = f"external_id {row.external_id} is also on row {seen[row.external_id]}"
    if row.external_id:
        seen.setdefault(row.external_id, row.row_number)
    return RowError(row.row_number, row.external_id, reason) if reason else None


def _household_key(row: PersonRow) -> tuple[str, str] | None:
    """Addresses typed alike in one file share a household: case, commas and spaces ignored."""
    address = " ".join(re.sub(r"[^\w\s]", " ", row.address).lower().split())
    return (address, row.postcode) if address or row.postcode else None


def _import_one(
    row: PersonRow,
    *,
    source: str,
    households: dict[tuple[str, str], Household],
    summary: ImportSummary,
) -> RowError | None:
    if source and ExternalIdentifier.objects.filter(source=source, value=row.external_id).exists():
        summary.skipped += 1
        return None
    key = _household_key(row)
    household = households.get(key) if key else None
    try:
        with transaction.atomic():
            new_household = _household_for(row) if key and household is None else None
            person = person_create(
                actor=None,
                household=household or new_household,
                given_name=row.given_name,
                family_name=row.family_name,
                date_of_birth=row.date_of_birth,
                sex=row.sex,
                nhs_number=row.nhs_number,
                upn=row.upn,
            )
            if source:
                external_identifier_add(person=person, source=source, value=row.external_id)
    except IntegrityError:
        if not source:
            raise
        # Another run from the same source kept this external_id first; this row is undone.
        return RowError(
            row.row_number, row.external_id, "external_id was imported by another run meanwhile"
        )
    # Remembered only once committed, so a rolled-back household is never reused.
    if key and new_household is not None:
        households[key] = new_household
        summary.households += 1
    summary.created += 1
    return None


def _household_for(row: PersonRow) -> Household:
    no_fixed_abode = row.postcode == NO_FIXED_ABODE
    return household_create(
        actor=None,
        address=row.address,
        postcode="" if no_fixed_abode else row.postcode,
        no_fixed_abode=no_fixed_abode,
    )


@transaction.atomic
def external_identifier_add(*, person: Person, source: str, value: str) -> ExternalIdentifier:
    """Keep another system's identifier for a person, on the person's timeline."""
    identifier = ExternalIdentifier.objects.create(person=person, source=source, value=value)
    case_event_record(
        subject=person,
        actor=None,
        kind="person.identifier_added",
        new={"source": source, "value": value},
    )
    return identifier
