"""When things at the front door are due, and a contact's RAG: every due-time rule in one
module, so the work tray, decisions, partner checks, letters and alerts give the same answer.

Named `due` because each function answers "when is this due?" (the app is the deadlines).
Timescales are configuration (RagLevel, ClockConfiguration; letters' own settings are passed
in), office hours come from the authority's settings, and the working-day arithmetic is
cads.core.clocks (ADR 0005). Reporting counts the same clocks in SQL (cads_office_seconds,
ADR 0015); cads/reporting/tests/test_deadlines_in_sql.py holds the two in agreement."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from cads.authority.selectors import office_hours
from cads.contacts.codes import ReferralSource
from cads.core.clocks import (
    OfficeHours,
    add_working_days,
    add_working_hours,
    is_out_of_hours,
    is_working_day,
    next_working_moment,
)
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


def handover_at(
    received_at: datetime.datetime, *, hours: OfficeHours | None = None
) -> datetime.datetime | None:
    """The handover rule (ADR 0030): a contact received out of hours (evening, night,
    weekend, bank holiday) is the out-of-hours service's until the next opening, when it
    hands over to the daytime front door. None for a contact received in office hours. A
    back-dated received time follows the same rule: the time received decides, not the time
    it was typed in."""
    hours = hours or office_hours()
    if not is_out_of_hours(received_at, hours=hours):
        return None
    return next_working_moment(received_at, hours=hours)


def clocks_start(
    received_at: datetime.datetime, *, hours: OfficeHours | None = None
) -> datetime.datetime:
    """When the daytime front door's clocks start (ADR 0030): at receipt in office hours,
    else at the handover. Working-day clocks already started there (ADR 0005); the red clock
    now does too, so a red contact handed over on Monday morning has its full four hours."""
    return handover_at(received_at, hours=hours) or received_at


def out_of_hours_red_due(
    contact: Contact, *, level: RagLevel | None = None, hours: OfficeHours | None = None
) -> datetime.datetime:
    """The out-of-hours service's red clock (ADR 0030): from receipt, running through the
    night, the service's to meet by recording its immediate actions."""
    return level_due(contact.received_at, level or rag_level("red"), hours=hours)


def contact_rag_due(
    contact: Contact, level: RagLevel, *, hours: OfficeHours | None = None
) -> datetime.datetime:
    """The daytime RAG deadline of `contact` at `level`: from receipt in office hours, from
    the handover when received out of hours (ADR 0030). The tray, the backlog, alerts and the
    figures (cads_clock_start in SQL) all count from here."""
    hours = hours or office_hours()
    return level_due(clocks_start(contact.received_at, hours=hours), level, hours=hours)


@dataclass(frozen=True)
class FrontDoorClock:
    """The one answer to "when is this contact due, and is it overdue?" (ADR 0030): the
    nearer of its daytime RAG deadline and the decision deadline."""

    label: str  # "Red RAG", "Decision"
    due_at: datetime.datetime

    def overdue(self, now: datetime.datetime) -> bool:
        return self.due_at <= now


def front_door_due(
    contact: Contact,
    *,
    level: RagLevel | None = None,
    clocks: ClockConfiguration | None = None,
    hours: OfficeHours | None = None,
) -> FrontDoorClock:
    """The contact's front-door deadline: the decision (Working Together 2023: one working
    day) or, when nearer, its RAG deadline (`level`, the contact's current rating; None when
    not rated), both by the handover rule."""
    hours = hours or office_hours()
    due = FrontDoorClock("Decision", decision_due(contact, clocks=clocks, hours=hours))
    if level is not None:
        rag = contact_rag_due(contact, level, hours=hours)
        if rag < due.due_at:
            due = FrontDoorClock(f"{level.label} RAG", rag)
    return due


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
