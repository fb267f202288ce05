"""The work tray at any size: a constant number of queries however many contacts are open.

Two passes (ADR 0026). The first reads every open contact's clock inputs only (received,
RAG, status, screening, letters' kinds and due times, children's households) in a handful of
queries, works out each next deadline in Python with the configuration read once, sorts,
counts and filters. The second loads what a page shows (children's names, checks, who is
recording it) for that page's contacts only. Nothing is read per contact."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from cads.accounts.models import User
from cads.authority.selectors import office_hours
from cads.checks.workflow import OPEN_STATUSES as OPEN_CHECKS
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact, ContactSubject
from cads.contacts.workflow import Status as ContactStatus
from cads.core.clocks import OfficeHours
from cads.deadlines.due import (
    acknowledgement_due,
    clock_configuration,
    contact_rag,
    decision_due,
    level_due,
)
from cads.deadlines.models import ClockConfiguration, RagLevel
from cads.letters.due import letter_settings
from cads.letters.models import Letter, LetterKind, LetterSettings
from cads.letters.selectors import owed_on_contact
from cads.screening.models import Screening

# What the first pass reads of each contact and its screening: the clocks' inputs and the
# filters', never the concern.
_CONTACT_FIELDS = (
    "id", "reference", "kind", "status", "channel", "received_at", "rag", "out_of_hours",
    "referral_source", "referrer_anonymous", "created_by_id", "reported_people",
    "screening__id", "screening__contact_id", "screening__status", "screening__rag",
    "screening__worker_id", "screening__referrer_acknowledged_at",
)  # fmt: skip
_LETTER_FIELDS = ("id", "contact_id", "kind", "status", "due_at")


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


def clock_inputs(contacts: QuerySet[Contact]) -> list[Contact]:
    """The contacts with only their clock inputs: screening joined, letters prefetched
    without their text or PDF (two queries for any number of contacts)."""
    letters = Prefetch("letters", queryset=Letter.objects.only(*_LETTER_FIELDS))
    return list(
        contacts.select_related("screening").only(*_CONTACT_FIELDS).prefetch_related(letters)
    )


def next_deadline(contact: Contact, clocks: Clocks) -> tuple[str, datetime]:
    """The contact's nearest deadline and its name: the decision, its RAG, the referrer's
    acknowledgement until recorded, and each letter still owed (with the school's
    same-day feedback)."""
    level = clocks.levels.get(contact_rag(contact))
    deadline, due = "Decision", decision_due(contact, clocks=clocks.clocks, hours=clocks.hours)
    if level is not None:
        rag_due = level_due(contact.received_at, level, hours=clocks.hours)
        if rag_due < due:
            deadline, due = f"{level.label} RAG", rag_due
    letters = list(contact.letters.all())
    if awaits_acknowledgement(contact, letters):
        ack_due = acknowledgement_due(contact, clocks=clocks.clocks, hours=clocks.hours)
        if ack_due < due:
            deadline, due = "Acknowledgement", ack_due
        elif ack_due == due:
            deadline = f"{deadline} and acknowledgement"
    settings, hours = clocks.letters, clocks.hours
    for item in owed_on_contact(contact, letters, clocks.now, settings=settings, hours=hours):
        if item.due_at < due:
            deadline, due = item.label, item.due_at
        elif item.due_at == due:
            deadline = f"{deadline} and {item.label.lower()}"
    return deadline, due


def awaits_acknowledgement(contact: Contact, letters: list[Letter]) -> bool:
    """Until the referrer's acknowledgement is recorded (an anonymous referrer has nobody
    to acknowledge, ADR 0012); the acknowledgement letter carries this clock once written."""
    if contact.referrer_anonymous or contact.status == ContactStatus.DRAFT:
        return False
    if any(letter.kind == LetterKind.ACKNOWLEDGEMENT for letter in letters):
        return False
    screening: Screening | None = getattr(contact, "screening", None)
    return screening is None or screening.referrer_acknowledged_at is None


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


def shown_contacts(ids: list[uuid.UUID], now: datetime) -> dict[uuid.UUID, Contact]:
    """The second pass: what one page shows of its contacts (children's names, open and
    overdue partner checks, who is recording an immediate-risk call), in three queries."""
    contacts = (
        Contact.objects.filter(pk__in=ids)
        .select_related("screening", "created_by")
        .prefetch_related("subjects__person")
        .annotate(
            checks_open=Count("check_requests", filter=Q(check_requests__status__in=OPEN_CHECKS)),
            checks_overdue=Count(
                "check_requests",
                filter=Q(check_requests__status__in=OPEN_CHECKS, check_requests__due_at__lte=now),
            ),
        )
    )
    return {contact.pk: contact for contact in contacts}
