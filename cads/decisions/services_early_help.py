"""An Early Help pathway advisor declines or returns a step-down, with a reason, and a
front-door screener records what happens now. Working Together 2023: when a step-down is
not taken up, the front door reconsiders the child's needs; the contact stays closed (a
closed contact is never reopened to reset a clock), so the screener's answer is a note,
and a new concern is a new contact linked to the old one (ADR 0032). On an accepted
step-down, an advisor records when the Early Help assessment completed (Annex A list 2)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.decisions.models import EarlyHelpAnswer, EarlyHelpRequest
from cads.decisions.services_referrer import ReferrerFeedbackError


@transaction.atomic
def early_help_request_return(
    *, actor: User, item: EarlyHelpRequest, how: str, reason: str
) -> EarlyHelpRequest:
    """Decline or return the step-down: it leaves the advisors' tray and waits in the
    screeners' work tray with the reason."""
    answer = EarlyHelpAnswer(how)
    if not reason.strip():
        raise ReferrerFeedbackError("Enter why you are sending it back to the front door")
    locked = EarlyHelpRequest.objects.select_for_update().get(pk=item.pk)
    if locked.accepted_at is not None:
        raise ReferrerFeedbackError("This Early Help request has already been accepted")
    if locked.returned_at is not None:
        raise ReferrerFeedbackError("This Early Help request has already been sent back")
    locked.returned_at, locked.returned_by = timezone.now(), actor
    locked.returned_how, locked.returned_reason = answer, reason.strip()
    locked.save(update_fields=["returned_at", "returned_by", "returned_how", "returned_reason"])
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind=f"early_help.{answer.value}",
        new={"early_help_request": str(locked.pk), "how": answer.value},
        reason=locked.returned_reason,
    )
    return locked


@transaction.atomic
def early_help_return_follow_up(
    *, actor: User, item: EarlyHelpRequest, note: str
) -> EarlyHelpRequest:
    """A screener records what happens now; the step-down leaves the work tray."""
    if not note.strip():
        raise ReferrerFeedbackError("Enter what happens now")
    locked = EarlyHelpRequest.objects.select_for_update().get(pk=item.pk)
    if locked.returned_at is None:
        raise ReferrerFeedbackError("Early Help has not sent this step-down back")
    if locked.followed_up_at is not None:
        raise ReferrerFeedbackError("What happens now has already been recorded")
    locked.followed_up_at, locked.followed_up_by = timezone.now(), actor
    locked.followed_up_note = note.strip()
    locked.save(update_fields=["followed_up_at", "followed_up_by", "followed_up_note"])
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="early_help.followed_up",
        new={"early_help_request": str(locked.pk)},
        reason=locked.followed_up_note,
    )
    return locked


class AssessmentDateError(ReferrerFeedbackError):
    """A completion date the record cannot hold; the form shows it against the date boxes."""


@transaction.atomic
def early_help_assessment_complete(
    *, actor: User, item: EarlyHelpRequest, completed_on: datetime.date
) -> EarlyHelpRequest:
    """Record the day the Early Help assessment completed. Ofsted Annex A list 2: the
    completion date cannot come before the assessment started (the day an advisor accepted
    the step-down) nor lie in the future. Recording it again corrects it; the timeline
    keeps the earlier date."""
    locked = EarlyHelpRequest.objects.select_for_update().get(pk=item.pk)
    if locked.accepted_at is None:
        raise ReferrerFeedbackError(
            "Accept this Early Help request before recording its assessment"
        )
    started = timezone.localdate(locked.accepted_at)
    if completed_on < started:
        raise AssessmentDateError(
            "Date the assessment completed must be the same as or after "
            f"{started:%-d %B %Y}, when Early Help accepted it"
        )
    if completed_on > timezone.localdate():
        raise AssessmentDateError("Date the assessment completed must be today or in the past")
    before = locked.assessment_completed_on
    locked.assessment_completed_on = completed_on
    locked.save(update_fields=["assessment_completed_on"])
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="early_help.assessment_completed",
        old={"completed_on": before.isoformat()} if before else None,
        new={"early_help_request": str(locked.pk), "completed_on": completed_on.isoformat()},
    )
    return locked
