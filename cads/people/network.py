"""The family network on the person page: recorded relationships, the people living at the
same address, and everyone linked to the person through other apps' records (the mother
added on the child's contact), registered by those apps as sources (people cannot read
contacts: it sits below them, ADR 0017).

A restricted relative the viewer may not open appears only as "a restricted record"; every
name shown is a view of that person's record and is in the access log."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

from cads.accounts.models import User
from cads.people.models import Person
from cads.people.restriction import RESTRICTED, people_shown
from cads.people.selectors import family_network, household_now

LIVES_WITH = "Lives at the same address"


@dataclass(frozen=True)
class Link:
    """Another app's link between the person and `other`: how (role) and through what."""

    other: Person
    relationship: str
    through: str
    parental_responsibility: bool | None = None


LinkSource = Callable[[Person], list[Link]]
SOURCES: dict[str, LinkSource] = {}


def register(source: LinkSource, *, by: str) -> LinkSource:
    """Add a source of links under the registering app's name (again replaces it)."""
    SOURCES[by] = source
    return source


@dataclass
class NetworkMember:
    person_pk: uuid.UUID
    name: str
    visible: bool
    relationship: str
    parental_responsibility: bool | None = None
    through: list[str] = field(default_factory=list)


Members = dict[uuid.UUID, tuple[Person, NetworkMember]]


def _add(members: Members, other: Person, link: Link) -> None:
    """One person once, however many ways they are linked: a recorded relationship first,
    then a role on a contact over "lives at the same address", which says less."""
    if other.pk not in members:
        member = NetworkMember(
            other.pk, other.full_name, True, link.relationship, link.parental_responsibility
        )
        members[other.pk] = (other, member)
    member = members[other.pk][1]
    if member.relationship == LIVES_WITH:
        member.relationship = link.relationship
    if member.parental_responsibility is None:
        member.parental_responsibility = link.parental_responsibility
    if link.through not in member.through:
        member.through.append(link.through)


def _gather(person: Person) -> Members:
    links = [
        Link(m.person, m.relationship, "Recorded relationship", m.parental_responsibility)
        for m in family_network(person)
    ]
    links += [Link(other, LIVES_WITH, LIVES_WITH) for other in household_now(person)]
    links += [found for source in SOURCES.values() for found in source(person)]
    members: Members = {}
    for link in links:
        if link.other.pk != person.pk and not link.other.merged_into_id:
            _add(members, link.other, link)
    return members


def family_network_for(
    *, request: HttpRequest, viewer: User, person: Person
) -> list[NetworkMember]:
    """Everyone in the person's network as the viewer may see them, recorded relationships
    first, each visible name logged as a view of that record."""
    gathered = _gather(person)
    shown = people_shown(
        request=request, viewer=viewer, people=[other for other, _ in gathered.values()]
    )
    members = []
    for other, member in gathered.values():
        if shown[other.pk].visible:
            members.append(member)
        else:
            # Not even the relationship: a restricted relative says only that it exists.
            members.append(NetworkMember(other.pk, RESTRICTED, False, "Not shown"))
    return members
