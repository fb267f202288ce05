"""When each letter is due, and the administrator's letter settings.

Acknowledgement: one working day from receipt (screening.clocks.acknowledgement_due,
Working Together 2023 feedback to referrers). Outcome letter: the configured working days
after the final decision, except that a school hears by the configured time (15:00 by
default) on the school day it made the contact, so it can plan the end of the day for the
child (local procedure). Consultation record: configured working days after the call."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from cads.authority.selectors import office_hours
from cads.contacts.codes import ReferralSource
from cads.core.clocks import add_working_days, is_working_day
from cads.letters.models import LetterKind, LetterSettings

if TYPE_CHECKING:
    from cads.contacts.models import Contact

SCHOOL_SOURCES = frozenset({ReferralSource.SCHOOLS})


def letter_settings() -> LetterSettings:
    """The settings row, or unsaved defaults before the administrator saves one."""
    return LetterSettings.objects.first() or LetterSettings()


def is_school_referral(contact: Contact) -> bool:
    return contact.referral_source in SCHOOL_SOURCES and not contact.referrer_anonymous


def school_feedback_due(contact: Contact) -> datetime.datetime:
    """The configured time on the day the school made the contact, or on the next working
    day if it arrived on a non-working day or after that time."""
    hours = office_hours()
    local = contact.received_at.astimezone(hours.tz)
    by = letter_settings().school_feedback_by
    day = local.date()
    if not is_working_day(day) or local.time() >= by:
        day += datetime.timedelta(days=1)
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, by, tzinfo=hours.tz)


def letter_due(
    contact: Contact, kind: str, *, at: datetime.datetime | None = None
) -> datetime.datetime:
    """When a letter of `kind` about `contact`, owed from `at` (default now), is due."""
    from cads.screening.clocks import acknowledgement_due

    at = at or timezone.now()
    settings = letter_settings()
    if kind == LetterKind.ACKNOWLEDGEMENT:
        return acknowledgement_due(contact)
    if kind == LetterKind.OUTCOME and is_school_referral(contact):
        return school_feedback_due(contact)
    if kind == LetterKind.OUTCOME:
        return add_working_days(at, settings.outcome_letter_working_days, hours=office_hours())
    if kind == LetterKind.CONSULTATION_RECORD:
        days = settings.consultation_record_working_days
        return add_working_days(contact.received_at, days, hours=office_hours())
    return at  # instructions and family letters are sent when a person writes them
