"""Reads of decisions and Early Help requests, scoped to the user; opening a decision or an
Early Help request is a view of the contact and is logged."""

from __future__ import annotations

import uuid

from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from cads.accounts.models import User
from cads.accounts.roles import (
    ADD_DECISION,
    SIGN_OFF_DECISION,
    VIEW_DECISION,
    VIEW_EARLY_HELP_REQUEST,
)
from cads.audit.services import access_log_record
from cads.contacts.models import Contact
from cads.decisions.models import Decision, EarlyHelpRequest
from cads.decisions.workflow import DecisionStatus


def decisions_for_user(user: User) -> QuerySet[Decision]:
    if not user.has_perm(VIEW_DECISION):
        return Decision.objects.none()
    return Decision.objects.select_related("contact", "decided_by", "signed_off_by")


def decision_get_for_view(*, request: HttpRequest, user: User, pk: uuid.UUID) -> Decision:
    decision = get_object_or_404(decisions_for_user(user), pk=pk)
    access_log_record(request=request, subject=decision.contact)
    return decision


def decisions_awaiting_sign_off(user: User) -> QuerySet[Decision]:
    """Management oversight: decisions waiting for a team manager, oldest first."""
    if not user.has_perm(SIGN_OFF_DECISION):
        return Decision.objects.none()
    return (
        decisions_for_user(user)
        .filter(status=DecisionStatus.AWAITING_SIGN_OFF)
        .prefetch_related("contact__subjects__person")
        .order_by("decided_at")
    )


def decisions_on_contact(*, user: User, contact: Contact) -> QuerySet[Decision]:
    return decisions_for_user(user).filter(contact=contact).order_by("decided_at")


def early_help_requests_for_user(user: User) -> QuerySet[EarlyHelpRequest]:
    """The Early Help pathway advisors' tray, oldest first."""
    if not user.has_perm(VIEW_EARLY_HELP_REQUEST):
        return EarlyHelpRequest.objects.none()
    return (
        EarlyHelpRequest.objects.select_related("contact", "decision", "accepted_by")
        .prefetch_related("contact__subjects__person")
        .order_by(F("accepted_at").desc(nulls_first=True), "created_at")
    )


def early_help_returns_for_screeners(user: User) -> QuerySet[EarlyHelpRequest]:
    """Step-downs Early Help declined or returned that no screener has followed up: they
    head the work tray of everyone who decides contacts."""
    if not user.has_perm(ADD_DECISION):
        return EarlyHelpRequest.objects.none()
    return (
        EarlyHelpRequest.objects.filter(returned_at__isnull=False, followed_up_at__isnull=True)
        .select_related("contact", "returned_by")
        .order_by("returned_at")
    )


def early_help_return_get_for_view(
    *, request: HttpRequest, user: User, pk: uuid.UUID
) -> EarlyHelpRequest:
    """One sent-back step-down for a screener (404 for anyone who does not decide)."""
    if not user.has_perm(ADD_DECISION):
        raise Http404("No Early Help request found")
    item = get_object_or_404(
        EarlyHelpRequest.objects.filter(returned_at__isnull=False).select_related(
            "contact", "decision", "returned_by", "followed_up_by"
        ),
        pk=pk,
    )
    access_log_record(request=request, subject=item.contact)
    return item


def early_help_request_get_for_view(
    *, request: HttpRequest, user: User, pk: uuid.UUID
) -> EarlyHelpRequest:
    item = get_object_or_404(early_help_requests_for_user(user), pk=pk)
    access_log_record(request=request, subject=item.contact)
    return item


def decision_to_replace(contact: Contact) -> Decision | None:
    """The latest decision a team manager returned and nobody has yet re-proposed."""
    return (
        Decision.objects.filter(
            contact=contact, status=DecisionStatus.RETURNED, replaced_by__isnull=True
        )
        .order_by("-decided_at")
        .first()
    )


def early_help_waiting(user: User) -> QuerySet[EarlyHelpRequest]:
    """Early Help requests waiting for an advisor to accept them (counted in the navigation)."""
    waiting = early_help_requests_for_user(user).filter(accepted_at__isnull=True)
    return waiting.filter(returned_at__isnull=True)


def outcome_by_contact(contact_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """For the history-first screen (screening.history): the outcomes decided on earlier
    contacts, in words, with the decision's status while it awaits sign-off."""
    found: dict[uuid.UUID, list[str]] = {}
    decisions = (
        Decision.objects.filter(contact_id__in=contact_ids)
        .exclude(status=DecisionStatus.RETURNED)
        .order_by("decided_at")
    )
    for decision in decisions:
        outcomes = ", ".join(decision.outcome_labels)
        if decision.status != DecisionStatus.AGREED:
            outcomes += f" ({decision.get_status_display().lower()})"
        found.setdefault(decision.contact_id, []).append(outcomes)
    return found
