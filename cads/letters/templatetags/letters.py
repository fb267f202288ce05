"""The letters section shown on a contact's pages (screening page, consultation page)."""

from __future__ import annotations

import uuid
from typing import Any

from django import template

from cads.accounts.roles import SEND_LETTER
from cads.letters.merge import identity_withheld
from cads.letters.models import LetterKind
from cads.letters.selectors import (
    letter_kinds_writable,
    letters_failed,
    letters_on_contact,
    owed_on_contact,
)
from cads.letters.workflow import LetterStatus

register = template.Library()


@register.inclusion_tag("letters/_letters.html", takes_context=True)
def letters_section(context: dict[str, Any], contact: Any) -> dict[str, Any]:
    user = context["request"].user
    letters = list(letters_on_contact(user=user, contact=contact))
    for letter in letters:
        # The one-time id of the resend button's new letter.
        letter.resend_key = uuid.uuid4()  # type: ignore[attr-defined]
    return {
        "contact": contact,
        "letters": letters,
        "owed": owed_on_contact(contact, letters),
        "to_send": [x for x in letters if x.status == LetterStatus.TO_SEND],
        "can_send": user.has_perm(SEND_LETTER),
        "new_kinds": [(kind, LetterKind(kind).label) for kind in letter_kinds_writable(contact)],
        "identity_withheld": identity_withheld(contact),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("letters/_record_status.html")
def consultation_record_status(contact: Any) -> dict[str, Any]:
    """The consultation record's status tag on the consultations list."""
    status = (
        contact.letters.filter(kind=LetterKind.CONSULTATION_RECORD)
        .order_by("-created_at")
        .values_list("status", flat=True)
        .first()
    )
    return {"status": status, "label": LetterStatus(status).label if status else "Not owed"}


@register.simple_tag
def acknowledgement_letter(contact: Any) -> Any:
    """The contact's latest acknowledgement letter (None if there is none), for the
    screening page's "Referrer acknowledged" row."""
    return (
        contact.letters.filter(kind=LetterKind.ACKNOWLEDGEMENT)
        .defer("pdf")
        .order_by("-created_at")
        .first()
    )


@register.simple_tag(takes_context=True)
def letters_failed_count(context: dict[str, Any]) -> int:
    """How many letters the user may see failed to send (the team overview's warning)."""
    return letters_failed(user=context["request"].user).count()
