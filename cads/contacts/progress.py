"""Moving a submitted contact along its spine: screening starts, the contact closes.

The apps that do the work call these (screening when a screener opens a contact, decisions
when the outcome is final); each move is checked against the one transition table, locks
the row, and writes one audit event.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.contacts.models import Contact
from cads.contacts.moments import ContactEvent, contact_closing
from cads.contacts.workflow import Status, check_transition


@transaction.atomic
def contact_screening_start(*, actor: User, contact: Contact) -> Contact:
    """The contact leaves the queue's "awaiting screening" and is being screened.
    Idempotent: a second screener opening it changes nothing."""
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if locked.status == Status.IN_SCREENING:
        return locked
    check_transition(locked.status, Status.IN_SCREENING)
    locked.status = Status.IN_SCREENING
    locked.version += 1
    locked.save(update_fields=["status", "version", "updated_at"])
    case_event_record(
        subject=locked,
        actor=actor,
        kind="contact.screening_started",
        old={"status": Status.SUBMITTED},
        new={"status": Status.IN_SCREENING},
    )
    return locked


@transaction.atomic
def contact_close(*, actor: User, contact: Contact, reason: str) -> Contact:
    """Close the contact for good (issue 5: a closed contact is never reopened; a new
    concern is a new contact). Every check registered for `contact_closing` may refuse it
    (partner checks still open: a manager cancels them, with a reason, first)."""
    if not reason.strip():
        raise ValueError("Closing a contact needs a reason")
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    check_transition(locked.status, Status.CLOSED)
    contact_closing.check(ContactEvent(contact=locked, actor=actor))
    old_status = locked.status
    locked.status = Status.CLOSED
    locked.version += 1
    locked.save(update_fields=["status", "version", "updated_at"])
    case_event_record(
        subject=locked,
        actor=actor,
        kind="contact.closed",
        old={"status": old_status},
        new={"status": Status.CLOSED, "closed_at": timezone.now().isoformat()},
        reason=reason,
    )
    return locked
