"""What a referrer (a school's safeguarding lead, a GP, a health visitor) sees of the
contacts they raised: the reference, the children's initials, the status in words, the
instructions they are asked to acknowledge and the letters sent to them. Nothing else: no
names, no screening, no decision reasons beyond what their letters say (ADR 0032).

A referrer is matched by the email address on their account, which the administrator
sets: the contacts that give it as the referrer's, and the letters sent to it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest

from cads.accounts.models import User
from cads.accounts.roles import FOLLOW_OWN_CONTACTS
from cads.audit.services import access_log_record, access_log_record_many
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact
from cads.contacts.workflow import Status
from cads.letters.models import Letter
from cads.people.restriction import initials_for_referrer

# The status a referrer reads, in their words rather than the front door's.
STATUS_WORDS = {
    Status.SUBMITTED: "Received",
    Status.IN_SCREENING: "Being looked at",
    Status.CLOSED: "Decision made",
    Status.CONSULTATION_RECORDED: "Consultation recorded",
}
SHOWN_LIMIT = 100  # the most recent; older ones are in the letters the referrer keeps


@dataclass
class ReferrerRow:
    contact: Contact
    initials: list[str]
    status: str
    letters: list[Letter] = field(default_factory=list)


def _email(user: User) -> str:
    if not user.has_perm(FOLLOW_OWN_CONTACTS):
        return ""
    return (user.email or "").strip()


def letters_to(user: User) -> QuerySet[Letter]:
    """Letters sent to the user's email address, newest first."""
    email = _email(user)
    if not email:
        return Letter.objects.none()
    return (
        Letter.objects.filter(recipient_email__iexact=email, sent_at__isnull=False)
        .select_related("contact")
        .order_by("-sent_at")
    )


def instructions_waiting(user: User) -> QuerySet[Letter]:
    """Instructions sent to the user that they have not yet acknowledged, oldest first."""
    return (
        letters_to(user)
        .filter(acknowledgement_required=True, acknowledged_at__isnull=True)
        .order_by("sent_at")
    )


def _initials(contact: Contact) -> tuple[list[str], list[Model]]:
    """The children's initials and the person records they came from (to log them)."""
    children = [s.person for s in contact.subjects.all() if s.role == SubjectRole.CHILD]
    if children:
        initials = initials_for_referrer(children)
        shown = [p for p in children if initials[p.pk]]
        return [initials[p.pk] for p in shown], list(shown)
    # Not yet screened: the children as the referrer named them, never a restricted record
    # they were matched to.
    named = [
        n
        for n in contact.named_people.all()
        if n.role == SubjectRole.CHILD and not (n.person and n.person.restricted)
    ]
    words = ["".join(w[:1].upper() for w in (n.given_name, n.family_name)) for n in named]
    return [w for w in words if w], []


def referrer_rows(*, request: HttpRequest, user: User) -> list[ReferrerRow]:
    """The user's contacts, newest first, each with its letters to them; each contact and
    each child whose initials are shown is written to the access log."""
    email = _email(user)
    if not email:
        return []
    letters = list(letters_to(user))
    mine = Q(referrer_email__iexact=email) | Q(pk__in={letter.contact_id for letter in letters})
    contacts = (
        Contact.objects.filter(mine)
        .exclude(status__in=[Status.DRAFT, Status.DISCARDED])
        .prefetch_related("subjects__person", "named_people__person")
        .order_by("-received_at")[:SHOWN_LIMIT]
    )
    rows, seen = [], []
    for contact in contacts:
        initials, people = _initials(contact)
        status = STATUS_WORDS.get(Status(contact.status), contact.get_status_display())
        own = [letter for letter in letters if letter.contact_id == contact.pk]
        rows.append(ReferrerRow(contact, initials, status, own))
        seen += [contact, *people]
    access_log_record_many(request=request, subjects=seen)
    return rows


def letter_get_for_referrer(*, request: HttpRequest, user: User, pk: uuid.UUID) -> Letter:
    """One letter sent to the user (404 for any other letter); opening it is logged."""
    letter = letters_to(user).filter(pk=pk).first()
    if letter is None:
        raise Http404("No letter found")
    access_log_record(request=request, subject=letter.contact)
    return letter
