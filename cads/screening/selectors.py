"""Reads for the work tray and the team manager's view, permission-scoped.

Every open contact (awaiting screening or being screened; out-of-hours ones from the next
working day; immediate-risk ones still being recorded) with its RAG, next deadline in words,
worker and partner checks, grouped by household: ordered, filtered, counted and paged in
PostgreSQL (cads.screening.tray_order), a page at a time (ADR 0026)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import MANAGE_TRAY, VIEW_SCREENING
from cads.audit.services import access_log_record
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact
from cads.contacts.selectors import contacts_shown
from cads.contacts.workflow import Status as ContactStatus
from cads.people.restriction import people_shown
from cads.screening.models import Screening
from cads.screening.tray import (
    TrayRow,
    for_display,
    group_by_household,
    tray_row,
    workers_by_id,
)
from cads.screening.tray_order import Clocks, overdue_work, tray_order

__all__ = ["TrayRow", "group_by_household"]

OPEN = (ContactStatus.SUBMITTED, ContactStatus.IN_SCREENING)
# Contacts per page of the work tray and the team view: a bad week holds thousands, and a
# page is read top down, most urgent first (ADR 0026, amended: 25 a page as other lists).
PAGE_SIZE = 25


def open_contacts(user: User) -> QuerySet[Contact]:
    """Open contacts in the tray now; none for users without the screening permission."""
    if not user.has_perm(VIEW_SCREENING):
        return Contact.objects.none()
    now = timezone.now()
    due = Q(status__in=OPEN) & (Q(queue_from__isnull=True) | Q(queue_from__lte=now))
    # An immediate-risk contact is at the top of the queue the moment the answer is saved,
    # while the call handler is still recording it.
    being_recorded = Q(status=ContactStatus.DRAFT, rag="red", kind="contact")
    return Contact.objects.filter(due | being_recorded)


def contact_for_screening(*, user: User, pk: uuid.UUID) -> Contact:
    """A submitted contact a screener may open (404 for drafts and for everyone else)."""
    if not user.has_perm(VIEW_SCREENING):
        return get_object_or_404(Contact.objects.none(), pk=pk)
    allowed = Contact.objects.exclude(status__in=[ContactStatus.DRAFT, ContactStatus.DISCARDED])
    return get_object_or_404(allowed.exclude(kind="consultation"), pk=pk)


def screening_for_view(*, request: HttpRequest, user: User, pk: uuid.UUID) -> Screening | None:
    """The contact's screening (None before anyone opened it), the view logged."""
    contact = contact_for_screening(user=user, pk=pk)
    access_log_record(request=request, subject=contact)
    return Screening.objects.filter(contact=contact).select_related("contact").first()


def _page_number(number: int | str | None) -> int:
    """The page asked for; anything that is not a page number is the first, as Paginator."""
    try:
        return max(1, int(number or 1))
    except ValueError:
        return 1


@dataclass
class TrayPage:
    """One page of the work tray: its rows in household groups, with counts of the whole."""

    page: Page[int]
    groups: list[list[TrayRow]]
    total: int
    overdue: int
    shown: int


def tray_filter(data: dict[str, Any], user: User) -> Q:
    """The tray's filters (cads.screening.forms.TrayFilterForm's cleaned data) as SQL, but
    for "only overdue", which `tray_page` is given as `overdue_only`."""
    found = Q()
    if data.get("rag") == "none":
        found &= Q(rag_code__isnull=True)
    elif data.get("rag"):
        found &= Q(rag_code=data["rag"])
    if data.get("status"):
        found &= Q(status=data["status"])
    if data.get("worker") == "none":
        found &= Q(screening__worker__isnull=True)
    elif data.get("worker"):
        found &= Q(screening__worker_id=int(data["worker"]))
    if data.get("mine"):
        found &= Q(screening__worker=user)
    return found


def tray_workers(user: User) -> list[User]:
    """Everyone screening an open contact, for the worker filter (one query)."""
    screening = Screening.objects.filter(contact__in=open_contacts(user).values("pk"))
    ids = screening.exclude(worker__isnull=True).values("worker_id")
    return list(User.objects.filter(pk__in=ids).order_by("username"))


def tray_page(
    *,
    request: HttpRequest | None,
    user: User,
    filters: Q | None = None,
    overdue_only: bool = False,
    number: int | str | None = 1,
    now: datetime | None = None,
) -> TrayPage:
    """One page of the work tray for `user`, in `tray_order`, with the counts of every open
    contact and of those the filters leave, in a fixed number of queries. Children as the
    user may see them (cads.people.restriction); with `request`, every contact and child
    shown is written to the access log."""
    clocks = Clocks.read(now or timezone.now())
    wanted = _page_number(number)
    found = tray_order(
        open_contacts(user), clocks, user, matches=filters, overdue_only=overdue_only,
        offset=(wanted - 1) * PAGE_SIZE, limit=PAGE_SIZE,
    )  # fmt: skip
    last = max(1, -(-found.shown // PAGE_SIZE))
    if wanted > last:  # past the end (the tray emptied since): the last page, as Paginator
        return tray_page(
            request=request, user=user, filters=filters, overdue_only=overdue_only, number=last,
            now=now,
        )  # fmt: skip
    page = Paginator(range(found.shown), PAGE_SIZE).get_page(wanted)
    groups = {pk: (rank, key) for pk, rank, key in found.rows}
    contacts = _loaded(list(groups), clocks.now)
    children = [s.person for c in contacts for s in c.subjects.all() if s.role == SubjectRole.CHILD]
    shown = people_shown(request=None, viewer=user, people=children)
    if request is not None:
        contacts_shown(request=request, contacts=contacts)
    rows = [tray_row(contact, clocks, shown, groups[contact.pk]) for contact in contacts]
    return TrayPage(page, group_by_household(rows), found.total, found.overdue, found.shown)


def _loaded(ids: list[uuid.UUID], now: datetime) -> list[Contact]:
    """Contacts `ids`, in that order, with what a page shows of them (one query and its
    prefetches); one closed since it was ordered is left out."""
    found = {c.pk: c for c in for_display(Contact.objects.filter(pk__in=ids), now)}
    return [found[pk] for pk in ids if pk in found]


@dataclass
class TeamView:
    page: Page[Contact]
    rows: list[TrayRow]
    overdue: list[TrayRow]
    overdue_count: int
    workload: list[Workload]


@dataclass
class Workload:
    worker: User | None
    open: int = 0
    overdue: int = 0


def team_view(*, user: User, number: int | str | None = 1, now: datetime | None = None) -> TeamView:
    """The team manager's view: open contacts by age a page at a time, the most overdue,
    and each worker's open and overdue contacts counted in SQL."""
    clocks = Clocks.read(now or timezone.now())
    by_age = for_display(open_contacts(user).order_by("received_at", "pk"), clocks.now)
    page = Paginator(by_age, PAGE_SIZE).get_page(number)
    work = overdue_work(open_contacts(user), clocks, user, PAGE_SIZE)
    workers = workers_by_id({worker for worker, _, _ in work.by_worker if worker})
    loads = [Workload(workers.get(w) if w else None, n, late) for w, n, late in work.by_worker]
    return TeamView(
        page=page,
        rows=[tray_row(contact, clocks) for contact in page.object_list],
        overdue=[tray_row(contact, clocks) for contact in _loaded(work.most_overdue, clocks.now)],
        overdue_count=sum(load.overdue for load in loads),
        workload=sorted(
            loads, key=lambda w: (w.worker is None, w.worker.username if w.worker else "")
        ),
    )


def reassignable_workers() -> QuerySet[User]:
    """Active users who may screen contacts."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__codename="change_screening")
            | Q(user_permissions__codename="change_screening")
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def may_manage(user: User) -> bool:
    return user.has_perm(MANAGE_TRAY)
