"""Reads for the out-of-hours service (ADR 0030): its own tray (every contact received out
of hours not yet handed over, red first, with the night's red clock running from receipt),
and the handover summary that heads the daytime work tray at the next opening. Children as
the viewer may see them (cads.people.restriction); with `request`, each name shown is logged.
Kept apart from the daytime tray's query, which orders and pages the day's work."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import VIEW_OUT_OF_HOURS, VIEW_SCREENING
from cads.authority.selectors import office_hours
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact
from cads.contacts.workflow import Status as ContactStatus
from cads.deadlines.due import contact_rag, front_door_due, handover_at, out_of_hours_red_due
from cads.deadlines.models import RagLevel
from cads.deadlines.sql import clock_start
from cads.people.restriction import people_shown
from cads.screening.models import OutOfHoursRecord
from cads.screening.words import time_left_words

OPEN = (ContactStatus.SUBMITTED, ContactStatus.IN_SCREENING)
# A fortnight holds the longest run of closed days (Christmas to New Year) with room over.
LOOK_BACK = datetime.timedelta(days=14)
_RECORDS = Prefetch(
    "out_of_hours_records", queryset=OutOfHoursRecord.objects.select_related("recorded_by")
)


@dataclass
class NightRow:
    contact: Contact
    rag: RagLevel | None
    handover_at: datetime.datetime
    clock: str  # "Red RAG (out of hours)", "Hands over", "Decision"...
    due_at: datetime.datetime
    time_left: str
    overdue: bool
    records: list[OutOfHoursRecord] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


def _open_since(since: datetime.datetime) -> QuerySet[Contact]:
    """Open contacts received since `since`, and red ones still being recorded."""
    being_recorded = Q(status=ContactStatus.DRAFT, rag="red", kind="contact")
    return Contact.objects.filter(Q(status__in=OPEN) | being_recorded, received_at__gte=since)


def _contacts(found: QuerySet[Contact]) -> list[Contact]:
    return list(
        found.select_related("screening", "created_by").prefetch_related(
            "subjects__person", _RECORDS
        )
    )


def _still_out_of_hours(found: QuerySet[Contact], now: datetime.datetime) -> QuerySet[Contact]:
    """Those received out of hours whose handover is still to come, chosen in SQL: a bad
    week holds thousands of open contacts, a night a handful (cads.deadlines.sql.clock_start
    is the twin of handover_at; a contact received in office hours starts at receipt)."""
    return found.alias(starts=clock_start("received_at", office_hours())).filter(starts__gt=now)


def _with_records(found: QuerySet[Contact]) -> QuerySet[Contact]:
    """Those still open that the out-of-hours service recorded immediate actions on."""
    records = OutOfHoursRecord.objects.filter(contact=OuterRef("pk"))
    return found.filter(Exists(records), status__in=OPEN)


def _children(
    contacts: list[Contact], user: User, request: HttpRequest | None
) -> dict[uuid.UUID, list[str]]:
    people = [s.person for c in contacts for s in c.subjects.all() if s.role == SubjectRole.CHILD]
    shown = people_shown(request=request, viewer=user, people=people)
    return {
        c.pk: [shown[s.person_id].name for s in c.subjects.all() if s.role == SubjectRole.CHILD]
        for c in contacts
    }


def _urgency(row: NightRow) -> tuple[bool, datetime.datetime, datetime.datetime]:
    # Red first (immediate risk), then the nearest clock, then the oldest.
    red = row.rag is not None and row.rag.code == "red"
    return (not red, row.due_at, row.contact.received_at)


def out_of_hours_rows(
    user: User, now: datetime.datetime | None = None, *, request: HttpRequest | None = None
) -> list[NightRow]:
    """The out-of-hours tray: open contacts received out of hours whose handover is still to
    come (and red ones still being recorded), red first. The red clock is the night's: from
    receipt, running through the night, met by recording the immediate actions."""
    if not user.has_perm(VIEW_OUT_OF_HOURS):
        return []
    now = now or timezone.now()
    hours = office_hours()
    levels = {level.code: level for level in RagLevel.objects.all()}
    contacts = []
    for contact in _contacts(_still_out_of_hours(_open_since(now - LOOK_BACK), now)):
        handover = handover_at(contact.received_at, hours=hours)
        if handover is not None and handover > now:
            contacts.append((contact, handover))
    names = _children([c for c, _ in contacts], user, request)
    rows = []
    for contact, handover in contacts:
        level = levels.get(contact_rag(contact))
        records = list(contact.out_of_hours_records.all())
        clock, due = "Hands over", handover
        if level is not None and level.code == "red":
            clock, due = "Red RAG", out_of_hours_red_due(contact, level=level, hours=hours)
        overdue = due <= now and not records
        words = "Immediate actions recorded" if records else time_left_words(due, now)
        rows.append(
            NightRow(
                contact, level, handover, clock, due, words, overdue, records, names[contact.pk]
            )
        )
    return sorted(rows, key=_urgency)


@dataclass
class HandedOver:
    contact: Contact
    rag: RagLevel | None
    handover_at: datetime.datetime
    deadline: str
    due_at: datetime.datetime
    records: list[OutOfHoursRecord]
    children: list[str]


def handed_over(
    user: User, now: datetime.datetime | None = None, *, request: HttpRequest | None = None
) -> list[HandedOver]:
    """The handover summary heading the daytime tray: open contacts the out-of-hours
    service recorded immediate actions on, once their handover has come, red first, each
    with its daytime clock (cads.deadlines.due.front_door_due, the tray's own)."""
    if not user.has_perm(VIEW_SCREENING):
        return []
    now = now or timezone.now()
    hours = office_hours()
    levels = {level.code: level for level in RagLevel.objects.all()}
    found = []
    recorded = _contacts(_with_records(_open_since(now - LOOK_BACK)))
    for contact in recorded:
        handover = handover_at(contact.received_at, hours=hours)
        records = list(contact.out_of_hours_records.all())
        if records and handover is not None and handover <= now and contact.status in OPEN:
            found.append((contact, handover, records))
    names = _children([c for c, _, _ in found], user, request)
    items = []
    for contact, handover, records in found:
        level = levels.get(contact_rag(contact))
        clock = front_door_due(contact, level=level, hours=hours)
        items.append(
            HandedOver(
                contact, level, handover, clock.label, clock.due_at, records, names[contact.pk]
            )
        )
    red_first = sorted(items, key=lambda i: (not (i.rag and i.rag.code == "red"), i.due_at))
    return red_first


def out_of_hours_records(contact: Contact) -> list[OutOfHoursRecord]:
    """The out-of-hours service's records on a contact the viewer may already screen."""
    return list(contact.out_of_hours_records.select_related("recorded_by"))


def out_of_hours_contact(*, user: User, pk: uuid.UUID) -> Contact:
    """A submitted contact the out-of-hours service may record actions on (404 otherwise)."""
    allowed = Contact.objects.none()
    if user.has_perm(VIEW_OUT_OF_HOURS):
        allowed = Contact.objects.filter(status__in=OPEN, kind="contact")
    return get_object_or_404(allowed.prefetch_related(_RECORDS), pk=pk)
