"""The duplicate sweep and the review queue's decisions.

The sweep searches the register for each active person as if a worker had typed in that
person's details (`find_candidates`), then scores each *likely* or *certain* candidate
against the whole record (`compare_people`, which also knows the person's other names and
treats two records at one address with one birthday as twins) and queues the pairs that
are still likely or certain. A pair a
reviewer has said is "not the same person" is never offered again, however often the sweep
runs; a pair already in the queue is refreshed, not added twice, so the sweep is safe to
run twice or to retry.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.selectors import signed_in_user
from cads.audit.models import CaseEvent
from cads.audit.services import access_log_record_many, case_event_record
from cads.people.matching import Band, Candidate, SearchQuery, compare_people, find_candidates
from cads.people.models import DuplicateCandidate, DuplicateStatus, Merge, Person
from cads.people.selectors import current_flags, may_see_restricted

logger = logging.getLogger(__name__)

# Possible matches are too many and too weak to queue for the whole register.
QUEUED_BANDS = frozenset({Band.CERTAIN, Band.LIKELY})
CANDIDATES_PER_PERSON = 10


class DecisionError(Exception):
    """The pair was already decided (by someone else, perhaps); nothing was changed."""


@dataclass(frozen=True)
class SweepResult:
    """How many people were searched for, and how many pairs were new or refreshed."""

    people: int
    found: int
    new: int


def sorted_pair(a: uuid.UUID, b: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID]:
    """The pair in stored order (`person_a` sorts first, as PostgreSQL orders uuids)."""
    first, second = sorted((a, b), key=str)
    return first, second


def search_query_for(person: Person) -> SearchQuery:
    """The search a worker would type to find this person."""
    household = person.household
    return SearchQuery(
        given_name=person.given_name,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth,
        sex=person.sex if person.sex != "U" else "",
        postcode=household.postcode if household else "",
        address=household.address.splitlines()[0] if household and household.address else "",
        nhs_number=person.nhs_number,
        upn=person.upn,
    )


def people_changed_since(since: datetime.datetime) -> list[uuid.UUID]:
    """Active people with any recorded change since `since`. Every write to a person
    writes a case event, so the timeline is the change log."""
    changed = CaseEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(Person), occurred_at__gte=since
    ).values_list("subject_id", flat=True)
    ids = {uuid.UUID(pk) for pk in changed.distinct()}
    return list(
        Person.objects.filter(pk__in=ids, merged_into__isnull=True).values_list("pk", flat=True)
    )


def _pairs_for(person: Person) -> Iterable[tuple[tuple[uuid.UUID, uuid.UUID], Candidate]]:
    found = find_candidates(
        search_query_for(person), limit=CANDIDATES_PER_PERSON, exclude_ids=(person.pk,)
    )
    ids = [c.person_id for c in found if c.band in QUEUED_BANDS and c.person_id != person.pk]
    others = Person.objects.filter(merged_into__isnull=True).select_related("household")
    for other in others.in_bulk(ids).values():
        # Scored the same way round whichever record the sweep reached first.
        first, second = sorted((person, other), key=lambda p: str(p.pk))
        pair = compare_people(first, second)
        if pair.band in QUEUED_BANDS:
            yield (first.pk, second.pk), pair


def _store(pair: tuple[uuid.UUID, uuid.UUID], candidate: Candidate) -> bool:
    """Add or refresh one pair; True when it is new to the queue. Decided pairs are left
    exactly as the reviewer left them."""
    values = {
        "score": candidate.score,
        "band": str(candidate.band),
        "reasons": list(candidate.reasons),
    }
    existing = DuplicateCandidate.objects.filter(person_a_id=pair[0], person_b_id=pair[1])
    if existing.filter(status=DuplicateStatus.OPEN).update(**values) or existing.exists():
        return False
    try:
        with transaction.atomic():
            row = DuplicateCandidate.objects.create(
                person_a_id=pair[0], person_b_id=pair[1], **values
            )
    except IntegrityError:  # another sweep stored the pair first
        return False
    case_event_record(subject=row, actor=None, kind="duplicate.found", new=values)
    return True


def duplicate_sweep(*, since: datetime.datetime | None = None) -> SweepResult:
    """Search for every active person (or only those changed since `since`) and queue the
    likely and certain pairs. Each person's pairs are committed together, so a sweep that
    stops part-way keeps what it found."""
    people = Person.objects.filter(merged_into__isnull=True).select_related("household")
    if since is not None:
        people = people.filter(pk__in=people_changed_since(since))
    searched = found = new = 0
    for person in people.order_by("pk").iterator(chunk_size=500):
        searched += 1
        with transaction.atomic():
            for pair, candidate in _pairs_for(person):
                found += 1
                new += _store(pair, candidate)
    logger.info("duplicate sweep: %s people, %s pairs, %s new", searched, found, new)
    return SweepResult(people=searched, found=found, new=new)


@transaction.atomic
def duplicate_mark_not_same(
    *, actor: User, candidate: DuplicateCandidate, reason: str
) -> DuplicateCandidate:
    """Record that the two records are different people (twins, say). The sweep remembers
    and never offers the pair again."""
    locked = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if locked.status != DuplicateStatus.OPEN:
        raise DecisionError(f"This pair was already decided: {locked.get_status_display()}")
    locked.status = DuplicateStatus.NOT_SAME
    locked.decided_by, locked.decided_at, locked.decision_reason = actor, timezone.now(), reason
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    # On both timelines: either child's worker should see the decision and why.
    for subject, other in ((locked.person_a, locked.person_b), (locked.person_b, locked.person_a)):
        case_event_record(
            subject=subject,
            actor=actor,
            kind="person.duplicate_not_same",
            new={"other": str(other.pk), "other_la_child_id": other.la_child_id},
            reason=reason,
        )
    return locked


# Reads for the review pages.

OPEN, DECIDED = "open", "decided"


def duplicate_list(*, show: str) -> QuerySet[DuplicateCandidate]:
    """The review queue: open pairs, strongest first (a pair drops out while either record
    is merged away), or decided pairs, latest decision first."""
    pairs = DuplicateCandidate.objects.select_related(
        "person_a__household", "person_b__household", "decided_by"
    )
    if show == DECIDED:
        return pairs.exclude(status=DuplicateStatus.OPEN).order_by("-decided_at", "pk")
    return pairs.filter(
        status=DuplicateStatus.OPEN,
        person_a__merged_into__isnull=True,
        person_b__merged_into__isnull=True,
    ).order_by("-score", "pk")


@dataclass(frozen=True)
class Side:
    """One record of a pair as the reviewer may see it (restricted: only that it exists)."""

    person: Person
    visible: bool
    flags: list[str]


def duplicate_sides(*, request: HttpRequest, people: list[Person], terms: str) -> list[Side]:
    """The records shown on a review page; each one the user sees is in the access log."""
    user = signed_in_user(request)
    flags = current_flags([p.pk for p in people])
    sides = [Side(p, may_see_restricted(user=user, person=p), flags.get(p.pk, [])) for p in people]
    seen = [side.person for side in sides if side.visible]
    access_log_record_many(request=request, subjects=seen, search_terms=terms)
    return sides


def merge_for_pair(candidate: DuplicateCandidate) -> Merge | None:
    """The latest merge of the pair's two records, either way round."""
    a, b = candidate.person_a_id, candidate.person_b_id
    return (
        Merge.objects.filter(Q(kept_id=a, merged_id=b) | Q(kept_id=b, merged_id=a))
        .order_by("-merged_at")
        .first()
    )
