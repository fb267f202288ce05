"""The only writers of audit rows. Every write service elsewhere calls `case_event_record`
exactly once; every record view's selector calls `access_log_record`."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest

from cads.accounts.models import User
from cads.audit.models import AccessLog, CaseEvent
from cads.core.access import signed_in_user


def case_event_record(
    *,
    subject: models.Model,
    actor: User | None,
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
        actor=actor,
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
    match = request.resolver_match
    screen = match.view_name if match else request.path
    return AccessLog.objects.create(
        actor=signed_in_user(request),
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        screen=screen,
        search_terms=search_terms,
        ip_address=client_address(request),
        break_glass_reason=break_glass_reason,
    )
