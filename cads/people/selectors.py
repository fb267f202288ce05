"""Reads of person records, permission-scoped. Every view of a person is in the access log;
restricted records show their content only to their access list or after break-glass."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.selectors import signed_in_user
from cads.audit.services import access_log_record, access_log_record_many
from cads.people.matching import Candidate, SearchQuery, find_candidates
from cads.people.models import (
    AddressPeriod,
    Person,
    PersonStatus,
    Relationship,
)
from cads.people.restriction import (
    ADDRESS_WITHHELD,
    may_see,
    people_shown,
    withheld_households,
)


def person_list_for_user(*, request: HttpRequest) -> QuerySet[Person]:
    """People the user may look up. Partner users see none directly (only what is shared
    with their organisation, through the checks they are sent)."""
    if not request.user.has_perm("people.view_person"):
        return Person.objects.none()
    return Person.objects.select_related("household")


def may_see_restricted(*, user: User, person: Person) -> bool:
    """On the access list, or inside an unexpired break-glass window (the one check is
    cads.people.restriction.may_see)."""
    return may_see(viewer=user, person=person)


def person_get(*, request: HttpRequest, pk: uuid.UUID) -> Person:
    """The person without logging a view (for pages that then check restriction)."""
    return get_object_or_404(person_list_for_user(request=request), pk=pk)


def person_viewed(*, request: HttpRequest, person: Person) -> None:
    """Log the view of a person read with `person_get` once the page knows it may show them
    (edit, address, family pages: each shows the name)."""
    access_log_record(request=request, subject=person)


def person_get_for_view(*, request: HttpRequest, pk: uuid.UUID) -> Person:
    """Fetch a person for display and log the view (who, what, when, from where)."""
    person = person_get(request=request, pk=pk)
    access_log_record(request=request, subject=person)
    return person


def current_flags(person_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """Current CP / looked-after / child-in-need statuses by person, for every list."""
    today = timezone.localdate()
    flags: dict[uuid.UUID, list[str]] = {}
    statuses = PersonStatus.objects.filter(person_id__in=person_ids, start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    for status in statuses.order_by("kind"):
        flags.setdefault(status.person_id, []).append(status.get_kind_display())
    return flags


@dataclass(frozen=True)
class SearchResult:
    """One ranked candidate as the searcher may see it: a restricted record says only that
    it matched (`person` is None), with the id to open it with a reason only where the page
    offers that (`break_glass_pk`)."""

    candidate: Candidate
    pk: uuid.UUID
    person: Person | None
    flags: list[str]
    address: str
    break_glass_pk: uuid.UUID | None = None

    @property
    def visible(self) -> bool:
        return self.person is not None


def _address(person: Person, withheld: set[uuid.UUID]) -> str:
    if person.household is None:
        return ""
    return ADDRESS_WITHHELD if person.household_id in withheld else str(person.household)


def person_search(
    *, request: HttpRequest, query: SearchQuery, terms: str, break_glass: bool = True
) -> list[SearchResult]:
    """Ranked candidates for a search; every record shown is in the access log with the
    search terms, so "who looked at this child" includes searches. `break_glass=False`
    (linking a relative) gives a restricted record no id at all."""
    user = signed_in_user(request)
    candidates = find_candidates(query, limit=10)
    people = person_list_for_user(request=request).in_bulk([c.person_id for c in candidates])
    flags = current_flags(list(people))
    shown = people_shown(request=None, viewer=user, people=people.values())
    withheld = withheld_households(
        viewer=user, household_ids=[p.household_id for p in people.values()]
    )
    results, logged = [], []
    for candidate in candidates:
        person = people.get(candidate.person_id)
        if person is None:
            continue
        if shown[person.pk].visible:
            logged.append(person)
            found = SearchResult(
                candidate, person.pk, person, flags.get(person.pk, []), _address(person, withheld)
            )
        else:
            glass = person.pk if break_glass else None
            found = SearchResult(candidate, person.pk, None, [], "", glass)
        results.append(found)
    access_log_record_many(request=request, subjects=logged, search_terms=terms)
    return results


@dataclass(frozen=True)
class FamilyMember:
    person: Person
    relationship: str
    parental_responsibility: bool | None


def family_network(person: Person) -> list[FamilyMember]:
    """Everyone linked to the person, described from the person's side
    ("Mother: parent or carer with parental responsibility")."""
    links = Relationship.objects.filter(Q(from_person=person) | Q(to_person=person)).select_related(
        "from_person", "to_person"
    )
    members = []
    for link in links:
        other = link.to_person if link.from_person_id == person.pk else link.from_person
        if link.from_person_id == person.pk and link.kind in ("parent", "step_parent"):
            # Stored as "parent of child"; seen from the parent's page the other is a child.
            label = "Child" if link.kind == "parent" else "Stepchild"
        else:
            label = link.get_kind_display()
        members.append(FamilyMember(other, label, link.parental_responsibility))
    return sorted(members, key=lambda m: (m.relationship, m.person.family_name))


def household_now(person: Person) -> list[Person]:
    """Who else lives at the person's current address now."""
    if person.household_id is None:
        return []
    current = AddressPeriod.objects.filter(household_id=person.household_id, valid_to__isnull=True)
    return list(
        Person.objects.filter(pk__in=current.values("person_id"), merged_into__isnull=True)
        .exclude(pk=person.pk)
        .order_by("date_of_birth")
    )
