"""The history-first screen: what is already known about each child and their household,
read before anyone contacts the family (Lancashire finding; incumbents §8, failure mode 5).

Previous contacts come from the contact spine, their outcomes from decisions, open referrals
from referrals and previous partner checks from checks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import access_log_record
from cads.checks.selectors import previous_checks_by_person
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact, ContactSubject
from cads.contacts.workflow import Status as ContactStatus
from cads.decisions.selectors import outcome_by_contact
from cads.people.models import Person
from cads.people.restriction import PersonShown, people_shown
from cads.people.selectors import current_flags, household_now, may_see_restricted
from cads.referrals.selectors import open_referrals_by_person

YEAR = datetime.timedelta(days=365)


@dataclass
class PreviousContact:
    contact: Contact
    status: str
    outcome: str


@dataclass
class PersonHistory:
    person: Person
    role: str
    visible: bool
    flags: list[str] = field(default_factory=list)
    previous: list[PreviousContact] = field(default_factory=list)
    last_year: int = 0
    household: list[Person] = field(default_factory=list)
    # Who lives with them, each as the viewer may see them (restricted: no name, no flags).
    household_with_flags: list[tuple[PersonShown, list[str]]] = field(default_factory=list)
    referrals: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


def _previous_contacts(person: Person, current: Contact) -> list[Contact]:
    subjects = (
        ContactSubject.objects.filter(person=person)
        .exclude(contact=current)
        .exclude(contact__status__in=[ContactStatus.DRAFT, ContactStatus.DISCARDED])
        .select_related("contact")
        .order_by("-contact__received_at")
    )
    return [s.contact for s in subjects]


def _person_history(
    subject: ContactSubject, contact: Contact, user: User, since: datetime.datetime
) -> PersonHistory:
    person = subject.person
    visible = may_see_restricted(user=user, person=person)
    entry = PersonHistory(person, subject.get_role_display(), visible)
    if not visible:
        return entry
    previous = _previous_contacts(person, contact)
    found = outcome_by_contact([c.pk for c in previous])
    entry.previous = [
        PreviousContact(c, c.get_status_display(), "; ".join(found.get(c.pk, []))) for c in previous
    ]
    entry.last_year = sum(1 for c in previous if c.received_at >= since)
    entry.household = household_now(person)
    return entry


def _add_flags_and_hooks(request: HttpRequest, user: User, entries: list[PersonHistory]) -> None:
    living = [p for e in entries for p in e.household]
    # A name in a list is a view: each visible household member is logged.
    shown = people_shown(request=request, viewer=user, people=living)
    ids = [e.person.pk for e in entries if e.visible]
    ids += [p.pk for p in living if shown[p.pk].visible]
    flags = current_flags(ids)
    open_referrals = open_referrals_by_person(ids)
    previous_checks = previous_checks_by_person(ids)
    for entry in entries:
        if not entry.visible:
            continue
        entry.flags = flags.get(entry.person.pk, [])
        entry.household_with_flags = [(shown[p.pk], flags.get(p.pk, [])) for p in entry.household]
        entry.referrals = open_referrals.get(entry.person.pk, [])
        entry.checks = previous_checks.get(entry.person.pk, [])


def contact_history(*, request: HttpRequest, user: User, contact: Contact) -> list[PersonHistory]:
    """History of every child on the contact, then the other people on it, each record
    viewed in the access log; restricted records say only that they are restricted."""
    since = timezone.now() - YEAR
    subjects = sorted(
        contact.subjects.select_related("person"),
        key=lambda s: (s.role != SubjectRole.CHILD, s.person.family_name, s.person.given_name),
    )
    entries = [_person_history(s, contact, user, since) for s in subjects]
    _add_flags_and_hooks(request, user, entries)
    for entry in entries:
        if entry.visible:
            access_log_record(request=request, subject=entry.person)
    return entries
