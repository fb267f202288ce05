"""When things at the front door are due, and a contact's RAG: every due-time rule in one
module, so the work tray, decisions, partner checks, letters and alerts give the same answer.

Named `due` because each function answers "when is this due?" (the app is the deadlines).
Timescales are configuration (RagLevel, ClockConfiguration; letters' own settings are passed
in), office hours come from the authority's settings, and the working-day arithmetic is
cads.core.clocks (ADR 0005). Reporting counts the same clocks in SQL (cads_office_seconds,
ADR 0015); cads/reporting/tests/test_deadlines_in_sql.py holds the two in agreement."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Protocol

from cads.authority.selectors import office_hours
from cads.contacts.codes import ReferralSource
from cads.core.clocks import OfficeHours, add_working_days, add_working_hours, is_working_day
from cads.deadlines.models import ClockConfiguration, DurationUnit, RagLevel

if TYPE_CHECKING:
    from cads.contacts.models import Contact

# An unrated contact's partner checks get the longest clock, never none (ADR 0011).
UNRATED_CHECK_RAG = "green"
# The values of cads.letters.models.LetterKind that have a clock (deadlines sits below
# letters, so it takes the kind as its string value; a letters test holds them equal).
ACKNOWLEDGEMENT = "acknowledgement"
OUTCOME = "outcome"
CONSULTATION_RECORD = "consultation_record"
SCHOOL_SOURCES = frozenset({ReferralSource.SCHOOLS})


class UnknownRagError(ValueError):
    """A RAG code with no configured level."""


def clock_configuration() -> ClockConfiguration:
    """The configuration row, or unsaved defaults before anything is stored."""
    return ClockConfiguration.objects.first() or ClockConfiguration()


def rag_level(code: str) -> RagLevel:
    level = RagLevel.objects.filter(code=code).first()
    if level is None:
        raise UnknownRagError(f"No RAG level is configured with the code {code!r}")
    return level


def level_due(
    start: datetime.datetime, level: RagLevel, *, hours: OfficeHours | None = None
) -> datetime.datetime:
    """Deadline for one configured RAG level from a start moment (`hours`, when given,
    saves reading the office hours per contact in a list)."""
    hours = hours or office_hours()
    if level.duration_unit == DurationUnit.WORKING_DAYS:
        if level.runs_outside_office_hours:
            return add_working_hours(
                start, level.duration_amount * 24, hours_config=hours, keeps_running=True
            )
        return add_working_days(start, level.duration_amount, hours=hours)
    # Local RAG rule: red runs outside office hours (real elapsed hours).
    return add_working_hours(
        start,
        level.duration_amount,
        hours_config=hours,
        keeps_running=level.runs_outside_office_hours,
    )


def rag_due(start: datetime.datetime, rag: str) -> datetime.datetime:
    """When a contact rated `rag` at `start` must have been acted on (red 4 hours, running
    overnight; amber 1 working day; green 3 working days by default)."""
    return level_due(start, rag_level(rag))


def contact_rag(contact: Contact) -> str:
    """The contact's current RAG code: the screener's rating, else intake's (red for
    immediate risk), else "" (not yet rated)."""
    screening = getattr(contact, "screening", None) if contact.pk else None
    return (screening.rag if screening is not None else "") or contact.rag


def check_due(contact: Contact, start: datetime.datetime) -> datetime.datetime:
    """Each partner check is due by the contact's RAG clock from its request at `start`
    (ADR 0011). An unrated contact, or a rating no longer configured, gets the green clock:
    a partner is always given a deadline, never none."""
    try:
        return rag_due(start, contact_rag(contact) or UNRATED_CHECK_RAG)
    except UnknownRagError:
        return rag_due(start, UNRATED_CHECK_RAG)


def decision_due(
    contact: Contact,
    *,
    clocks: ClockConfiguration | None = None,
    hours: OfficeHours | None = None,
) -> datetime.datetime:
    """Working Together 2023: a decision about the response within one working day of
    receipt (configurable). `clocks` and `hours`, when given, save reading them per contact."""
    days = (clocks or clock_configuration()).decision_working_days
    return add_working_days(contact.received_at, days, hours=hours or office_hours())


def acknowledgement_due(
    contact: Contact,
    *,
    clocks: ClockConfiguration | None = None,
    hours: OfficeHours | None = None,
) -> datetime.datetime:
    """Working Together 2023: the referrer hears back within one working day by default."""
    days = (clocks or clock_configuration()).acknowledgement_working_days
    return add_working_days(contact.received_at, days, hours=hours or office_hours())


class LetterClocks(Protocol):
    """The letter settings a due time needs (cads.letters.models.LetterSettings has them)."""

    school_feedback_by: datetime.time
    outcome_letter_working_days: int
    consultation_record_working_days: int


def is_school_referral(contact: Contact) -> bool:
    return contact.referral_source in SCHOOL_SOURCES and not contact.referrer_anonymous


def school_feedback_due(
    contact: Contact, settings: LetterClocks, *, hours: OfficeHours | None = None
) -> datetime.datetime:
    """Local procedure: a school hears the outcome by the configured time (15:00 by default)
    on the day it made the contact, so it can plan the end of the child's day; on the next
    working day if the contact arrived on a non-working day or after that time."""
    hours = hours or office_hours()
    local = contact.received_at.astimezone(hours.tz)
    by = settings.school_feedback_by
    day = local.date()
    if not is_working_day(day) or local.time() >= by:
        day += datetime.timedelta(days=1)
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
    return datetime.datetime.combine(day, by, tzinfo=hours.tz)


def letter_due(
    contact: Contact, kind: str, settings: LetterClocks, *, at: datetime.datetime
) -> datetime.datetime:
    """When a letter of `kind` (a LetterKind value) about `contact`, owed from `at`, is due:
    the acknowledgement on the acknowledgement clock; the outcome letter by the school's
    time that school day, else the configured working days after `at` (the final decision);
    the consultation record the configured working days after the call; any other letter
    (instructions, family letters) at once, as a person writes it to send it."""
    if kind == ACKNOWLEDGEMENT:
        return acknowledgement_due(contact)
    if kind == OUTCOME and is_school_referral(contact):
        return school_feedback_due(contact, settings)
    if kind == OUTCOME:
        return add_working_days(at, settings.outcome_letter_working_days, hours=office_hours())
    if kind == CONSULTATION_RECORD:
        days = settings.consultation_record_working_days
        return add_working_days(contact.received_at, days, hours=office_hours())
    return at
