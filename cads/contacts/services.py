"""Writes to contacts. Each is atomic and writes one case event; every section saves when
the user continues, so a closed browser or a restart loses nothing already saved."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.audit.selectors import case_events_for_subject
from cads.audit.services import case_event_record
from cads.authority.selectors import office_hours
from cads.contacts.codes import Channel, ContactKind
from cads.contacts.drafts import check_may_change
from cads.contacts.models import Contact, ContactSubject
from cads.contacts.moments import ContactEvent, contact_rated_red, contact_submitted
from cads.contacts.sections import BY_SLUG, missing_for_submit
from cads.contacts.workflow import Status, check_transition
from cads.core.clocks import is_out_of_hours, next_working_moment
from cads.people.models import Person

RED = "red"


class StaleContactError(Exception):
    """Someone saved this contact after this copy was opened; nothing was overwritten."""


class IncompleteContactError(Exception):
    def __init__(self, missing: list[str]) -> None:
        super().__init__("; ".join(missing))
        self.missing = missing


def _json(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in values.items()}


def _locked(contact: Contact, expected_version: int | None = None) -> Contact:
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleContactError
    return locked


def _same_save_again(
    locked: Contact,
    section: str,
    changes: dict[str, Any],
    before: dict[str, Any],
    actor_id: int | None,
) -> bool:
    """Your own double click on "Save and continue": the last save of this contact was
    yours, of this section, with exactly these answers; nothing typed would be lost."""
    if section not in locked.sections_done or any(before.get(k) != v for k, v in changes.items()):
        return False
    last = case_events_for_subject(subject=locked).order_by("-occurred_at").first()
    return (
        last is not None
        and last.actor_id == actor_id
        and last.kind == "contact.section_saved"
        and (last.data or {}).get("new", {}).get("section") == section
    )


def is_out_of_hours_worker(user: User | None) -> bool:
    return user is not None and user.groups.filter(name=Role.OUT_OF_HOURS_WORKER).exists()


@transaction.atomic
def contact_start(
    *,
    actor: User | None,
    received_at: datetime.datetime,
    channel: str = Channel.PHONE,
    kind: str = ContactKind.CONTACT,
    start_key: uuid.UUID | None = None,
) -> Contact:
    """Open a draft. The clock runs from `received_at`, entered by the worker for a call.
    `start_key` is the start form's one-time key: the same key posted again, even at the
    same moment, finds the draft the first post opened (another user's key opens nothing
    of theirs: a new draft without the key)."""
    if start_key is not None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"start:{start_key}"]
            )
        started = Contact.objects.filter(start_key=start_key).first()
        if started is not None and started.created_by_id == (actor.pk if actor else None):
            return started
        start_key = None if started is not None else start_key
    out_of_hours = is_out_of_hours_worker(actor) or channel == Channel.OUT_OF_HOURS
    contact = Contact.objects.create(
        kind=kind,
        channel=channel,
        received_at=received_at,
        created_by=actor,
        out_of_hours=out_of_hours,
        start_key=start_key,
    )
    case_event_record(
        subject=contact,
        actor=actor,
        kind="contact.started",
        new={"kind": kind, "channel": channel, "received_at": received_at.isoformat()},
    )
    return contact


@transaction.atomic
def contact_immediate_risk_record(*, actor: User, contact: Contact, at_risk: bool) -> Contact:
    """The first question. Yes marks the contact red, so it tops the queue once saved."""
    locked = _locked(contact)
    check_may_change(actor, locked)
    old = {"immediate_risk": locked.immediate_risk, "rag": locked.rag}
    locked.immediate_risk = at_risk
    if at_risk:
        locked.rag = RED
    locked.version += 1
    locked.save()
    case_event_record(
        subject=locked,
        actor=actor,
        kind="contact.immediate_risk_recorded",
        old=old,
        new={"immediate_risk": at_risk, "rag": locked.rag},
    )
    return locked


@transaction.atomic
def contact_section_save(
    *,
    actor: User | None,
    contact: Contact,
    section: str,
    changes: dict[str, Any],
    expected_version: int | None = None,
) -> Contact:
    """Save one task-list section and mark it done. Only that section's fields change."""
    allowed = set(BY_SLUG[section].fields)
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"fields not in section {section}: {sorted(unknown)}")
    locked = _locked(contact)
    if locked.status not in (Status.DRAFT,):
        raise StaleContactError
    check_may_change(actor, locked)
    before = model_to_dict(locked, fields=list(changes))
    if expected_version is not None and locked.version != expected_version:
        if _same_save_again(locked, section, changes, before, actor.pk if actor else None):
            return locked
        raise StaleContactError
    changed = {k: v for k, v in changes.items() if before.get(k) != v}
    for field, value in changed.items():
        setattr(locked, field, value)
    if section not in locked.sections_done:
        locked.sections_done = [*locked.sections_done, section]
    locked.version += 1
    locked.save()
    case_event_record(
        subject=locked,
        actor=actor,
        kind="contact.section_saved",
        old=_json({k: before[k] for k in changed}),
        new=_json(changed) | {"section": section},
    )
    return locked


@transaction.atomic
def contact_subject_add(
    *,
    actor: User,
    contact: Contact,
    person: Person,
    role: str,
    parental_responsibility: bool | None = None,
    whereabouts: str = "",
) -> ContactSubject:
    """Put a person (found or created through search before create) on the contact."""
    check_may_change(actor, contact)
    subject, created = ContactSubject.objects.update_or_create(
        contact=contact,
        person=person,
        defaults={
            "role": role,
            "parental_responsibility": parental_responsibility,
            "whereabouts": whereabouts,
        },
    )
    case_event_record(
        subject=contact,
        actor=actor,
        kind="contact.subject_added" if created else "contact.subject_changed",
        new={"person": str(person.pk), "role": role, "whereabouts": whereabouts},
    )
    return subject


@transaction.atomic
def contact_subject_remove(*, actor: User, subject: ContactSubject) -> None:
    contact, person_id = subject.contact, subject.person_id
    check_may_change(actor, contact)
    subject.delete()
    case_event_record(
        subject=contact, actor=actor, kind="contact.subject_removed", old={"person": str(person_id)}
    )


def next_reference(received_at: datetime.datetime) -> str:
    """C-<year received>-<six digits from a sequence>, e.g. C-2026-000123."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval('contacts_reference_seq')")
        (number,) = cursor.fetchone()
    return f"C-{timezone.localtime(received_at).year}-{number:06d}"


def queue_time(contact: Contact) -> datetime.datetime:
    """When the contact joins the CADS queue: at once, except out-of-hours contacts, which
    join at the start of the next working day (the EDT hand-over, incumbents §5.3)."""
    hours = office_hours()
    if contact.out_of_hours and is_out_of_hours(timezone.now(), hours=hours):
        return next_working_moment(timezone.now(), hours=hours)
    return contact.received_at


def submission_claim(submission_key: uuid.UUID) -> Contact | None:
    """The contact already made with this submission key (a double click, a retried
    request, a resent form), or None. Takes a transaction lock on the key first, so a second
    request with the same key waits for the first and then finds its contact: one contact
    per key, whichever channel, never two."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"submit:{submission_key}"]
        )
    return Contact.objects.filter(submission_key=submission_key).first()


@transaction.atomic
def contact_submit(*, actor: User | None, contact: Contact, submission_key: uuid.UUID) -> Contact:
    """Submit a draft to the front-door queue with a reference: the one way in for every
    channel (staff intake, a converted consultation, out of hours, the public online form).
    Checks the move, gives the reference, starts the clocks (the queue time hands an
    out-of-hours contact to the next opening), and publishes `contact_submitted` (and
    `contact_rated_red` for immediate risk) in this transaction. Idempotent on the key."""
    done = submission_claim(submission_key)
    if done is not None:
        return done
    locked = _locked(contact)
    if locked.status == Status.SUBMITTED:
        return locked
    check_may_change(actor, locked)
    missing = missing_for_submit(locked)
    if missing:
        raise IncompleteContactError(missing)
    check_transition(locked.status, Status.SUBMITTED)
    locked.status = Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.reference = locked.reference or next_reference(locked.received_at)
    locked.queue_from = queue_time(locked)
    locked.submission_key = submission_key
    locked.version += 1
    locked.save()
    case_event_record(
        subject=locked,
        actor=actor,
        kind="contact.submitted",
        new={
            "reference": locked.reference,
            "channel": locked.channel,
            "queue_from": locked.queue_from.isoformat(),
        },
    )
    event = ContactEvent(contact=locked, actor=actor)
    contact_submitted.publish(event)
    if locked.rag == RED:  # immediate risk at intake: managers hear at once (ADR 0014)
        contact_rated_red.publish(event)
    return locked
