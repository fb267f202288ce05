"""Reads for the work tray and the team manager's view, permission-scoped.

Every open contact (awaiting screening or being screened; out-of-hours ones from the next
working day; immediate-risk ones still being recorded) with its RAG, next deadline in words,
worker and partner checks, grouped by household."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import MANAGE_TRAY, VIEW_SCREENING
from cads.audit.services import access_log_record
from cads.checks.workflow import OPEN_STATUSES as OPEN_CHECKS
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact
from cads.contacts.workflow import Status as ContactStatus
from cads.deadlines.due import acknowledgement_due, contact_rag, front_door_due
from cads.deadlines.models import RagLevel
from cads.letters.models import Letter
from cads.letters.selectors import owed_on_contact
from cads.people.restriction import PersonShown, people_shown
from cads.screening.models import Screening
from cads.screening.words import time_left_words

OPEN = (ContactStatus.SUBMITTED, ContactStatus.IN_SCREENING)
# Letters owed on each contact are clocks too (issue 6); their PDFs are not loaded.
_LETTERS = Prefetch("letters", queryset=Letter.objects.defer("pdf", "text"))


def open_contacts(user: User) -> QuerySet[Contact]:
    """Open contacts in the tray now; none for users without the screening permission."""
    if not user.has_perm(VIEW_SCREENING):
        return Contact.objects.none()
    now = timezone.now()
    due = Q(status__in=OPEN) & (Q(queue_from__isnull=True) | Q(queue_from__lte=now))
    # Issue 4: an immediate-risk contact is at the top of the queue the moment the answer
    # is saved, while the call handler is still recording it.
    being_recorded = Q(status=ContactStatus.DRAFT, rag="red", kind="contact")
    return (
        Contact.objects.filter(due | being_recorded)
        .select_related("screening__worker", "created_by")
        .prefetch_related("subjects__person", "named_people", _LETTERS)
        .annotate(
            checks_open=Count("check_requests", filter=Q(check_requests__status__in=OPEN_CHECKS)),
            checks_overdue=Count(
                "check_requests",
                filter=Q(check_requests__status__in=OPEN_CHECKS, check_requests__due_at__lte=now),
            ),
        )
    )


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
    contact: Contact
    rag: RagLevel | None
    deadline: str
    due_at: datetime
    time_left: str
    overdue: bool
    worker: User | None
    stage: str = ""  # the screening's status once opened, else the contact's
    children: list[str] = field(default_factory=list)
    # People the contact named and nobody has yet identified, as given (ADR 0021).
    named: list[str] = field(default_factory=list)
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
    contact: Contact,
    levels: dict[str, RagLevel],
    now: datetime,
    shown: dict[uuid.UUID, PersonShown],
) -> TrayRow:
    level = levels.get(contact_rag(contact))
    # One answer to "is it overdue" (ADR 0030): the backlog and the figures count the same.
    clock = front_door_due(contact, level=level)
    deadline, due = clock.label, clock.due_at
    screening = getattr(contact, "screening", None)
    if _awaits_acknowledgement(contact, screening):
        # Issue 5: the next deadline includes the acknowledgement until it is recorded.
        ack_due = acknowledgement_due(contact)
        if ack_due < due:
            deadline, due = "Acknowledgement", ack_due
        elif ack_due == due:
            deadline = f"{deadline} and acknowledgement"
    for owed in owed_on_contact(contact, list(contact.letters.all()), now):
        if owed.due_at < due:
            deadline, due = owed.label, owed.due_at
        elif owed.due_at == due:
            deadline = f"{deadline} and {owed.label.lower()}"
    children = [s for s in contact.subjects.all() if s.role == SubjectRole.CHILD]
    return TrayRow(
        contact=contact,
        rag=level,
        deadline=deadline,
        due_at=due,
        time_left=time_left_words(due, now),
        overdue=due <= now,
        worker=screening.worker if screening else None,
        stage=screening.get_status_display() if screening else contact.get_status_display(),
        children=[shown[s.person_id].name for s in children],
        named=_named_words(contact),
        # A restricted child the viewer may not see does not group contacts: that would
        # say which household they live in.
        households={
            s.person.household_id
            for s in children
            if s.person.household_id and shown[s.person_id].visible
        },
    )


def _named_words(contact: Contact) -> list[str]:
    """Each person named and not yet identified, in words: "Ruby Ashdown, born 3 May 2018"
    (a child) or "Kim Ashdown, parent or carer"."""
    words = []
    for named in contact.named_people.all():
        if not named.is_outstanding:
            continue
        detail = named.date_of_birth.strftime("born %-d %b %Y") if named.date_of_birth else ""
        if not named.is_child:
            detail = named.get_role_display().lower()
        words.append(f"{named.full_name}, {detail}" if detail else named.full_name)
    return words


def _awaits_acknowledgement(contact: Contact, screening: Screening | None) -> bool:
    # An anonymous referrer has nobody to acknowledge (ADR 0012).
    if contact.referrer_anonymous or contact.status == ContactStatus.DRAFT:
        return False
    if any(letter.kind == "acknowledgement" for letter in contact.letters.all()):
        return False  # the acknowledgement letter carries this clock (cads.letters)
    return screening is None or screening.referrer_acknowledged_at is None


def tray_rows(
    user: User, now: datetime | None = None, *, request: HttpRequest | None = None
) -> list[TrayRow]:
    """Every open contact: red first, then the earliest next deadline. Children as `user`
    may see them (cads.people.restriction); with `request`, each name shown is logged."""
    now = now or timezone.now()
    levels = {level.code: level for level in RagLevel.objects.all()}
    contacts = list(open_contacts(user))
    children = [s.person for c in contacts for s in c.subjects.all() if s.role == SubjectRole.CHILD]
    shown = people_shown(request=request, viewer=user, people=children)
    rows = [_row(contact, levels, now, shown) for contact in contacts]
    return sorted(rows, key=lambda row: row.sort_key)


def group_by_household(rows: list[TrayRow]) -> list[list[TrayRow]]:
    """Contacts about children in one household together, inside one RAG level: each group
    is placed where its most urgent contact would be, and never lifts a contact above a more
    urgent level (red always heads the tray, so a green contact is never pulled up among the
    reds by its household). Rows come in already sorted by urgency."""
    groups: list[list[TrayRow]] = []
    for row in rows:
        home = next(
            (
                g
                for g in groups
                if row.households
                and row.households & _households(g)
                and _level(g[0]) == _level(row)
            ),
            None,
        )
        if home is None:
            groups.append([row])
        else:
            home.append(row)
    return groups


def _level(row: TrayRow) -> str:
    return row.rag.code if row.rag else ""


def _households(group: list[TrayRow]) -> set[uuid.UUID]:
    return set().union(*(row.households for row in group))


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
