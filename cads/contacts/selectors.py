"""Reads of contacts, permission-scoped; opening a contact is logged."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db.models import Case, IntegerField, Model, Q, QuerySet, Value, When
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import access_log_record, access_log_record_many
from cads.contacts.codes import ContactKind, SubjectRole
from cads.contacts.models import Contact
from cads.contacts.workflow import Status


def contacts_for_user(user: User) -> QuerySet[Contact]:
    """Contacts a user may open: staff with the permission. Partners never see contacts
    directly, only the checks addressed to their organisation."""
    if not user.has_perm("contacts.view_contact"):
        return Contact.objects.none()
    return Contact.objects.all()


def contact_get(*, user: User, pk: uuid.UUID) -> Contact:
    return get_object_or_404(contacts_for_user(user), pk=pk)


def contact_get_for_view(*, request: HttpRequest, user: User, pk: uuid.UUID) -> Contact:
    contact = contact_get(user=user, pk=pk)
    access_log_record(request=request, subject=contact)
    return contact


def contact_viewed(*, request: HttpRequest, contact: Contact) -> None:
    """Log the view of a contact already read with `contact_get` (when the page to show
    was decided after reading it)."""
    access_log_record(request=request, subject=contact)


def contacts_shown(*, request: HttpRequest, contacts: Iterable[Contact]) -> None:
    """Log each contact in a list and each child it names (a name in a list is a view,
    ADR 0010), in one batch. Subjects should be prefetched (`subjects__person`)."""
    shown: list[Model] = []
    for contact in contacts:
        shown.append(contact)
        shown.extend(s.person for s in contact.subjects.all() if s.role == SubjectRole.CHILD)
    access_log_record_many(request=request, subjects=shown)


def drafts_for_user(user: User) -> QuerySet[Contact]:
    """The user's unfinished drafts, newest first: what they come back to after a closed
    browser or an expired session."""
    return (
        contacts_for_user(user).filter(status=Status.DRAFT, created_by=user).order_by("-updated_at")
    )


def front_door_queue(user: User) -> QuerySet[Contact]:
    """Submitted contacts due in the queue now: immediate risk (red) first, then oldest
    received first. Out-of-hours contacts appear from the next working day's start. A red
    draft is in the queue the moment the immediate-risk answer is saved, still being
    recorded, so the duty senior sees it before the call ends (issue 4, immediate risk)."""
    urgency = Case(When(rag="red", then=Value(0)), default=Value(1), output_field=IntegerField())
    due = Q(status__in=[Status.SUBMITTED, Status.IN_SCREENING], queue_from__lte=timezone.now())
    urgent_draft = Q(status=Status.DRAFT, rag="red", kind=ContactKind.CONTACT)
    return (
        contacts_for_user(user)
        .filter(due | urgent_draft)
        .annotate(urgency=urgency)
        .order_by("urgency", "received_at")
        .prefetch_related("subjects__person")
    )
