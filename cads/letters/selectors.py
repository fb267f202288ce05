"""Reads about letters, scoped through the contacts the user may see."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import access_log_record
from cads.contacts.codes import PUBLIC_SOURCES, SubjectRole
from cads.contacts.models import Contact
from cads.contacts.selectors import contacts_for_user
from cads.contacts.workflow import Status
from cads.core.clocks import OfficeHours
from cads.deadlines.due import LetterClocks, is_school_referral, school_feedback_due
from cads.letters.due import letter_settings
from cads.letters.models import Letter, LetterKind
from cads.letters.services import Recipient, latest_final_decision
from cads.letters.workflow import OWED, LetterStatus
from cads.people.restriction import RESTRICTED, may_see_all

# Letters listed without their PDF bytes.
_LIGHT = ("pdf",)


def _visible(user: User) -> QuerySet[Letter]:
    return Letter.objects.filter(contact__in=contacts_for_user(user))


def letters_on_contact(*, user: User, contact: Contact) -> QuerySet[Letter]:
    return _visible(user).filter(contact=contact).defer(*_LIGHT).order_by("-created_at")


def letter_get(*, user: User, pk: uuid.UUID) -> Letter:
    """A letter on a contact the user may see (for actions; nothing is shown)."""
    return get_object_or_404(_visible(user).select_related("contact", "template"), pk=pk)


def letter_get_for_view(*, request: HttpRequest, user: User, pk: uuid.UUID) -> Letter:
    """A letter on a contact the user may see; opening it is written to the access log."""
    letter = letter_get(user=user, pk=pk)
    access_log_record(request=request, subject=letter)
    return letter


def letters_owed(*, user: User) -> list[Letter]:
    """Letters not yet sent (to send, queued, sending, unconfirmed, failed), earliest due
    first."""
    return list(
        _visible(user)
        .filter(status__in=OWED)
        .select_related("contact")
        .defer(*_LIGHT)
        .order_by("due_at")
    )


def recipient_for(contact: Contact, kind: str, owed: Letter | None) -> Recipient:
    """Who a new letter of `kind` is to, before the worker changes it: the referrer, or
    for a family letter the first parent or carer on the contact with their address."""
    if owed is not None:
        return Recipient(owed.recipient_name, owed.recipient_email, owed.recipient_address)
    if kind == LetterKind.FAMILY:
        parent = (
            contact.subjects.filter(role=SubjectRole.PARENT_CARER)
            .select_related("person__household")
            .order_by("pk")
            .first()
        )
        if parent is None:
            return Recipient("")
        household = parent.person.household
        address = f"{household.address}\n{household.postcode}".strip() if household else ""
        return Recipient(parent.person.full_name, address=address)
    if kind == LetterKind.INSTRUCTIONS and contact.referral_source in PUBLIC_SOURCES:
        return Recipient("")  # instructions go to a school or professional
    return Recipient(contact.referrer_name, contact.referrer_email)


_NOTE: dict[str, str] = {
    LetterStatus.FAILED: " (failed)",
    LetterStatus.SENT_UNCONFIRMED: " (sent — unconfirmed)",
}


@dataclass(frozen=True)
class Owed:
    """A letter still owed on a contact, for the contact page and the work tray."""

    label: str
    due_at: datetime
    overdue: bool


def owed_on_contact(
    contact: Contact,
    letters: list[Letter],
    now: datetime | None = None,
    *,
    settings: LetterClocks | None = None,
    hours: OfficeHours | None = None,
) -> list[Owed]:
    """What is still owed: each letter not sent, and a school's same-day feedback until
    an outcome letter has gone. A list of contacts passes `settings` and `hours`, read once
    for the page, so the list costs no query per contact."""
    now = now or timezone.now()
    owed = [
        Owed(
            letter.get_kind_display() + _NOTE.get(letter.status, ""),
            letter.due_at,
            letter.due_at <= now,
        )
        for letter in letters
        if letter.status in OWED
    ]
    # A school's same-day feedback is owed from receipt while the contact is open; once the
    # outcome letter exists it is listed itself (with the same due time).
    is_open = contact.status in (Status.SUBMITTED, Status.IN_SCREENING)
    has_outcome = any(x.kind == LetterKind.OUTCOME for x in letters)
    if is_open and is_school_referral(contact) and not has_outcome:
        due = school_feedback_due(contact, settings or letter_settings(), hours=hours)
        owed.append(Owed("Feedback to the school", due, due <= now))
    return sorted(owed, key=lambda item: item.due_at)


def letters_failed(*, user: User) -> QuerySet[Letter]:
    """Letters that could not be sent, for the managers' view."""
    return _visible(user).filter(status=LetterStatus.FAILED)


def letter_kinds_writable(contact: Contact) -> list[str]:
    """Which letters a worker may write about `contact` now: a consultation's record only;
    for a contact the acknowledgement, instructions and a family letter, and the outcome
    letter once a decision is final; for an anonymous referrer only a family letter (no one
    to write to but the family, ADR 0013)."""
    if contact.referrer_anonymous:
        return [LetterKind.FAMILY]
    if contact.kind == "consultation":
        return [LetterKind.CONSULTATION_RECORD]
    kinds: list[str] = [LetterKind.ACKNOWLEDGEMENT, LetterKind.INSTRUCTIONS, LetterKind.FAMILY]
    if latest_final_decision(contact) is not None:
        kinds.insert(1, LetterKind.OUTCOME)
    return kinds


def may_write_letters(*, user: User, contact: Contact) -> bool:
    """A letter about a contact with a restricted person is written, read and sent only by
    someone with access to every person on it (ADR 0025): it names the children and may
    go to where they live."""
    people = [s.person for s in contact.subjects.select_related("person")]
    return may_see_all(viewer=user, people=people)


def letter_writer_check(*, user: User, contact: Contact) -> None:
    """Refuse (403) a letter page `user` may not see (`may_write_letters`)."""
    if not may_write_letters(user=user, contact=contact):
        raise PermissionDenied(RESTRICTED)


def letter_already_queued(letter_id: uuid.UUID) -> bool:
    """A letter with this one-time id has been queued or sent: the form was posted again
    (a double click, a second tab, a resent request)."""
    return Letter.objects.filter(pk=letter_id).exclude(status=LetterStatus.TO_SEND).exists()
