"""The letters section shown on a contact's pages (screening page, consultation page)."""

from __future__ import annotations

import uuid
from typing import Any

from django import template

from cads.accounts.roles import SEND_LETTER, VIEW_LETTER
from cads.letters.due import letter_settings
from cads.letters.merge import identity_withheld
from cads.letters.models import Letter, LetterKind
from cads.letters.selectors import (
    letter_kinds_writable,
    letters_failed,
    letters_on_contact,
    may_write_letters,
    owed_on_contact,
)
from cads.letters.services import (
    NO_OUTCOME_LETTER,
    LetterError,
    has_named_referrer,
    letter_text,
)
from cads.letters.workflow import LetterStatus

register = template.Library()


@register.inclusion_tag("letters/_letter_that_will_go.html", takes_context=True)
def letter_that_will_go(context: dict[str, Any], decision: Any) -> dict[str, Any]:
    """On the sign-off page: the outcome letter this decision will owe, as it will read,
    so the manager agrees the words as well as the decision (ADR 0023)."""
    contact = decision.contact
    shown: dict[str, Any] = {"decision": decision, "text": "", "why_none": ""}
    if NO_OUTCOME_LETTER & set(decision.outcomes):
        shown["why_none"] = "No outcome letter is sent for this outcome."
    elif not has_named_referrer(contact):
        shown["why_none"] = "No outcome letter: the referrer is anonymous or gave no email address."
    elif not may_write_letters(user=context["request"].user, contact=contact):
        shown["why_none"] = (
            "The outcome letter is about a restricted record: someone on its access list "
            "checks and sends it."
        )
    else:
        try:
            shown["text"] = letter_text(
                contact=contact,
                kind=LetterKind.OUTCOME,
                letter_id=uuid.uuid4(),
                decision=decision,
                recipient_name=contact.referrer_name,
            )
        except LetterError as exc:
            shown["why_none"] = exc.message
        shown["recipient"] = contact.referrer_name
        shown["checked"] = letter_settings().checked_before_sending(LetterKind.OUTCOME)
    return shown


@register.inclusion_tag("letters/_decision_letters.html", takes_context=True)
def decision_letters(context: dict[str, Any], decision: Any) -> dict[str, Any]:
    """On the decision page: the outcome letter this decision owes, to check and send."""
    user = context["request"].user
    letters = (
        Letter.objects.filter(decision=decision, kind=LetterKind.OUTCOME).defer("pdf")
        if user.has_perm(VIEW_LETTER)
        else Letter.objects.none()
    )
    return {"letters": list(letters.order_by("created_at")), "can_send": user.has_perm(SEND_LETTER)}


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
