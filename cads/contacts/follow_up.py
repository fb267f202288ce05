"""A new concern about the children of a closed contact (issue 5: "a closed contact cannot
be reopened to reset a clock — a new concern is a new contact linked to the old").

The new contact is a draft with its own clock from its own received time, about the same
children and family; the referrer is not copied, because the new concern may come from
someone else (ADR 0012)."""

from __future__ import annotations

import datetime

from django.db import transaction

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.contacts.codes import Channel, ContactKind
from cads.contacts.models import Contact, ContactSubject
from cads.contacts.services import is_out_of_hours_worker
from cads.contacts.workflow import Status


class NotClosedError(ValueError):
    """Only a closed contact is followed by a new one; an open one is still being worked."""


@transaction.atomic
def contact_follow_up_start(
    *,
    actor: User,
    earlier: Contact,
    received_at: datetime.datetime,
    channel: str = Channel.PHONE,
) -> Contact:
    """Start a draft contact that follows `earlier`, with the same people on it."""
    earlier = Contact.objects.select_for_update().get(pk=earlier.pk)
    if earlier.status != Status.CLOSED:
        raise NotClosedError(
            f"Contact {earlier} is still open: add the new information to it instead"
        )
    contact = Contact.objects.create(
        kind=ContactKind.CONTACT,
        channel=channel,
        received_at=received_at,
        created_by=actor,
        out_of_hours=is_out_of_hours_worker(actor) or channel == Channel.OUT_OF_HOURS,
        follows=earlier,
    )
    subjects = [
        ContactSubject(
            contact=contact,
            person_id=subject.person_id,
            role=subject.role,
            parental_responsibility=subject.parental_responsibility,
        )  # whereabouts is today's answer, asked again
        for subject in earlier.subjects.all()
    ]
    ContactSubject.objects.bulk_create(subjects)
    case_event_record(
        subject=contact,
        actor=actor,
        kind="contact.follow_up_started",
        new={
            "follows": earlier.reference,
            "channel": channel,
            "received_at": received_at.isoformat(),
            "people": [str(s.person_id) for s in subjects],
        },
    )
    return contact
