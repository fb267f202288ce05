"""Reads of the audit tables, for managers and timelines."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from cads.audit.models import AccessLog, CaseEvent


def access_log_for_subject(*, subject: models.Model) -> QuerySet[AccessLog]:
    """Every recorded view of `subject`, newest first (managers' "who viewed" screen)."""
    return AccessLog.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
    ).select_related("actor", "actor__organisation")


def case_events_for_subject(*, subject: models.Model) -> QuerySet[CaseEvent]:
    """The timeline of `subject`, newest first."""
    return CaseEvent.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
    ).select_related("actor")


def access_log_recent(*, limit: int = 200) -> QuerySet[AccessLog]:
    """The most recent record views across the service, for managers' oversight."""
    return AccessLog.objects.select_related("actor", "actor__organisation", "subject_type")[:limit]
