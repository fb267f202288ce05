"""A child's file: the timeline on the person page, made of entries each app registers.

People sits below contacts, decisions, referrals, checks and letters, so it cannot read
them; each of those apps registers a source in its own `AppConfig.ready()` (as navigation
items and named moments are registered, ADR 0017). A source is a function
(viewer, person) -> entries, and gives only what that viewer may see. A detail source adds
lines to other apps' entries by key (decisions adds the RAG and the outcome to each contact),
so an entry is shown once with everything known about it.

Open work (a contact not yet decided, a decision awaiting sign-off, a referral being
assessed, a check awaiting an answer, a letter not yet sent) is at the top; everything
else follows newest first."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from cads.accounts.models import User
from cads.people.models import Person


@dataclass
class TimelineEntry:
    when: datetime.datetime
    kind: str  # what it is, in practice's words: "Contact", "Decision", "Referral"…
    title: str
    # Identifies the thing the entry is about ("contact:<uuid>"), for detail sources.
    key: str = ""
    url: str = ""
    details: list[str] = field(default_factory=list)
    open: bool = False
    # Dated, not timed (a referral date, a plan's start): shown without a time of day.
    day_only: bool = False


Source = Callable[[User, Person], list[TimelineEntry]]
DetailSource = Callable[[User, list[TimelineEntry]], None]

SOURCES: dict[str, Source] = {}
DETAIL_SOURCES: dict[str, DetailSource] = {}


def register(source: Source, *, by: str) -> Source:
    """Add a source of entries under the registering app's name (again replaces it)."""
    SOURCES[by] = source
    return source


def register_details(source: DetailSource, *, by: str) -> DetailSource:
    """Add a source that adds detail lines to entries other apps made (matched by key)."""
    DETAIL_SOURCES[by] = source
    return source


def at_start_of(day: datetime.date) -> datetime.datetime:
    """A date as a moment, for ordering dated events (referral dates, plan start dates)
    among timed ones (give the entry `day_only=True`)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def timeline_for(*, viewer: User, person: Person) -> list[TimelineEntry]:
    """Every registered entry for the person that the viewer may see: open work first,
    then newest first."""
    entries = [entry for source in SOURCES.values() for entry in source(viewer, person)]
    for add_details in DETAIL_SOURCES.values():
        add_details(viewer, entries)
    return sorted(entries, key=lambda e: (not e.open, -e.when.timestamp()))
