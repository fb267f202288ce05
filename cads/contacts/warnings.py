"""Open contact and repeat warnings (ADR 0021): before a second contact about the same
children goes in, the worker sees the open one and either adds the new information to it
(a contact update, so nothing is lost and the open contact's clock is not restarted) or goes
on with a reason; a second contact from the same referrer about the same children within
the configured window (`CADS_REPEAT_CONTACT_HOURS`) is confirmed before it is submitted.

A restricted child's other contacts are never shown to someone without access to that
child: the warning says only that an open contact exists, and to ask a manager."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.contacts.codes import ContactKind, SubjectRole
from cads.contacts.consultations import contact_discard
from cads.contacts.models import Contact
from cads.contacts.models_named import ContactGoOn, ContactUpdate, WarningKind
from cads.contacts.progress import contact_close, contact_screening_start
from cads.contacts.workflow import Status
from cads.people.models import Person
from cads.people.selectors import may_see_restricted

OPEN = (Status.SUBMITTED, Status.IN_SCREENING)
SENT = (Status.SUBMITTED, Status.IN_SCREENING, Status.CLOSED)
HIDDEN = "An open contact exists for a child on this contact: ask a manager"
HIDDEN_REPEAT = "A recent contact exists for a child on this contact: ask a manager"


class ContactWarningError(ValueError):
    """The update or the reason cannot be recorded as asked; the message says why."""


@dataclass(frozen=True)
class OtherContact:
    """Another contact about the same children, as this user may see it: `contact` is None
    when a child it shares is restricted and the user has no access to that child."""

    contact: Contact | None
    children: tuple[str, ...] = ()

    @property
    def hidden(self) -> bool:
        return self.contact is None


def _children(contact: Contact) -> list[Person]:
    subjects = contact.subjects.filter(role=SubjectRole.CHILD).select_related("person")
    return [s.person for s in subjects]


def _as_seen(user: User, other: Contact, children: list[Person]) -> OtherContact:
    on_other = set(other.subjects.values_list("person_id", flat=True))
    shared = [child for child in children if child.pk in on_other]
    if any(not may_see_restricted(user=user, person=child) for child in shared):
        return OtherContact(contact=None)
    return OtherContact(contact=other, children=tuple(child.full_name for child in shared))


def _about_same_children(contact: Contact, statuses: tuple[str, ...]) -> QuerySet[Contact]:
    ids = [child.pk for child in _children(contact)]
    return (
        Contact.objects.filter(kind=ContactKind.CONTACT, status__in=statuses)
        .filter(subjects__person_id__in=ids)
        .exclude(pk=contact.pk)
        .distinct()
        .order_by("received_at")
    )


def open_contacts(*, user: User, contact: Contact) -> list[OtherContact]:
    """Open contacts (awaiting screening or being screened) for any of this contact's
    children, oldest first."""
    children = _children(contact)
    if not children:
        return []
    return [_as_seen(user, o, children) for o in _about_same_children(contact, OPEN)]


def went_on(contact: Contact, warning: str) -> ContactGoOn | None:
    return contact.went_on.filter(warning=warning).order_by("-at").first()


def _reference(other: OtherContact) -> str:
    return (other.contact.reference or "draft") if other.contact else "restricted"


def unanswered(contact: Contact, others: list[OtherContact]) -> list[OtherContact]:
    """The open contacts the worker has not yet gone on past (a child added later may
    bring another open contact to light)."""
    answered: set[str] = set()
    for went in contact.went_on.filter(warning=WarningKind.OPEN_CONTACT):
        answered.update(went.shown)
    return [other for other in others if _reference(other) not in answered]


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _same_referrer(a: Contact, b: Contact) -> bool:
    """Same person by name, email or phone; anonymous referrers are never matched."""
    if a.referrer_anonymous or b.referrer_anonymous:
        return False
    pairs = (
        (a.referrer_name.strip().casefold(), b.referrer_name.strip().casefold()),
        (a.referrer_email.strip().casefold(), b.referrer_email.strip().casefold()),
        (_digits(a.referrer_phone), _digits(b.referrer_phone)),
    )
    return any(x and x == y for x, y in pairs)


def repeat_window() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.CADS_REPEAT_CONTACT_HOURS)


def repeat_contacts(*, user: User, contact: Contact) -> list[OtherContact]:
    """Contacts already sent about exactly the same children from the same referrer,
    received within the repeat window either side of this one."""
    children = _children(contact)
    if not children:
        return []
    window = repeat_window()
    near = Q(received_at__gte=contact.received_at - window) & Q(
        received_at__lte=contact.received_at + window
    )
    wanted = {child.pk for child in children}
    repeats = []
    for other in _about_same_children(contact, SENT).filter(near):
        theirs = set(
            other.subjects.filter(role=SubjectRole.CHILD).values_list("person_id", flat=True)
        )
        if theirs == wanted and _same_referrer(contact, other):
            repeats.append(_as_seen(user, other, children))
    return repeats


def referrer_words(contact: Contact) -> str:
    if contact.referrer_anonymous:
        return "Anonymous"
    return ", ".join(p for p in (contact.referrer_name, contact.referrer_organisation) if p)


@transaction.atomic
def contact_update_add(
    *, actor: User, source: Contact, into: Contact, text: str, referrer: str
) -> ContactUpdate:
    """Add what `source` says to the open contact `into`, with its own received time and
    referrer, then set `source` aside with that reason: a draft is discarded; a submitted
    contact is closed (its clock stops, the open contact's keeps running)."""
    if not text.strip():
        raise ContactWarningError("Enter the new information")
    locked = Contact.objects.select_for_update().get(pk=into.pk)
    if locked.status not in OPEN or locked.pk == source.pk:
        raise ContactWarningError("That contact is no longer open: go on with a new contact")
    update = ContactUpdate.objects.create(
        contact=locked,
        from_contact=source,
        received_at=source.received_at,
        referrer=referrer.strip(),
        text=text.strip(),
        added_by=actor,
    )
    case_event_record(
        subject=locked,
        actor=actor,
        kind="contact.update_added",
        new={"update": str(update.pk), "from": str(source.pk), "referrer": update.referrer},
    )
    reason = f"Added to {locked.reference} as an update"
    if source.status == Status.DRAFT:
        contact_discard(actor=actor, contact=source, reason=reason)
    else:
        if source.status == Status.SUBMITTED:
            source = contact_screening_start(actor=actor, contact=source)
        contact_close(actor=actor, contact=source, reason=reason)
    return update


@transaction.atomic
def contact_go_on_record(
    *, actor: User, contact: Contact, warning: str, shown: list[OtherContact], reason: str
) -> ContactGoOn:
    """The worker saw the warning and went on with this contact: what they were shown (by
    reference, or "restricted") and why."""
    if warning == WarningKind.OPEN_CONTACT and not reason.strip():
        raise ContactWarningError("Enter why this is a new contact")
    references = [_reference(other) for other in shown]
    went = ContactGoOn.objects.create(
        contact=contact, warning=warning, shown=references, reason=reason.strip(), by=actor
    )
    case_event_record(
        subject=contact,
        actor=actor,
        kind="contact.went_on_after_warning",
        new={"warning": warning, "shown": references},
        reason=went.reason,
    )
    return went
