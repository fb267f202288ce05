"""The administrator's letter settings, and each letter's due time from them.

The rules (acknowledgement on the acknowledgement clock, schools by the configured time on
the school day, outcome and consultation record after configured working days) are
cads.deadlines.due.letter_due; this passes it the settings row."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from cads.deadlines import due
from cads.letters.models import LetterSettings

if TYPE_CHECKING:
    from cads.contacts.models import Contact


def letter_settings() -> LetterSettings:
    """The settings row, or unsaved defaults before the administrator saves one."""
    return LetterSettings.objects.first() or LetterSettings()


def letter_due(
    contact: Contact, kind: str, *, at: datetime.datetime | None = None
) -> datetime.datetime:
    """When a letter of `kind` about `contact`, owed from `at` (default now), is due."""
    return due.letter_due(contact, kind, letter_settings(), at=at or timezone.now())
