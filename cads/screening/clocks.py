"""The front door's clocks: RAG deadlines, decision and acknowledgement due times.

Timescales are configuration (RagLevel, ClockConfiguration), office hours come from the
authority's settings, and the arithmetic is cads.core.clocks (ADR 0005)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from cads.authority.selectors import office_hours
from cads.core.clocks import add_working_days, add_working_hours
from cads.screening.models_config import ClockConfiguration, DurationUnit, RagLevel

if TYPE_CHECKING:
    from cads.contacts.models import Contact


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


def level_due(start: datetime, level: RagLevel) -> datetime:
    """Deadline for one configured RAG level from a start moment."""
    hours = office_hours()
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


def rag_due(start: datetime, rag: str) -> datetime:
    """When a contact rated `rag` at `start` must have been acted on (red 4 hours, running
    overnight; amber 1 working day; green 3 working days by default)."""
    return level_due(start, rag_level(rag))


def decision_due(contact: Contact) -> datetime:
    """Working Together 2023: decision about the response within one working day of receipt."""
    days = clock_configuration().decision_working_days
    return add_working_days(contact.received_at, days, hours=office_hours())


def acknowledgement_due(contact: Contact) -> datetime:
    """Working Together 2023: the referrer hears back within one working day by default."""
    days = clock_configuration().acknowledgement_working_days
    return add_working_days(contact.received_at, days, hours=office_hours())


def contact_rag(contact: Contact) -> str:
    """The contact's current RAG code: the screener's rating, else intake's (red for
    immediate risk), else "" (not yet rated)."""
    screening = getattr(contact, "screening", None) if contact.pk else None
    return (screening.rag if screening is not None else "") or contact.rag
