"""When a partner must answer: each check's deadline follows the contact's RAG (issue 5,
"each request has a deadline from the contact's RAG"), using the configured RAG clocks."""

from __future__ import annotations

import datetime

from cads.contacts.models import Contact
from cads.screening.clocks import UnknownRagError, rag_due

DEFAULT_RAG = "green"  # an unrated contact gets the longest clock, never none


def contact_rag(contact: Contact) -> str:
    """The contact's current RAG: the screener's rating when there is one, else intake's."""
    screening = getattr(contact, "screening", None)
    rag = getattr(screening, "rag", "") or contact.rag
    return rag or DEFAULT_RAG


def check_due(contact: Contact, start: datetime.datetime) -> datetime.datetime:
    """The deadline for a check requested at `start` on `contact`."""
    try:
        return rag_due(start, contact_rag(contact))
    except UnknownRagError:
        return rag_due(start, DEFAULT_RAG)
