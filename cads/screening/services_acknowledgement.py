"""The referrer is told their contact was received and is being looked at: within one
working day of receipt by default (Working Together 2023 feedback to referrers; the clock is
deadlines.due.acknowledgement_due). Delivering letters is a later issue: this records
when and how the screener did it."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.screening.models import AcknowledgementMethod, Screening
from cads.screening.services import _locked, _save


class AcknowledgementError(ValueError):
    """An acknowledgement that cannot be recorded as given."""


@transaction.atomic
def screening_acknowledgement_record(
    *,
    actor: User,
    screening: Screening,
    at: datetime.datetime,
    how: str,
    expected_version: int,
) -> Screening:
    """Record that the referrer was acknowledged, when and how (phone, email or letter)."""
    how = AcknowledgementMethod(how)
    if screening.contact.referrer_anonymous:
        raise AcknowledgementError("The referrer is anonymous: there is nobody to acknowledge")
    if at > timezone.now():
        raise AcknowledgementError("The time the referrer was acknowledged must be in the past")
    if at < screening.contact.received_at:
        raise AcknowledgementError(
            "The referrer cannot have been acknowledged before the contact was received"
        )
    locked = _locked(screening, expected_version)
    old = {
        "acknowledged_at": locked.referrer_acknowledged_at,
        "how": locked.referrer_acknowledged_how,
    }
    locked.referrer_acknowledged_at = at
    locked.referrer_acknowledged_how = how
    locked.referrer_acknowledged_by = actor
    fields = ["referrer_acknowledged_at", "referrer_acknowledged_how", "referrer_acknowledged_by"]
    _save(locked, fields)
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="screening.referrer_acknowledged",
        old={k: v.isoformat() if isinstance(v, datetime.datetime) else v for k, v in old.items()},
        new={"acknowledged_at": at.isoformat(), "how": how.value},
    )
    return locked
