"""Reads about letters, scoped through the contact the user may see."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from cads.accounts.models import User
from cads.audit.services import access_log_record
from cads.contacts.models import Contact
from cads.contacts.selectors import contacts_for_user
from cads.letters.models import Letter


def letters_on_contact(*, user: User, contact: Contact) -> QuerySet[Letter]:
    return (
        Letter.objects.filter(contact__in=contacts_for_user(user), contact=contact)
        .defer("pdf")
        .order_by("-created_at")
    )


def letter_get_for_view(*, request: HttpRequest, user: User, pk: uuid.UUID) -> Letter:
    """A letter on a contact the user may see; opening it is written to the access log."""
    letter = get_object_or_404(
        Letter.objects.filter(contact__in=contacts_for_user(user)).select_related("contact"),
        pk=pk,
    )
    access_log_record(request=request, subject=letter)
    return letter
