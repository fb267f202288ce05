"""Merging two records of one person, and undoing it.

A merge moves every link that points at the merged record onto the kept one. The links are
found from Django's model metadata, not from a list, so a table a later app adds (contacts,
case notes) moves too without this module knowing about it. Only the tables in `NOT_MOVED`
stay behind: the audit trail, the search keys (rebuilt instead) and the merge bookkeeping.

Every row moved is written to `Merge.moved` with the values it had, so an undo puts back
exactly those rows. Where a moved row would break a constraint because the kept record
already has the same link (both records had the same mother, say), the merged record's copy
is removed and kept, serialised, in `Merge.moved`; undo recreates it with the same id.

The case events of a merged record are not moved (the audit tables refuse UPDATE);
`person_timeline` shows them on the kept record's timeline while the merge stands.
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import IntegrityError, models, transaction
from django.db.models import ForeignObjectRel, ProtectedError, Q, QuerySet, RestrictedError
from django.db.models.deletion import Collector
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.models import CaseEvent
from cads.audit.services import case_event_record
from cads.people.matching.keys import name_keys_refresh
from cads.people.models import (
    BreakGlassAccess,
    DuplicateCandidate,
    DuplicateStatus,
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


def _rows_pointing_at(person: Person) -> Iterator[tuple[models.Model, list[Link]]]:
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


def _describe(row: models.Model) -> str:
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
        f"Both records have this link ({_describe(row)}) and other information hangs off "
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


def _move_row(row: models.Model, links: list[Link], kept: Person) -> dict[str, Any]:
    """Point the row at `kept`; if the kept record already has the same link, remove the
    merged record's copy instead. Returns the entry undo needs."""
    model = type(row)
    new = _new_values(row, links, kept)
    old = {attname: getattr(row, attname) for attname in new}
    entry: dict[str, Any] = {
        "model": model._meta.label_lower,
        "pk": str(row.pk),
        "label": _describe(row),
    }
    try:
        with transaction.atomic():
            model._default_manager.filter(pk=row.pk).update(**new)
    except IntegrityError as error:
        if not _is_duplicate(row, error):
            raise MergeError(
                f"{_describe(row)} cannot be moved to the kept record. Correct it first."
            ) from error
        entry.update(action=COMBINED, row=_serialised(row))
        _remove_duplicate(row)
        return entry
    changes = {k: [_plain(old[k]), _plain(v)] for k, v in new.items() if old[k] != v}
    entry.update(action=MOVED, changes=changes)
    return entry


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, uuid.UUID) else value


def _lock_pair(*people: Person) -> dict[uuid.UUID, Person]:
    ids = sorted((p.pk for p in people), key=str)
    return {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def _check_mergeable(kept: Person, merged: Person) -> None:
    if kept.pk == merged.pk:
        raise MergeError("Choose two different records")
    for person in (kept, merged):
        if person.merged_into_id is not None:
            raise MergeError(f"{person.full_name} ({person.la_child_id}) is already merged")
    if merged.restricted and not kept.restricted:
        raise MergeError(
            "The record being merged is restricted. Restrict the record you keep first, "
            "so the restriction still protects this person after the merge"
        )


def _pair_candidate(a: Person, b: Person) -> QuerySet[DuplicateCandidate]:
    first, second = sorted((a.pk, b.pk), key=str)
    return DuplicateCandidate.objects.filter(person_a_id=first, person_b_id=second)


def moved_summary(entries: list[dict[str, Any]], action: str) -> list[tuple[str, int]]:
    """("relationships", 2)-style counts of the entries with `action`, for pages."""
    counts = Counter(e["model"] for e in entries if e["action"] == action)
    return [(_plural(label), n) for label, n in sorted(counts.items())]


def _plural(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name_plural)
    except LookupError:
        return label


@transaction.atomic
def person_merge(*, actor: User, kept: Person, merged: Person, reason: str) -> Merge:
    """Fold `merged` into `kept`: every link moves, `merged` points at `kept` and drops out
    of searches, the pair leaves the review queue, and both timelines record it."""
    locked = _lock_pair(kept, merged)
    kept, merged = locked[kept.pk], locked[merged.pk]
    _check_mergeable(kept, merged)
    entries = [_move_row(row, links, kept) for row, links in _rows_pointing_at(merged)]
    Person.objects.filter(pk=merged.pk).update(merged_into=kept, version=merged.version + 1)
    merged.merged_into, merged.version = kept, merged.version + 1
    merge = Merge.objects.create(
        kept=kept, merged=merged, moved=entries, reason=reason, merged_by=actor
    )
    _pair_candidate(kept, merged).update(
        status=DuplicateStatus.MERGED,
        decided_by=actor,
        decided_at=timezone.now(),
        decision_reason=reason,
    )
    summary = {
        "merge": str(merge.pk),
        "moved": dict(moved_summary(entries, MOVED)),
        "combined": dict(moved_summary(entries, COMBINED)),
    }
    case_event_record(
        subject=kept,
        actor=actor,
        kind="person.merge_kept",
        new={"merged": str(merged.pk), "merged_la_child_id": merged.la_child_id, **summary},
        reason=reason,
    )
    case_event_record(
        subject=merged,
        actor=actor,
        kind="person.merged_into",
        new={"kept": str(kept.pk), "kept_la_child_id": kept.la_child_id, **summary},
        reason=reason,
    )
    name_keys_refresh(merged)
    name_keys_refresh(kept)
    return merge


def _move_back(entry: dict[str, Any]) -> bool:
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


def _recreate(entry: dict[str, Any]) -> bool:
    """Bring back a row the merge removed as a duplicate, with its original id."""
    try:
        with transaction.atomic():
            for obj in serializers.deserialize("python", [entry["row"]]):
                obj.save()
    except IntegrityError:
        return False
    return True


def _check_undoable(merge: Merge, kept: Person, merged: Person) -> None:
    if merge.undone_at is not None:
        raise MergeError("This merge has already been undone")
    if kept.merged_into_id is not None:
        later = Person.objects.get(pk=kept.merged_into_id)
        raise MergeError(
            "The kept record has since been merged into another record "
            f"({later.full_name}, LA child ID {later.la_child_id}). Undo that merge first"
        )
    if merged.merged_into_id != kept.pk:
        raise MergeError("The merged record no longer points at the kept record")


@transaction.atomic
def merge_undo(*, actor: User, merge: Merge, reason: str) -> Merge:
    """Undo a merge: exactly the rows it moved go back, removed duplicates come back with
    their ids, the merged record is searchable again and the pair returns to the queue."""
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    locked = _lock_pair(merge.kept, merge.merged)
    kept, merged = locked[merge.kept_id], locked[merge.merged_id]
    _check_undoable(merge, kept, merged)
    Person.objects.filter(pk=merged.pk).update(merged_into=None, version=merged.version + 1)
    merged.merged_into, merged.version = None, merged.version + 1
    restored: dict[int, bool] = {}
    # Moved rows go back first, last moved first; then the removed duplicates come back
    # (their twins on the kept record stay where they are).
    for index in reversed(range(len(merge.moved))):
        if merge.moved[index]["action"] == MOVED:
            restored[index] = _move_back(merge.moved[index])
    for index, entry in enumerate(merge.moved):
        if entry["action"] == COMBINED:
            restored[index] = _recreate(entry)
    merge.moved = [{**e, "restored": restored[i]} for i, e in enumerate(merge.moved)]
    not_restored = [e["label"] for e in merge.moved if not e["restored"]]
    merge.undone_by, merge.undone_at, merge.undo_reason = actor, timezone.now(), reason
    merge.save(update_fields=["moved", "undone_by", "undone_at", "undo_reason"])
    _pair_candidate(kept, merged).update(
        status=DuplicateStatus.OPEN, decided_by=None, decided_at=None, decision_reason=""
    )
    for subject, other, kind in (
        (kept, merged, "person.merge_undone"),
        (merged, kept, "person.unmerged"),
    ):
        case_event_record(
            subject=subject,
            actor=actor,
            kind=kind,
            new={"merge": str(merge.pk), "other": str(other.pk), "not_restored": not_restored},
            reason=reason,
        )
    name_keys_refresh(merged)
    name_keys_refresh(kept)
    return merge


def merged_record_ids(person: Person) -> list[uuid.UUID]:
    """The person and every record merged into it, directly or through earlier merges."""
    ids, frontier = [person.pk], [person.pk]
    while frontier:
        frontier = list(
            Person.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True)
        )
        ids.extend(frontier)
    return ids


def person_timeline(person: Person) -> QuerySet[CaseEvent]:
    """The person's case events with those of every record merged into them, newest first:
    a merge brings the merged record's history onto the kept record's timeline."""
    return CaseEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(Person),
        subject_id__in=[str(pk) for pk in merged_record_ids(person)],
    ).select_related("actor")


def merge_preview(merged: Person) -> list[tuple[str, int]]:
    """What a merge would move off `merged`: ("phone numbers", 2) per kind of link."""
    counts: Counter[str] = Counter()
    for row, _links in _rows_pointing_at(merged):
        counts[row._meta.label_lower] += 1
    return [(_plural(label), n) for label, n in sorted(counts.items())]
