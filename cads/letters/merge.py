"""The merge fields of a letter and their values for one contact.

Family letters never carry a member of the public's identity unless that referrer agreed
(Working Together 2023 and the local procedures: a neighbour or relative who reports a
concern may ask not to be named). `merge_fields` leaves every referrer field out of such a
letter's context, and `services.letter_send` refuses a family letter whose edited text
still names them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Final

from django.utils import timezone
from django.utils.text import Truncator

from cads.authority.selectors import authority_configuration
from cads.contacts.codes import PUBLIC_SOURCES, SubjectRole
from cads.contacts.models import Contact
from cads.decisions.codes import REFERRAL_OUTCOMES
from cads.decisions.models import Decision
from cads.letters.due import letter_settings
from cads.letters.models import LetterKind

# The documented merge fields (docs/glossary.md, "Letter template").
MERGE_FIELDS: Final[dict[str, str]] = {
    "reference": "The contact's reference, like C-2026-000123",
    "received_date": "The date the contact was received, like 3 March 2026",
    "recipient_name": "Who the letter is to",
    "referrer_name": "The referrer's name (left out of family letters when withheld)",
    "referrer_organisation": "The referrer's organisation (as above)",
    "children_first_names": "The children's first names, like Maisie and Tom",
    "concerns_summary": "A very brief summary of the concerns (not in family letters)",
    "outcome_labels": "What was decided, like No further action",
    "reasons_summary": "The reasons recorded with the decision",
    "actions_agreed": "The actions agreed with the referrer: what, who, by when",
    "threshold_reason": "Why the case does not meet the threshold (below-threshold outcomes)",
    "other_support": "What other support may help (below-threshold outcomes; letter settings)",
    "consultation_overview": "What the professional described in a consultation",
    "advice_given": "The advice agreed in a consultation",
    "instructions": "What the school or professional must do next",
    "acknowledge_link": "The link the recipient opens to confirm they received instructions",
    "authority_name": "The authority's name",
    "authority_phone": "The professionals' line or the public line",
    "service_name": "The service's name",
    "today": "Today's date",
}
REFERRER_FIELDS: Final = frozenset({"referrer_name", "referrer_organisation", "concerns_summary"})
SUMMARY_WORDS: Final = 40


@dataclass(frozen=True)
class LetterInput:
    """What a letter is about beyond the contact: its kind, the decision it reports, who it
    is to, and the text a person wrote for it."""

    kind: str
    decision: Decision | None = None
    recipient_name: str = ""
    instructions: str = ""
    acknowledge_link: str = ""


def identity_withheld(contact: Contact) -> bool:
    """A member of the public (or an anonymous referrer) who did not agree to be named."""
    public = contact.referrer_anonymous or contact.referral_source in PUBLIC_SOURCES
    return public and contact.referrer_identity_may_be_shared is not True


def date_words(value: datetime.datetime | datetime.date) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


def join_words(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _children(contact: Contact) -> str:
    names = [
        subject.person.given_name
        for subject in contact.subjects.select_related("person").order_by("pk")
        if subject.role == SubjectRole.CHILD and subject.person.given_name
    ]
    return join_words(names) or "the children"


def _actions(decision: Decision) -> str:
    return "\n".join(
        f"- {action.action} ({action.who}, by {date_words(action.by_when)})"
        for action in (decision.actions.all() if decision.pk else [])
    )


def _threshold_reason(contact: Contact) -> str:
    screening = getattr(contact, "screening", None)
    if screening is None or screening.threshold_level is None:
        return ""
    rationale = screening.threshold_rationale.strip()
    level = str(screening.threshold_level)
    return f"{level}. {rationale}" if rationale else level


def _decision_fields(contact: Contact, decision: Decision | None) -> dict[str, str]:

    if decision is None:
        return {}
    fields = {
        "outcome_labels": join_words(decision.outcome_labels),
        "reasons_summary": decision.reasons,
        "actions_agreed": _actions(decision),
    }
    if not REFERRAL_OUTCOMES & set(decision.outcomes):
        # Below the threshold for statutory work: say why and what else may help.
        fields["threshold_reason"] = _threshold_reason(contact)
        fields["other_support"] = letter_settings().other_support
    return fields


def merge_fields(contact: Contact, letter: LetterInput) -> dict[str, Any]:
    """The values of every merge field for `letter` about `contact`."""

    authority = authority_configuration()
    fields: dict[str, Any] = dict.fromkeys(MERGE_FIELDS, "")
    fields.update(
        reference=contact.reference or "",
        received_date=date_words(contact.received_at),
        recipient_name=letter.recipient_name
        or ("" if letter.kind == LetterKind.FAMILY else contact.referrer_name),
        referrer_name=contact.referrer_name,
        referrer_organisation=contact.referrer_organisation,
        children_first_names=_children(contact),
        concerns_summary=Truncator(contact.concern.strip()).words(SUMMARY_WORDS),
        consultation_overview=contact.consultation_overview,
        advice_given=contact.advice_given,
        instructions=letter.instructions,
        acknowledge_link=letter.acknowledge_link,
        authority_name=authority.authority_name,
        authority_phone=authority.professionals_phone or authority.public_phone,
        service_name=authority.service_name,
        today=date_words(timezone.now()),
    )
    fields.update(_decision_fields(contact, letter.decision))
    if letter.kind == LetterKind.FAMILY and identity_withheld(contact):
        _withhold_referrer(fields, contact)
    return fields


def _withhold_referrer(fields: dict[str, Any], contact: Contact) -> None:
    """Leave out the referrer's fields, and any other value that would name them (a
    decision's reasons may mention the neighbour who called)."""
    for name in REFERRER_FIELDS:
        del fields[name]
    details = [d.lower() for d in referrer_details(contact)]
    for name, value in fields.items():
        if any(d in str(value).lower() for d in details):
            fields[name] = ""


def referrer_details(contact: Contact) -> list[str]:
    """The referrer's name and contact details, as a family letter must not show them."""
    details = [contact.referrer_name, contact.referrer_email, contact.referrer_phone]
    return [d.strip() for d in details if d and d.strip()]
