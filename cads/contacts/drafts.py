"""Who may change a draft: the person recording it and the managers who oversee the tray.
Anyone else who opens it sees who is recording it, read only. The rule is checked in the
services (every write to a draft) and, for a clear page instead of a refusal, in the views."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from cads.accounts.models import User
from cads.accounts.roles import EDIT_ANY_DRAFT
from cads.contacts.models import Contact
from cads.contacts.workflow import Status


class DraftNotYoursError(PermissionDenied):
    """Someone other than the draft's author or a manager tried to change it."""


def may_change(user: User | None, contact: Contact) -> bool:
    """True unless `contact` is someone else's draft and `user` is not a manager. A write
    with no user is the system's own (the public online form, the demo loader)."""
    if contact.status != Status.DRAFT or user is None:
        return True
    return contact.created_by_id == user.pk or user.has_perm(EDIT_ANY_DRAFT)


def check_may_change(user: User | None, contact: Contact) -> None:
    if not may_change(user, contact):
        raise DraftNotYoursError
