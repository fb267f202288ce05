"""The only writers of audit rows. Every write service elsewhere calls `case_event_record`
exactly once; every record view's selector calls `access_log_record`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest

from cads.audit.models import AccessLog, CaseEvent

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


def case_event_record(
    *,
    subject: models.Model,
    actor: AbstractBaseUser | None,
    kind: str,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    reason: str = "",
) -> CaseEvent:
    """Append one event to `subject`'s timeline (actor None means the system did it)."""
    data: dict[str, Any] = {}
    if old is not None:
        data["old"] = old
    if new is not None:
        data["new"] = new
    return CaseEvent.objects.create(
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        actor_id=actor.pk if actor is not None else None,
        kind=kind,
        data=data,
        reason=reason,
    )


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from (REMOTE_ADDR; a TLS proxy sets it via gunicorn)."""
    return request.META.get("REMOTE_ADDR") or None


def access_log_record(
    *,
    request: HttpRequest,
    subject: models.Model,
    search_terms: str = "",
    break_glass_reason: str = "",
) -> AccessLog:
    """Record that the signed-in user viewed `subject` on the current screen."""
    if not request.user.is_authenticated:  # only a signed-in user views a record
        raise PermissionDenied
    return AccessLog.objects.create(
        actor_id=request.user.pk,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        screen=_screen(request),
        search_terms=search_terms,
        ip_address=client_address(request),
        break_glass_reason=break_glass_reason,
    )


def _screen(request: HttpRequest) -> str:
    match = request.resolver_match
    return match.view_name if match else request.path


def access_log_record_many(
    *, request: HttpRequest, subjects: Iterable[models.Model], search_terms: str = ""
) -> int:
    """Record that the signed-in user saw each of `subjects` in a list, a tray, an export or
    a search's results (a name in a list is a view; a search's rows carry its terms). One row
    per record, written in batches; returns how many."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    seen = dict.fromkeys((type(subject), str(subject.pk)) for subject in subjects)
    screen, address = _screen(request), client_address(request)
    rows = [
        AccessLog(
            actor_id=request.user.pk,
            subject_type=ContentType.objects.get_for_model(model),
            subject_id=pk,
            screen=screen,
            search_terms=search_terms,
            ip_address=address,
        )
        for model, pk in seen
    ]
    AccessLog.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
