"""The work tray at any size: a constant number of queries however many contacts are open.

Two passes (ADR 0026). The first reads every open contact's clock inputs only (received,
RAG, status, screening, letters' kinds and due times, children's households) in a handful of
queries, works out each next deadline in Python with the configuration read once, sorts,
counts and filters. The second loads what a page shows (children's names, checks, who is
recording it) for that page's contacts only. Nothing is read per contact."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from django.db.models import Count, Prefetch, Q, QuerySet

from cads.accounts.models import User
from cads.authority.selectors import office_hours
from cads.checks.models import CheckRequest
from cads.checks.workflow import OPEN_STATUSES as OPEN_CHECKS
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact, ContactSubject
from cads.contacts.workflow import Status as ContactStatus
from cads.core.clocks import OfficeHours
from cads.deadlines.due import (
    acknowledgement_due,
    clock_configuration,
    decision_due,
    level_due,
)
from cads.deadlines.models import ClockConfiguration, RagLevel
from cads.letters.due import letter_settings
from cads.letters.models import Letter, LetterKind, LetterSettings
from cads.letters.selectors import owed_on_contact
from cads.screening.workflow import Status as ScreeningStatus

# What the first pass reads of each open contact and its screening: the clocks' inputs and
# the filters', never the concern or a name.
_FIELDS = (
    "id", "reference", "status", "received_at", "rag", "referral_source", "referrer_anonymous",
    "screening__status", "screening__rag", "screening__worker_id",
    "screening__referrer_acknowledged_at",
)  # fmt: skip


@dataclass(frozen=True)
class Clocks:
    """The configuration every deadline in a list needs, read once for the list."""

    levels: dict[str, RagLevel]
    clocks: ClockConfiguration
    hours: OfficeHours
    letters: LetterSettings
    now: datetime

    @classmethod
    def read(cls, now: datetime) -> Clocks:
        levels = {level.code: level for level in RagLevel.objects.all()}
        return cls(levels, clock_configuration(), office_hours(), letter_settings(), now)


@dataclass(slots=True)
class LetterClock:
    """A letter's kind, status and due time: what its clock needs (no text, no PDF)."""

    kind: str
    status: str
    due_at: datetime

    def get_kind_display(self) -> str:
        return str(LetterKind(self.kind).label)


@dataclass(slots=True)
class OpenContact:
    """An open contact as the first pass reads it: plain values, no model instance, so ten
    thousand cost milliseconds. It has the attributes the deadline rules read of a contact
    (cads.deadlines.due, cads.letters.selectors.owed_on_contact), which are given it as one."""

    pk: uuid.UUID
    reference: str | None
    status: str
    received_at: datetime
    rag: str  # intake's
    referral_source: str
    referrer_anonymous: bool
    screening_status: str | None
    screening_rag: str | None
    worker_id: int | None
    acknowledged_at: datetime | None
    letters: list[LetterClock] = field(default_factory=list)

    @property
    def current_rag(self) -> str:
        """As cads.deadlines.due.contact_rag: the screener's rating, else intake's."""
        screened = (self.screening_rag or "") if self.screening_status else ""
        return screened or self.rag

    def get_status_display(self) -> str:
        return str(ContactStatus(self.status).label)

    def stage(self) -> str:
        """The screening's status once opened, else the contact's."""
        if self.screening_status:
            return str(ScreeningStatus(self.screening_status).label)
        return self.get_status_display()


def clock_inputs(contacts: QuerySet[Contact]) -> list[OpenContact]:
    """Every contact's clock inputs and its letters' clocks, in two queries."""
    found = [OpenContact(*row) for row in contacts.values_list(*_FIELDS)]
    by_pk = {contact.pk: contact for contact in found}
    letters = Letter.objects.filter(contact__in=contacts.values("pk"))
    for contact_id, kind, status, due_at in letters.values_list(
        "contact_id", "kind", "status", "due_at"
    ):
        if contact_id in by_pk:
            by_pk[contact_id].letters.append(LetterClock(kind, status, due_at))
    return found


def next_deadline(contact: OpenContact, clocks: Clocks) -> tuple[str, datetime]:
    """The contact's nearest deadline and its name: the decision, its RAG, the referrer's
    acknowledgement until recorded, and each letter still owed (with the school's
    same-day feedback)."""
    # The rules read only the attributes OpenContact has (its docstring).
    as_contact = cast(Contact, contact)
    level = clocks.levels.get(contact.current_rag)
    deadline, due = "Decision", decision_due(as_contact, clocks=clocks.clocks, hours=clocks.hours)
    if level is not None:
        rag_due = level_due(contact.received_at, level, hours=clocks.hours)
        if rag_due < due:
            deadline, due = f"{level.label} RAG", rag_due
    if awaits_acknowledgement(contact):
        ack_due = acknowledgement_due(as_contact, clocks=clocks.clocks, hours=clocks.hours)
        if ack_due < due:
            deadline, due = "Acknowledgement", ack_due
        elif ack_due == due:
            deadline = f"{deadline} and acknowledgement"
    letters = cast(list[Letter], contact.letters)
    settings, hours = clocks.letters, clocks.hours
    for item in owed_on_contact(as_contact, letters, clocks.now, settings=settings, hours=hours):
        if item.due_at < due:
            deadline, due = item.label, item.due_at
        elif item.due_at == due:
            deadline = f"{deadline} and {item.label.lower()}"
    return deadline, due


def awaits_acknowledgement(contact: OpenContact) -> bool:
    """Until the referrer's acknowledgement is recorded (an anonymous referrer has nobody
    to acknowledge, ADR 0012); the acknowledgement letter carries this clock once written."""
    if contact.referrer_anonymous or contact.status == ContactStatus.DRAFT:
        return False
    if any(letter.kind == LetterKind.ACKNOWLEDGEMENT for letter in contact.letters):
        return False
    return contact.screening_status is None or contact.acknowledged_at is None


def children_households(contacts: QuerySet[Contact]) -> dict[uuid.UUID, set[uuid.UUID]]:
    """Each contact's children's households, in one query, for keeping a household together."""
    found: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    pairs = ContactSubject.objects.filter(
        contact__in=contacts.values("pk"), role=SubjectRole.CHILD, person__household__isnull=False
    ).values_list("contact_id", "person__household_id")
    for contact_id, household_id in pairs:
        found[contact_id].add(household_id)
    return found


def workers_by_id(ids: set[int]) -> dict[int, User]:
    return {user.pk: user for user in User.objects.filter(pk__in=ids)}


# What a page shows of each contact and each child on it: never the concern.
_SHOWN = (
    "id", "reference", "kind", "status", "channel", "received_at", "out_of_hours",
    "reported_people", "created_by__username", "created_by__first_name",
    "created_by__last_name",
)  # fmt: skip
_CHILD = ("id", "contact_id", "person_id", "role", "person__given_name",
          "person__middle_names", "person__family_name", "person__household_id")  # fmt: skip


def shown_contacts(ids: list[uuid.UUID], now: datetime) -> dict[uuid.UUID, Contact]:
    """The second pass: what one page shows of its contacts (children's names, open and
    overdue partner checks, who is recording an immediate-risk call), in three queries."""
    subjects = Prefetch(
        "subjects", queryset=ContactSubject.objects.select_related("person").only(*_CHILD)
    )
    contacts = Contact.objects.filter(pk__in=ids).select_related("created_by").only(*_SHOWN)
    found = {contact.pk: contact for contact in contacts.prefetch_related(subjects)}
    open_checks = Q(status__in=OPEN_CHECKS)
    counts = (
        CheckRequest.objects.filter(open_checks, contact_id__in=ids)
        .values("contact_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_at__lte=now)))
    )
    for contact in found.values():
        contact.checks_open = contact.checks_overdue = 0  # type: ignore[attr-defined]
    for row in counts:
        contact = found[row["contact_id"]]
        contact.checks_open, contact.checks_overdue = row["open"], row["overdue"]  # type: ignore[attr-defined]
    return found
