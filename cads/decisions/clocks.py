"""The one place the decisions app reads a contact's decision deadline."""

from __future__ import annotations

from datetime import datetime

from cads.contacts.models import Contact


def decision_due(contact: Contact) -> datetime:
    """Working Together 2023: decide within one working day of receipt. The screening app
    owns the configurable clock; without it, one working day in the authority's hours."""
    try:
        from cads.screening.clocks import decision_due as screening_decision_due
    except ImportError:
        from cads.authority.selectors import office_hours
        from cads.core.clocks import add_working_days

        return add_working_days(contact.received_at, 1, hours=office_hours())
    return screening_decision_due(contact)
