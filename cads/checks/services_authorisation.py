"""A worker's request that a team manager authorise checks without consent, and the
manager's answer (sussexchildprotection 4.1.6: a manager authorises seeking information
without consent, with reasons). The request waits in the managers' list; alerts registers
for the moments published here, so the managers hear of it and the worker of the answer.
One audit event each."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.checks.models import AuthorisationRequest, ConsentOverride
from cads.checks.moments import AuthorisationEvent, authorisation_answered, authorisation_requested
from cads.checks.selectors import consent_authorised
from cads.checks.services import CheckRefusedError
from cads.checks.workflow import (
    AuthorisationStatus,
    TransitionError,
    check_authorisation_transition,
)
from cads.contacts.models import Contact


@transaction.atomic
def authorisation_request(*, actor: User, contact: Contact, reasons: str) -> AuthorisationRequest:
    """Ask the team managers to authorise checks without consent. Asking while a request
    waits returns that request: the managers' list has one entry per contact."""
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if consent_authorised(locked):
        raise CheckRefusedError(
            "Checks on this contact need no authorisation: you can request them"
        )
    if not reasons.strip():
        raise CheckRefusedError("Enter why checks should go ahead without consent")
    waiting = AuthorisationRequest.objects.filter(
        contact=locked, status=AuthorisationStatus.WAITING
    ).first()
    if waiting is not None:
        return waiting
    request = AuthorisationRequest.objects.create(
        contact=locked, requested_by=actor, reasons=reasons.strip()
    )
    case_event_record(
        subject=locked,
        actor=actor,
        kind="checks.authorisation_requested",
        new={"request": str(request.pk), "consent": locked.consent},
        reason=request.reasons,
    )
    authorisation_requested.publish(AuthorisationEvent(request=request, actor=actor))
    return request


def _answer(
    request: AuthorisationRequest,
    actor: User,
    status: str,
    answer: str,
    override: ConsentOverride | None,
) -> None:
    request.status = status
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.answer = answer
    request.override = override
    request.save(update_fields=["status", "answered_by", "answered_at", "answer", "override"])


@transaction.atomic
def authorisation_answer(
    *, actor: User, request: AuthorisationRequest, authorise: bool, answer: str
) -> AuthorisationRequest:
    """A team manager authorises checks without consent (the authority the checks need,
    with reasons) or declines, with reasons; the worker is told either way."""
    locked = (
        AuthorisationRequest.objects.select_for_update()
        .select_related("contact")
        .get(pk=request.pk)
    )
    target = AuthorisationStatus.AUTHORISED if authorise else AuthorisationStatus.DECLINED
    try:
        check_authorisation_transition(locked.status, target)
    except TransitionError as exc:
        raise CheckRefusedError(str(exc)) from exc
    if not answer.strip():
        raise CheckRefusedError("Enter the reasons for your answer")
    override = (
        ConsentOverride.objects.create(
            contact=locked.contact, authorised_by=actor, reasons=answer.strip()
        )
        if authorise
        else None
    )
    _answer(locked, actor, target, answer.strip(), override)
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="checks.authorisation_answered",
        old={"status": AuthorisationStatus.WAITING},
        new={
            "request": str(locked.pk),
            "status": target,
            "override": override.pk if override else None,
        },
        reason=locked.answer,
    )
    authorisation_answered.publish(AuthorisationEvent(request=locked, actor=actor))
    return locked


def waiting_requests_answer(
    *, actor: User, override: ConsentOverride
) -> list[AuthorisationRequest]:
    """A manager who authorises from the contact's checks answers any request waiting on
    it too, so the worker hears (called inside consent_override_authorise's transaction)."""
    answered = []
    for request in AuthorisationRequest.objects.select_for_update().filter(
        contact=override.contact, status=AuthorisationStatus.WAITING
    ):
        _answer(request, actor, AuthorisationStatus.AUTHORISED, override.reasons, override)
        authorisation_answered.publish(AuthorisationEvent(request=request, actor=actor))
        answered.append(request)
    return answered
