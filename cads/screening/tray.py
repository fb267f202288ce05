"""The work tray at any size: a constant number of queries however many contacts are open.

The order, the counts and the page are worked out in PostgreSQL (`tray_order`,
`with_deadlines`: cads.screening.tray_order, ADR 0026); only the page's rows are loaded, with
what they show (children as the viewer may see them, people named and not yet identified,
partner checks, who is recording) prefetched for the page. Each row's deadline in words comes
from cads.deadlines.due, read for those rows only with the configuration read once."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from cads.accounts.models import User
from cads.checks.models import CheckRequest
from cads.checks.workflow import OPEN_STATUSES as OPEN_CHECKS
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact, ContactSubject
from cads.contacts.workflow import Status as ContactStatus
from cads.deadlines.due import acknowledgement_due, contact_rag, front_door_due
from cads.deadlines.models import RagLevel
from cads.letters.models import Letter, LetterKind
from cads.letters.selectors import owed_on_contact
from cads.people.restriction import PersonShown
from cads.screening.tray_order import Clocks
from cads.screening.words import time_left_words

# Letters owed on each contact are clocks too; their text and PDFs are not loaded.
_LETTERS = Prefetch("letters", queryset=Letter.objects.defer("pdf", "text"))
# A list shows none of the intake's long answers (the concern, what the child said...).
_LONG_ANSWERS = tuple(
    field.name for field in Contact._meta.concrete_fields if isinstance(field, models.TextField)
)
_SUBJECTS = Prefetch("subjects", queryset=ContactSubject.objects.select_related("person"))


@dataclass
class TrayRow:
    contact: Contact
    rag: RagLevel | None
    deadline: str
    due_at: datetime.datetime
    time_left: str
    overdue: bool
    worker: User | None
    stage: str = ""  # the screening's status once opened, else the contact's
    children: list[str] = field(default_factory=list)
    # People the contact named and nobody has yet identified, as given (ADR 0021).
    named: list[str] = field(default_factory=list)
    group_key: uuid.UUID | None = None  # contacts about one household share it
    rag_rank: int | None = None  # inside one RAG level (cads.screening.tray_order)

    @property
    def group(self) -> tuple[int | None, uuid.UUID] | None:
        return (self.rag_rank, self.group_key) if self.group_key is not None else None


def _count(checks: QuerySet[CheckRequest]) -> Coalesce:
    rows = checks.filter(contact=OuterRef("pk")).order_by().values("contact")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), Value(0))


def for_display(contacts: QuerySet[Contact], now: datetime.datetime) -> QuerySet[Contact]:
    """What a page shows of its contacts, loaded with the page: a fixed number of queries
    for the page whatever its length (the children, the people named and the letters are
    prefetched; open and overdue partner checks counted in the page's own query)."""
    open_checks = CheckRequest.objects.filter(status__in=OPEN_CHECKS)
    return (
        contacts.select_related("screening__worker", "created_by")
        .defer(*_LONG_ANSWERS)
        .prefetch_related(_SUBJECTS, "named_people", _LETTERS)
        .annotate(
            checks_open=_count(open_checks),
            checks_overdue=_count(open_checks.filter(due_at__lte=now)),
        )
    )


def next_deadline(contact: Contact, clocks: Clocks) -> tuple[str, datetime.datetime]:
    """The contact's nearest deadline and its name: the decision, its RAG, the referrer's
    acknowledgement until recorded, and each letter still owed (with the school's
    same-day feedback). Letters must be prefetched."""
    hours = clocks.hours
    level = clocks.levels.get(contact_rag(contact))
    # One answer to "is it overdue" (ADR 0030): the decision or its RAG, by the handover rule.
    clock = front_door_due(contact, level=level, clocks=clocks.clocks, hours=hours)
    deadline, due = clock.label, clock.due_at
    letters = list(contact.letters.all())
    if awaits_acknowledgement(contact, letters):
        ack_due = acknowledgement_due(contact, clocks=clocks.clocks, hours=hours)
        if ack_due < due:
            deadline, due = "Acknowledgement", ack_due
        elif ack_due == due:
            deadline = f"{deadline} and acknowledgement"
    now, settings = clocks.now, clocks.letters
    for item in owed_on_contact(contact, letters, now, settings=settings, hours=hours):
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
    screening = getattr(contact, "screening", None)
    return screening is None or screening.referrer_acknowledged_at is None


def tray_row(
    contact: Contact,
    clocks: Clocks,
    shown: dict[uuid.UUID, PersonShown] | None = None,
    group: tuple[int | None, uuid.UUID | None] = (None, None),
) -> TrayRow:
    """One row as the tray shows it; with `shown` (cads.people.restriction), the children's
    names as the viewer may see them; `group` is its RAG rank and household key from
    `tray_order`."""
    deadline, due = next_deadline(contact, clocks)
    screening = getattr(contact, "screening", None)
    children = [s for s in contact.subjects.all() if s.role == SubjectRole.CHILD]
    return TrayRow(
        contact=contact,
        rag=clocks.levels.get(contact_rag(contact)),
        deadline=deadline,
        due_at=due,
        time_left=time_left_words(due, clocks.now),
        overdue=due <= clocks.now,
        worker=screening.worker if screening else None,
        stage=screening.get_status_display() if screening else contact.get_status_display(),
        children=[shown[s.person_id].name for s in children] if shown is not None else [],
        named=named_words(contact) if shown is not None else [],
        rag_rank=group[0],
        group_key=group[1],
    )


def named_words(contact: Contact) -> list[str]:
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


def group_by_household(rows: list[TrayRow]) -> list[list[TrayRow]]:
    """The page's rows in their household groups: `tray_order` puts a household's contacts
    next to each other inside a RAG level, so a group is a run of rows with one level and
    one household."""
    groups: list[list[TrayRow]] = []
    for row in rows:
        if groups and row.group is not None and groups[-1][-1].group == row.group:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def workers_by_id(ids: set[int]) -> dict[int, User]:
    return {user.pk: user for user in User.objects.filter(pk__in=ids)}
