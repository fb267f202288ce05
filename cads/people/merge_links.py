"""The rows a merge moves, one at a time (cads.people.merging does the whole merge).

Every foreign key to a person is found from Django's model metadata, not from a list, so a
table a later app adds (contacts, case notes) moves too without this module knowing about
it. Only the tables in `NOT_MOVED` stay behind: the audit trail, the search keys (rebuilt
instead) and the merge bookkeeping. Each move returns the entry undo needs: the values the
row had, or, where the kept record already had the same link, the removed row serialised so
undo can recreate it with its id.
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core import serializers
from django.db import IntegrityError, models, transaction
from django.db.models import ForeignObjectRel, ProtectedError, Q, RestrictedError
from django.db.models.deletion import Collector

from cads.people.models import (
    BreakGlassAccess,
    DuplicateCandidate,
    Merge,
    Person,
    PersonNameKey,
    RecordAccess,
    Relationship,
)
from cads.people.models.codes import SYMMETRIC_KINDS

# Tables pointing at a person that a merge leaves alone, and why.
NOT_MOVED: dict[type[models.Model], str] = {
    PersonNameKey: "search keys are rebuilt from the kept record's names",
    DuplicateCandidate: "the review queue's history of this pair",
    Merge: "the merge history itself",
    # A break-glass opening is a record of access to that record; moving it would also
    # open the kept record to someone who never gave a reason for it.
    BreakGlassAccess: "a record of who opened which record",
}
# Apps whose tables are audit trails: never rewritten, whatever links they add later.
NOT_MOVED_APPS = frozenset({"audit"})

MOVED = "moved"
COMBINED = "combined"
# PostgreSQL error codes (SQLSTATE class 23, integrity constraint violation).
UNIQUE_VIOLATION = "23505"
CHECK_VIOLATION = "23514"


class MergeError(Exception):
    """The merge or undo was refused; the message says why, in words for the user."""


@dataclass(frozen=True)
class Link:
    """One kind of link to a person: `model.field` points at Person."""

    model: type[models.Model]
    field: models.ForeignKey[Any, Any]

    @property
    def label(self) -> str:
        return str(self.model._meta.label_lower)


def person_links() -> list[Link]:
    """Every foreign key to Person a merge moves (including hidden `related_name="+"` ones,
    which `Person._meta.related_objects` leaves out)."""
    links = []
    for rel in Person._meta.get_fields(include_hidden=True):
        if not isinstance(rel, ForeignObjectRel) or rel.many_to_many:
            continue
        model = rel.related_model
        if not isinstance(model, type) or model in NOT_MOVED:
            continue
        if model._meta.app_label in NOT_MOVED_APPS:
            continue
        if isinstance(rel.field, models.ForeignKey):  # OneToOneField is a ForeignKey too
            links.append(Link(model, rel.field))
    return links


def _links_by_model() -> dict[type[models.Model], list[Link]]:
    grouped: dict[type[models.Model], list[Link]] = {}
    for link in person_links():
        grouped.setdefault(link.model, []).append(link)
    return grouped


def rows_pointing_at(person: Person) -> Iterator[tuple[models.Model, list[Link]]]:
    """Each row that points at `person`, with the link fields that do."""
    for model, links in _links_by_model().items():
        condition = Q()
        for link in links:
            condition |= Q(**{link.field.name: person.pk})
        for row in model._default_manager.filter(condition).order_by("pk"):
            yield row, [ln for ln in links if getattr(row, ln.field.attname) == person.pk]


def _new_values(row: models.Model, links: list[Link], kept: Person) -> dict[str, Any]:
    """The link values the row will have once moved (attname -> value)."""
    values = {link.field.attname: kept.pk for link in links}
    if isinstance(row, Relationship) and row.kind in SYMMETRIC_KINDS:
        # Siblings are stored once, lower id first (services.relationship_add); keep it so,
        # so a sibling link both records had is seen as the same link.
        ends = (
            values.get("from_person_id", row.from_person_id),
            values.get("to_person_id", row.to_person_id),
        )
        first, second = sorted(ends, key=str)
        values = {"from_person_id": first, "to_person_id": second}
    return values


def _serialised(row: models.Model) -> dict[str, Any]:
    """The row as plain JSON, times to the microsecond (Django's JSON serialiser keeps
    milliseconds only, and undo must bring the row back exactly)."""
    data = serializers.serialize("python", [row])[0]
    plain: dict[str, Any] = json.loads(json.dumps(data, default=_json_value))
    return plain


def _json_value(value: Any) -> str:
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _remove_duplicate(row: models.Model) -> None:
    """Delete a row the kept record already has, refusing if anything else would go with it
    (undo could not bring that back)."""
    collector = Collector(using=row._state.db or "default")
    try:
        collector.collect([row])
    except (ProtectedError, RestrictedError) as error:
        raise MergeError(_cannot_combine(row)) from error
    others = sum(len(objs) for model, objs in collector.data.items() if model is not type(row))
    cascades = any(qs.exists() for qs in collector.fast_deletes)
    if others or cascades:
        raise MergeError(_cannot_combine(row))
    type(row)._default_manager.filter(pk=row.pk).delete()


def describe(row: models.Model) -> str:
    """The row in words for the merge record page ("Relationship: Sarah Hollis, parent or
    carer of Amelia Hollis")."""
    kind = str(row._meta.verbose_name).capitalize()
    if isinstance(row, Relationship):
        return (
            f"{kind}: {row.from_person.full_name}, {row.get_kind_display().lower()} of "
            f"{row.to_person.full_name}"
        )
    if isinstance(row, RecordAccess):
        return f"Access list: {row.user.get_full_name() or row.user.username}"
    return f"{kind}: {row}"


def _cannot_combine(row: models.Model) -> str:
    return (
        f"Both records have this link ({describe(row)}) and other information hangs off "
        "it, so it cannot be combined automatically. Remove one of them first."
    )


def _is_duplicate(row: models.Model, error: IntegrityError) -> bool:
    """The move failed because the kept record already has the same link (a unique
    constraint), or because a relationship would join the person to themself (the two
    records were linked as siblings, say). Any other refusal, such as a later table's
    check that a contact's referrer is not its subject, must not lose the row."""
    sqlstate = getattr(error.__cause__, "sqlstate", None)
    if sqlstate == UNIQUE_VIOLATION:
        return True
    return sqlstate == CHECK_VIOLATION and isinstance(row, Relationship)


def move_row(row: models.Model, links: list[Link], kept: Person) -> dict[str, Any]:
    """Point the row at `kept`; if the kept record already has the same link, remove the
    merged record's copy instead. Returns the entry undo needs."""
    model = type(row)
    new = _new_values(row, links, kept)
    old = {attname: getattr(row, attname) for attname in new}
    entry: dict[str, Any] = {
        "model": model._meta.label_lower,
        "pk": str(row.pk),
        "label": describe(row),
    }
    try:
        with transaction.atomic():
            model._default_manager.filter(pk=row.pk).update(**new)
    except IntegrityError as error:
        if not _is_duplicate(row, error):
            raise MergeError(
                f"{describe(row)} cannot be moved to the kept record. Correct it first."
            ) from error
        entry.update(action=COMBINED, row=_serialised(row))
        _remove_duplicate(row)
        return entry
    changes = {k: [_plain(old[k]), _plain(v)] for k, v in new.items() if old[k] != v}
    entry.update(action=MOVED, changes=changes)
    return entry


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, uuid.UUID) else value


def move_back(entry: dict[str, Any]) -> bool:
    """Put one moved row back; False when it was changed or removed since the merge."""
    model = apps.get_model(entry["model"])
    now = {attname: new for attname, (_old, new) in entry["changes"].items()}
    before = {attname: old for attname, (old, _new) in entry["changes"].items()}
    if not now:
        return True
    try:
        with transaction.atomic():
            return bool(model._default_manager.filter(pk=entry["pk"], **now).update(**before))
    except IntegrityError:  # the merged record has gained the same link since
        return False


def recreate(entry: dict[str, Any]) -> bool:
    """Bring back a row the merge removed as a duplicate, with its original id."""
    try:
        with transaction.atomic():
            for obj in serializers.deserialize("python", [entry["row"]]):
                obj.save()
    except IntegrityError:
        return False
    return True
