"""Every write to partner checks: request, respond, complete, cancel, escalate. Each is
keyword-only, typed, atomic, and writes exactly one audit event on the contact's timeline;
every disclosure writes its information-sharing record in the same transaction (golden
rule 7: record what was shared, with whom, how the decision was made and why)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cads.accounts.models import Organisation, User
from cads.audit.services import case_event_record
from cads.checks.models import CheckRequest, InformationSharingRecord, LawfulBasis
from cads.checks.selectors import consent_authorised, consent_status_text
from cads.checks.workflow import Status, check_transition
from cads.contacts.models import Contact
from cads.contacts.workflow import Status as ContactStatus
from cads.deadlines.due import check_due

SCREENABLE = (ContactStatus.SUBMITTED, ContactStatus.IN_SCREENING)


class CheckRefusedError(Exception):
    """The action is not allowed now; the message says why, in words for the page."""


class ConsentNotAuthorisedError(CheckRefusedError):
    """Consent was refused or not sought and no team manager has authorised going ahead."""


@dataclass(frozen=True)
class CheckAsk:
    """One question for one partner, with only the information they need to answer it."""

    organisation: Organisation
    question: str
    information: str


def _ensure_can_ask(contact: Contact, asks: Sequence[CheckAsk]) -> None:
    if contact.status not in SCREENABLE:
        raise CheckRefusedError("Checks can only be requested on a contact being screened")
    if not consent_authorised(contact):
        # sussexchildprotection 4.1.6: a manager authorises sharing without consent.
        raise ConsentNotAuthorisedError(
            "A team manager must authorise checks without consent before you can request them"
        )
    if not asks:
        raise CheckRefusedError("Select at least one partner agency")
    for ask in asks:
        if not ask.organisation.is_partner or not ask.organisation.is_active:
            raise CheckRefusedError(f"{ask.organisation} is not an active partner agency")


@transaction.atomic
def checks_request(
    *,
    actor: User,
    contact: Contact,
    asks: Sequence[CheckAsk],
    lawful_basis: LawfulBasis,
    reasons: str,
) -> list[CheckRequest]:
    """Ask each chosen partner its question; each request is due by the contact's RAG
    clock, and each disclosure gets its information-sharing record."""
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    _ensure_can_ask(locked, asks)
    now = timezone.now()
    due = check_due(locked, now)
    consent = consent_status_text(locked)
    created = []
    for ask in asks:
        check = CheckRequest.objects.create(
            contact=locked,
            organisation=ask.organisation,
            question=ask.question,
            shared_information=ask.information,
            requested_by=actor,
            due_at=due,
        )
        InformationSharingRecord.objects.create(
            contact=locked,
            organisation=ask.organisation,
            check_request=check,
            shared=True,
            information=ask.information,
            lawful_basis=lawful_basis,
            consent_status=consent,
            decided_by=actor,
            reasons=reasons,
        )
        created.append(check)
    case_event_record(
        subject=locked,
        actor=actor,
        kind="checks.requested",
        new={
            "checks": [{"id": str(c.pk), "organisation": c.organisation.name} for c in created],
            "due_at": due.isoformat(),
            "lawful_basis": str(lawful_basis),
            "consent": consent,
        },
        reason=reasons,
    )
    return created


def _lock_for_partner(actor: User, check: CheckRequest) -> CheckRequest:
    locked = CheckRequest.objects.select_for_update().select_related("contact").get(pk=check.pk)
    # A partner answers only for their own organisation (issue 5 scoping).
    if actor.organisation_id != locked.organisation_id:
        raise PermissionDenied("This check is addressed to another organisation")
    return locked


def _move(check: CheckRequest, new: Status) -> None:
    try:
        check_transition(check.status, new)
    except Exception as exc:
        raise CheckRefusedError(str(exc)) from exc
    check.status = new


@transaction.atomic
def check_respond(*, actor: User, check: CheckRequest, response: str) -> CheckRequest:
    """The partner records (or updates) their answer; the check is not finished until
    they complete it."""
    locked = _lock_for_partner(actor, check)
    _move(locked, Status.RESPONDED)
    locked.response = response
    locked.responded_by = actor
    locked.responded_at = timezone.now()
    locked.save(update_fields=["status", "response", "responded_by", "responded_at"])
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="checks.responded",
        new={"check": str(locked.pk), "organisation": str(locked.organisation_id)},
    )
    return locked


@transaction.atomic
def check_complete(*, actor: User, check: CheckRequest) -> CheckRequest:
    """The partner says their answer is final; the screener can rely on it."""
    locked = _lock_for_partner(actor, check)
    if not locked.response.strip():
        raise CheckRefusedError("Record your response before you complete the check")
    _move(locked, Status.COMPLETED)
    locked.completed_at = timezone.now()
    locked.save(update_fields=["status", "completed_at"])
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="checks.completed",
        new={"check": str(locked.pk), "organisation": str(locked.organisation_id)},
    )
    return locked


@transaction.atomic
def check_cancel(*, actor: User, check: CheckRequest, reason: str) -> CheckRequest:
    """A team manager cancels an outstanding check, with a reason (issue 5: the contact
    cannot close while checks are outstanding unless a manager cancels them)."""
    if not reason.strip():
        raise CheckRefusedError("Enter why you are cancelling this check")
    locked = CheckRequest.objects.select_for_update().select_related("contact").get(pk=check.pk)
    old_status = locked.status
    _move(locked, Status.CANCELLED)
    locked.cancelled_at = timezone.now()
    locked.cancel_reason = reason
    locked.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="checks.cancelled",
        old={"check": str(locked.pk), "status": old_status},
        new={"status": Status.CANCELLED},
        reason=reason,
    )
    return locked


@transaction.atomic
def check_escalate(*, check: CheckRequest, at: datetime.datetime) -> bool:
    """Mark an overdue, open check escalated to the team managers (the system does it).
    False when it was already escalated, answered in time, or is no longer open."""
    locked = CheckRequest.objects.select_for_update().select_related("contact").get(pk=check.pk)
    still_open = locked.status in (Status.REQUESTED, Status.RESPONDED)
    if locked.escalated_at is not None or not still_open or locked.due_at > at:
        return False
    locked.escalated_at = at
    locked.save(update_fields=["escalated_at"])
    case_event_record(
        subject=locked.contact,
        actor=None,
        kind="checks.escalated",
        new={
            "check": str(locked.pk),
            "organisation": str(locked.organisation_id),
            "due_at": locked.due_at.isoformat(),
        },
    )
    return True
