"""Reads for staff alerts: the user's own alerts (never anyone else's), the unread count for
the navigation, who the team managers are, and the conditions the sweep looks for. The
deadlines come from the apps that own them (cads.deadlines.due, each check's due_at); nothing
here recomputes a clock."""

from __future__ import annotations

import datetime
import uuid

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from cads.accounts.models import User
from cads.accounts.roles import VIEW_ALERT, Role
from cads.alerts.models import Alert
from cads.checks.models import CheckRequest
from cads.checks.workflow import OPEN_STATUSES as OPEN_CHECKS
from cads.contacts.codes import ContactKind
from cads.contacts.models import Contact
from cads.contacts.workflow import Status as ContactStatus
from cads.deadlines.due import acknowledgement_due, decision_due
from cads.decisions.models import Decision
from cads.decisions.workflow import DecisionStatus
from cads.letters.models import Letter
from cads.letters.workflow import LetterStatus

RED = "red"
OPEN = (ContactStatus.SUBMITTED, ContactStatus.IN_SCREENING)
# Issue 6: "decision due within an hour".
DECISION_WARNING = datetime.timedelta(hours=1)


def alerts_for_user(user: User) -> QuerySet[Alert]:
    """The user's own alerts, newest first; none for users without the alerts list."""
    if not user.has_perm(VIEW_ALERT):
        return Alert.objects.none()
    return Alert.objects.filter(recipient=user).select_related("contact").order_by("-created_at")


def alert_get_for_user(*, user: User, pk: uuid.UUID) -> Alert:
    """One of the user's own alerts (404 for anyone else's)."""
    return get_object_or_404(alerts_for_user(user), pk=pk)


def alerts_unread(user: User) -> QuerySet[Alert]:
    """The user's alerts not yet marked as read (counted in the navigation)."""
    return alerts_for_user(user).filter(read_at__isnull=True)


def administrators() -> QuerySet[User]:
    return User.objects.filter(groups__name=Role.ADMINISTRATOR, is_active=True).distinct()


def team_managers() -> QuerySet[User]:
    return User.objects.filter(groups__name=Role.TEAM_MANAGER, is_active=True).distinct()


def _open_contacts() -> QuerySet[Contact]:
    return Contact.objects.filter(status__in=OPEN, kind=ContactKind.CONTACT).select_related(
        "screening__worker"
    )


def open_red_contacts() -> QuerySet[Contact]:
    """Open contacts rated red: by the screener, else at intake (deadlines.due.contact_rag:
    the screener's rating wins)."""
    screened_red = Q(screening__rag=RED)
    intake_red = Q(rag=RED) & (Q(screening__isnull=True) | Q(screening__rag=""))
    return _open_contacts().filter(screened_red | intake_red)


def decisions_due_soon(at: datetime.datetime) -> list[tuple[Contact, datetime.datetime]]:
    """Open contacts with no decision yet whose decision deadline (deadlines.due) falls
    within the next hour, or has passed without one."""
    decided = Decision.objects.filter(contact=OuterRef("pk")).exclude(
        status=DecisionStatus.RETURNED
    )
    found = []
    for contact in _open_contacts().exclude(Exists(decided)):
        due = decision_due(contact)
        if due <= at + DECISION_WARNING:
            found.append((contact, due))
    return found


def feedback_overdue(at: datetime.datetime) -> list[tuple[Contact, datetime.datetime]]:
    """Open contacts whose referrer has not been acknowledged by the acknowledgement
    deadline (deadlines.due). As in the work tray, an anonymous referrer has nobody to
    acknowledge (ADR 0012) and only a recorded acknowledgement stops the clock."""
    waiting = _open_contacts().filter(referrer_anonymous=False)
    waiting = waiting.filter(
        Q(screening__isnull=True) | Q(screening__referrer_acknowledged_at__isnull=True)
    )
    found = []
    for contact in waiting:
        due = acknowledgement_due(contact)
        if due <= at:
            found.append((contact, due))
    return found


def checks_overdue(at: datetime.datetime) -> QuerySet[CheckRequest]:
    """Open partner checks past their deadline, escalated or not (the escalation sweep
    marks them; the alert is raised either way)."""
    return CheckRequest.objects.filter(status__in=OPEN_CHECKS, due_at__lte=at).select_related(
        "contact", "organisation", "requested_by"
    )


def letters_failed() -> QuerySet[Letter]:
    """Letters the worker gave up sending (cads.letters: failed after its retries)."""
    return (
        Letter.objects.filter(status=LetterStatus.FAILED)
        .select_related("contact", "created_by")
        .defer("pdf", "text")
    )


def letters_unconfirmed() -> QuerySet[Letter]:
    """Letters whose send was tried and never recorded (cads.letters, ADR 0024)."""
    return (
        Letter.objects.filter(status=LetterStatus.SENT_UNCONFIRMED)
        .select_related("contact", "created_by")
        .defer("pdf", "text")
    )
