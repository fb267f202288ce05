"""Merging two records of one person, and undoing it.

A merge moves every link that points at the merged record onto the kept one
(cads.people.merge_links finds and moves them). Every row moved is written to `Merge.moved`
with the values it had, so an undo puts back exactly those rows. Where a moved row would
break a constraint because the kept record already has the same link (both records had the
same mother, say), the merged record's copy is removed and kept, serialised, in
`Merge.moved`; undo recreates it with the same id.

The case events of a merged record are not moved (the audit tables refuse UPDATE);
`person_timeline` shows them on the kept record's timeline while the merge stands.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.models import CaseEvent
from cads.audit.services import case_event_record
from cads.people.matching.keys import name_keys_refresh
from cads.people.merge_links import (
    COMBINED,
    MOVED,
    MergeError,
    move_back,
    move_row,
    person_links,
    recreate,
    rows_pointing_at,
)
from cads.people.models import DuplicateCandidate, DuplicateStatus, Merge, Person

__all__ = [
    "COMBINED",
    "MOVED",
    "MergeError",
    "merge_preview",
    "merge_undo",
    "merged_record_ids",
    "moved_summary",
    "person_links",
    "person_merge",
    "person_timeline",
]


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
    entries = [move_row(row, links, kept) for row, links in rows_pointing_at(merged)]
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
            restored[index] = move_back(merge.moved[index])
    for index, entry in enumerate(merge.moved):
        if entry["action"] == COMBINED:
            restored[index] = recreate(entry)
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
    for row, _links in rows_pointing_at(merged):
        counts[row._meta.label_lower] += 1
    return [(_plural(label), n) for label, n in sorted(counts.items())]
