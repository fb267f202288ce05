"""Writes for the out-of-hours service (ADR 0030): the immediate actions taken on a contact
and the summary the daytime front door reads at the handover."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.contacts.models import Contact
from cads.screening.models import ImmediateAction, OutOfHoursRecord


@transaction.atomic
def out_of_hours_actions_record(
    *, actor: User, contact: Contact, actions: Iterable[str], summary: str
) -> OutOfHoursRecord:
    """Record what the out-of-hours service did (a second record adds to the first, never
    replaces it), with one event on the contact's timeline."""
    codes = [ImmediateAction(code).value for code in actions]
    record = OutOfHoursRecord.objects.create(
        contact=contact,
        actions=codes,
        summary=summary.strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    case_event_record(
        subject=contact,
        actor=actor,
        kind="contact.out_of_hours_actions",
        new={"actions": codes, "summary": record.summary},
    )
    return record
