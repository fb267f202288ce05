"""Reads for the work tray and the team manager's view, permission-scoped.

Every open contact (awaiting screening or being screened; out-of-hours ones from the next
working day; immediate-risk ones still being recorded) with its RAG, next deadline in words,
worker and partner checks, grouped by household."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import MANAGE_TRAY, VIEW_SCREENING
from cads.audit.services import access_log_record
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact
from cads.contacts.workflow import Status as ContactStatus
from cads.deadlines.models import RagLevel
from cads.screening.models import Screening
from cads.screening.tray import (
    Clocks,
    OpenContact,
    children_households,
    clock_inputs,
    next_deadline,
    shown_contacts,
    workers_by_id,
)
from cads.screening.words import time_left_words

OPEN = (ContactStatus.SUBMITTED, ContactStatus.IN_SCREENING)
# Contacts per page of the work tray: a bad week holds thousands (ADR 0026).
PAGE_SIZE = 50


def open_contacts(user: User) -> QuerySet[Contact]:
    """Open contacts in the tray now; none for users without the screening permission."""
    if not user.has_perm(VIEW_SCREENING):
        return Contact.objects.none()
    now = timezone.now()
    due = Q(status__in=OPEN) & (Q(queue_from__isnull=True) | Q(queue_from__lte=now))
    # An immediate-risk contact is at the top of the queue the moment the answer is saved,
    # while the call handler is still recording it.
    being_recorded = Q(status=ContactStatus.DRAFT, rag="red", kind="contact")
    return Contact.objects.filter(due | being_recorded)


def tray_count(user: User) -> int:
    """For the navigation: how many contacts are open in the tray."""
    return open_contacts(user).count()


def contact_for_screening(*, user: User, pk: uuid.UUID) -> Contact:
    """A submitted contact a screener may open (404 for drafts and for everyone else)."""
    if not user.has_perm(VIEW_SCREENING):
        return get_object_or_404(Contact.objects.none(), pk=pk)
    allowed = Contact.objects.exclude(status__in=[ContactStatus.DRAFT, ContactStatus.DISCARDED])
    return get_object_or_404(allowed.exclude(kind="consultation"), pk=pk)


def screening_for_view(*, request: HttpRequest, user: User, pk: uuid.UUID) -> Screening | None:
    """The contact's screening (None before anyone opened it), the view logged."""
    contact = contact_for_screening(user=user, pk=pk)
    access_log_record(request=request, subject=contact)
    return Screening.objects.filter(contact=contact).select_related("contact").first()


@dataclass
class TrayRow:
    # The first pass's plain values for every open contact; the page's rows get the contact
    # itself (rows_shown).
    contact: OpenContact | Contact
    rag: RagLevel | None
    deadline: str
    due_at: datetime
    time_left: str
    overdue: bool
    worker: User | None
    stage: str = ""  # the screening's status once opened, else the contact's
    children: list[str] = field(default_factory=list)
    households: set[uuid.UUID] = field(default_factory=set)

    @property
    def sort_key(self) -> tuple[bool, datetime, int, datetime]:
        # Red (immediate risk, unless a screener re-rated it) first whatever the other
        # clocks say (issue 4: "at the top of the queue"); then the nearest deadline.
        urgent = self.rag is not None and self.rag.code == "red"
        return (
            not urgent,
            self.due_at,
            self.rag.order if self.rag else 99,
            self.contact.received_at,
        )


def _row(
    contact: OpenContact, clocks: Clocks, workers: dict[int, User], households: set[uuid.UUID]
) -> TrayRow:
    deadline, due = next_deadline(contact, clocks)
    return TrayRow(
        contact=contact,
        rag=clocks.levels.get(contact.current_rag),
        deadline=deadline,
        due_at=due,
        time_left=time_left_words(due, clocks.now),
        overdue=due <= clocks.now,
        worker=workers.get(contact.worker_id) if contact.worker_id else None,
        stage=contact.stage(),
        households=households,
    )


def tray_rows(user: User, now: datetime | None = None) -> list[TrayRow]:
    """Every open contact with its next deadline: red first, then the earliest deadline.
    The first pass only: a page's names come from `rows_shown`."""
    clocks = Clocks.read(now or timezone.now())
    contacts = open_contacts(user)
    households = children_households(contacts)
    found = clock_inputs(contacts)
    workers = workers_by_id({c.worker_id for c in found if c.worker_id})
    rows = [_row(c, clocks, workers, households.get(c.pk, set())) for c in found]
    return sorted(rows, key=lambda row: row.sort_key)


def rows_shown(rows: list[TrayRow], now: datetime | None = None) -> list[TrayRow]:
    """The second pass for the rows on one page: children's names, partner checks and who
    is recording, read for these contacts only."""
    details = shown_contacts([row.contact.pk for row in rows], now or timezone.now())
    for row in rows:
        contact = details.get(row.contact.pk)
        if contact is None:  # closed or discarded since the first pass: shown as it was
            continue
        row.contact = contact
        children = [s for s in contact.subjects.all() if s.role == SubjectRole.CHILD]
        # An online report's children are shown as described until linked to records.
        row.children = [s.person.full_name for s in children] or [
            name for name, _ in contact.reported_children
        ]
    return rows


def tray_page(groups: list[list[TrayRow]], number: int | str | None) -> Page[list[TrayRow]]:
    """One page of household groups (a group is never split across pages)."""
    return Paginator(groups, PAGE_SIZE).get_page(number)


def group_by_household(rows: list[TrayRow]) -> list[list[TrayRow]]:
    """Contacts about children in one household together, each group placed where its most
    urgent contact would be. Rows come in already sorted by urgency; each row joins the
    first group holding any of its households (one pass, however long the tray)."""
    groups: list[list[TrayRow]] = []
    first_group: dict[uuid.UUID, int] = {}
    for row in rows:
        homes = [first_group[h] for h in row.households if h in first_group]
        index = min(homes) if homes else len(groups)
        if homes:
            groups[index].append(row)
        else:
            groups.append([row])
        for household in row.households:
            first_group[household] = min(first_group.get(household, index), index)
    return groups


@dataclass
class Workload:
    worker: User | None
    open: int = 0
    overdue: int = 0


def workload(rows: list[TrayRow]) -> list[Workload]:
    """Open and overdue contacts per worker, unassigned last."""
    by_worker: dict[int | None, Workload] = {}
    for row in rows:
        key = row.worker.pk if row.worker else None
        entry = by_worker.setdefault(key, Workload(row.worker))
        entry.open += 1
        entry.overdue += int(row.overdue)
    return sorted(
        by_worker.values(), key=lambda w: (w.worker is None, w.worker.username if w.worker else "")
    )


def reassignable_workers() -> QuerySet[User]:
    """Active users who may screen contacts."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__codename="change_screening")
            | Q(user_permissions__codename="change_screening")
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def may_manage(user: User) -> bool:
    return user.has_perm(MANAGE_TRAY)
