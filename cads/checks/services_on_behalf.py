"""A partner's answer recorded by CADS staff on the partner's behalf: the health visitor
who rings back, the police officer who answers at a strategy meeting. Who gave it, how and
when are kept on the check, and the information-sharing record says the answer was given by
that person and recorded by staff (Information sharing advice 2024, golden rule 7: record
what was shared, by whom, how and why)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.checks.models import AnswerGivenHow, CheckRequest, InformationSharingRecord
from cads.checks.selectors import consent_status_text
from cads.checks.services import CheckRefusedError, _move
from cads.checks.workflow import OPEN_STATUSES, Status


def _when_words(at: datetime.datetime) -> str:
    return timezone.localtime(at).strftime("%-d %B %Y at %H:%M")


def _validate(check: CheckRequest, given_at: datetime.datetime, response: str) -> None:
    if check.status not in OPEN_STATUSES:
        raise CheckRefusedError(
            f"This check is {check.get_status_display().lower()}: it cannot be answered now"
        )
    if not response.strip():
        raise CheckRefusedError("Enter the partner's answer")
    if given_at > timezone.now():
        raise CheckRefusedError("The time the answer was given must be in the past")
    # Times are typed to the minute: an answer in the minute the check was asked counts.
    if given_at < check.requested_at.replace(second=0, microsecond=0):
        raise CheckRefusedError("The answer cannot have been given before the check was asked")


@transaction.atomic
def check_answer_on_behalf(
    *,
    actor: User,
    check: CheckRequest,
    response: str,
    given_by: str,
    given_how: str,
    given_at: datetime.datetime,
) -> CheckRequest:
    """Record the partner's answer for them and complete the check: the partner gave a
    final answer, so nothing is left for them to do in CADS."""
    how = AnswerGivenHow(given_how)
    if not given_by.strip():
        raise CheckRefusedError("Enter who gave the answer")
    locked = (
        CheckRequest.objects.select_for_update()
        .select_related("contact", "organisation")
        .get(pk=check.pk)
    )
    _validate(locked, given_at, response)
    if locked.status == Status.REQUESTED:
        _move(locked, Status.RESPONDED)
    _move(locked, Status.COMPLETED)
    now = timezone.now()
    locked.response = response.strip()
    locked.responded_by, locked.responded_at, locked.completed_at = actor, now, now
    locked.given_by, locked.given_how, locked.given_at = given_by.strip(), how, given_at
    locked.save()
    asked = locked.sharing_records.filter(shared=True).order_by("created_at").first()
    said = f"{locked.given_by} ({locked.organisation}) {how.label.lower()}"
    InformationSharingRecord.objects.create(
        contact=locked.contact,
        organisation=locked.organisation,
        check_request=locked,
        shared=True,
        from_partner=True,
        information=f"Answer to the check, given by {said} on {_when_words(given_at)}",
        lawful_basis=asked.lawful_basis if asked else "",
        consent_status=consent_status_text(locked.contact),
        decided_by=actor,
        reasons=f"Given by {said}; recorded by {actor} on the partner's behalf",
    )
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="checks.answered_on_behalf",
        new={
            "check": str(locked.pk),
            "organisation": str(locked.organisation_id),
            "given_by": locked.given_by,
            "given_how": how.value,
            "given_at": given_at.isoformat(),
        },
    )
    return locked
