"""The person's own entries on their timeline: child protection, looked-after and child in
need periods, and the record's restriction events (restricted, lifted, opened with
break-glass), registered by PeopleConfig.ready() like every other app's."""

from __future__ import annotations

from django.utils.dateformat import format as date_format

from cads.accounts.models import User
from cads.audit.selectors import case_events_for_subject
from cads.people import timeline
from cads.people.models import Person
from cads.people.timeline import TimelineEntry, at_start_of

RESTRICTION_EVENTS = {
    "person.restricted": "Record restricted",
    "person.unrestricted": "Restriction lifted",
    "person.break_glass": "Opened with break-glass access",
}


def flag_entries(viewer: User, person: Person) -> list[TimelineEntry]:
    entries = []
    for status in person.statuses.all():
        ended = f"ended {date_format(status.end_date, 'j F Y')}" if status.end_date else "current"
        entries.append(
            TimelineEntry(
                when=at_start_of(status.start_date),
                kind="Flag",
                day_only=True,
                title=f"{status.get_kind_display()} started",
                details=[f"From {date_format(status.start_date, 'j F Y')}, {ended}"],
            )
        )
    return entries


def restriction_entries(viewer: User, person: Person) -> list[TimelineEntry]:
    events = case_events_for_subject(subject=person).filter(kind__in=RESTRICTION_EVENTS)
    entries = []
    for event in events.select_related("actor"):
        who = (event.actor.get_full_name() or event.actor.username) if event.actor else "CADS"
        details = [f"By {who}"]
        if event.reason:
            details.append(f"Reason: {event.reason}")
        entries.append(
            TimelineEntry(
                when=event.occurred_at,
                kind="Restriction",
                title=RESTRICTION_EVENTS[event.kind],
                details=details,
            )
        )
    return entries


def register() -> None:
    timeline.register(flag_entries, by="people: flags")
    timeline.register(restriction_entries, by="people: restriction")
