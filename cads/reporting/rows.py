"""Rows of the live backlog (open contacts, oldest first) for the page and the CSV; links go
to the screening page for those who screen, and to each child's record."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import SCREEN_CONTACT, VIEW_SCREENING
from cads.authority.selectors import office_hours
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact
from cads.core.clocks import OfficeHours
from cads.deadlines.due import clock_configuration, front_door_due
from cads.deadlines.models import ClockConfiguration, RagLevel
from cads.people.restriction import Shown, people_shown
from cads.reporting import selectors
from cads.reporting.models import Team

BACKLOG_COLUMNS = [
    "Contact",
    "Received",
    "Age (days)",
    "RAG rating",
    "Next deadline",
    "Due",
    "Overdue",
    "Worker",
    "Children",
]


@dataclass
class BacklogRow:
    reference: str
    url: str
    received_at: datetime.datetime
    age_days: int
    rag: str
    deadline: str  # "Decision", "Red RAG": the nearer deadline (ADR 0030)
    due_at: datetime.datetime
    overdue: bool
    worker: str
    children: list[tuple[str, str]] = field(default_factory=list)


def _worker(contact: Contact) -> str:
    screening = getattr(contact, "screening", None)
    worker = screening.worker if screening else None
    return (worker.get_full_name() or worker.username) if worker else "Nobody yet"


def backlog_row(
    contact: Contact,
    levels: dict[str, RagLevel],
    user: User,
    now: datetime.datetime,
    *,
    hours: OfficeHours,
    clocks: ClockConfiguration,
) -> BacklogRow:
    """One open contact and its front-door deadline (cads.deadlines.due.front_door_due, the
    one the work tray shows, with the configuration and office hours read once for the whole
    page). Children as `user` may see them (cads.people.restriction)."""
    can_screen = user.has_perms((VIEW_SCREENING, SCREEN_CONTACT))
    subjects = [s for s in contact.subjects.all() if s.role == SubjectRole.CHILD]
    shown = people_shown(request=None, viewer=user, people=[s.person for s in subjects])
    children = [
        (
            shown[s.person_id].name,
            reverse("people:person-detail", args=[s.person_id])
            if shown[s.person_id].visible
            else "",
        )
        for s in subjects
        if shown[s.person_id].shown != Shown.HIDDEN
    ]
    level = levels.get(contact.rag_code)  # type: ignore[attr-defined]
    clock = front_door_due(contact, level=level, clocks=clocks, hours=hours)
    return BacklogRow(
        reference=str(contact.reference),
        url=reverse("screening:screen", args=[contact.pk]) if can_screen else "",
        received_at=contact.received_at,
        age_days=(now - contact.received_at).days,
        rag=level.label if level else selectors.NOT_RATED,
        deadline=clock.label,
        due_at=clock.due_at,
        overdue=clock.overdue(now),
        worker=_worker(contact),
        children=children,
    )


def backlog_rows(
    *, user: User, team: Team | None = None, shown: list[Contact] | None = None
) -> tuple[list[str], Iterator[list[object]]]:
    """The whole backlog for the CSV, read in chunks; each contact written is added to
    `shown` for the access log."""
    levels = selectors.rag_levels()
    now = timezone.now()
    hours, clocks = office_hours(), clock_configuration()
    contacts = selectors.backlog_contacts(user=user, team=team)
    contacts = contacts.prefetch_related("subjects__person")

    def rows() -> Iterator[list[object]]:
        for contact in contacts.iterator(chunk_size=500):
            row = backlog_row(contact, levels, user, now, hours=hours, clocks=clocks)
            if shown is not None:
                shown.append(contact)
            yield [
                row.reference,
                f"{timezone.localtime(row.received_at):%Y-%m-%d %H:%M}",
                row.age_days,
                row.rag,
                row.deadline,
                f"{timezone.localtime(row.due_at):%Y-%m-%d %H:%M}",
                "Yes" if row.overdue else "No",
                row.worker,
                "; ".join(name for name, _ in row.children),
            ]

    return BACKLOG_COLUMNS, rows()
