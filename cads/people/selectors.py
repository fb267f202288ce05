"""Reads of person records, permission-scoped; every record view is logged."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from cads.audit.services import access_log_record
from cads.people.models import Person


def person_list_for_user(*, request: HttpRequest) -> QuerySet[Person]:
    """People the user may see. Partner users see none directly (only what is shared)."""
    user = request.user
    if not user.has_perm("people.view_person"):
        return Person.objects.none()
    return Person.objects.select_related("household")


def person_get_for_view(*, request: HttpRequest, pk: uuid.UUID) -> Person:
    """Fetch a person for display and log the view (who, what, when, from where)."""
    person = get_object_or_404(person_list_for_user(request=request), pk=pk)
    access_log_record(request=request, subject=person)
    return person
