"""The merge fields of a letter and their values for one contact.

What a letter may say is limited here, field by field (ADR 0023):

- A decision reaches a letter only through the summary the worker wrote for the referrer
  (`Decision.summary_*`): the internal reasons, screening notes, threshold rationale,
  manager's comments and partner check answers have no merge field at all, so no template,
  however edited, can print them.
- Every phone number, team name and address comes from the authority's configuration
  (`cads.authority`); a template that names a number it cannot fill is refused when saved
  (`rendering.check_body`).
- Family letters never carry a member of the public's identity unless that referrer agreed
  (Working Together 2023 and the local procedures: a neighbour or relative who reports a
  concern may ask not to be named). `merge_fields` leaves every referrer field out of such a
  letter's context, and `services_send.letter_send` refuses a family letter whose edited
  text still names them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, Final

from django.utils import timezone

from cads.authority.models import AuthorityConfiguration
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
    "what_you_told_us": "The decision's summary for the referrer: what they told us "
    "(not in family letters)",
    "what_we_decided": "The decision's summary: what we decided, in plain English",
    "what_happens_now": "The decision's summary: what happens now",
    "what_we_ask": "The decision's summary: what we ask the referrer to do (not in family letters)",
    "other_support": "What other support may help (outcomes below the threshold for "
    "statutory work; letter settings)",
    "consultation_overview": "What the professional described in a consultation",
    "advice_given": "The advice agreed in a consultation",
    "instructions": "What the school or professional must do next",
    "acknowledge_link": "The link the recipient opens to confirm they received instructions",
    "authority_name": "The authority's name",
    "authority_address": "The authority's address, from the letterhead, on one line",
    "service_name": "The service's name",
    "cads_phone": "The service's line for this reader: the professionals' line for a "
    "professional, the public line for a member of the public or a family",
    "authority_phone": "The same as cads_phone (kept for templates written before it)",
    "professionals_phone": "The professionals' line",
    "public_phone": "The public line",
    "out_of_hours_phone": "The out-of-hours line",
    "early_help_team": "The Early Help team's name",
    "early_help_phone": "The Early Help line",
    "emergency_number": "The emergency number, like 999",
    "opening_hours": "When the service's lines are open",
    "today": "Today's date",
}
REFERRER_FIELDS: Final = frozenset(
    {"referrer_name", "referrer_organisation", "what_you_told_us", "what_we_ask"}
)
# Merge fields that print a phone number, and the configuration each is filled from: a
# template may use one only while its number is configured (rendering.check_numbers).
PHONE_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "cads_phone": ("professionals_phone", "public_phone"),
    "authority_phone": ("professionals_phone", "public_phone"),
    "professionals_phone": ("professionals_phone",),
    "public_phone": ("public_phone",),
    "out_of_hours_phone": ("out_of_hours_phone",),
    "early_help_phone": ("early_help_phone",),
    "emergency_number": ("emergency_number",),
}


@dataclass(frozen=True)
class LetterInput:
    """What a letter is about beyond the contact: its kind, the decision it reports, who it
    is to, and the text a person wrote for it."""

    kind: str
    decision: Decision | None = None
    recipient_name: str = ""
    instructions: str = ""
    acknowledge_link: str = ""


def is_public(contact: Contact) -> bool:
    return contact.referrer_anonymous or contact.referral_source in PUBLIC_SOURCES


def identity_withheld(contact: Contact) -> bool:
    """A member of the public (or an anonymous referrer) who did not agree to be named."""
    return is_public(contact) and contact.referrer_identity_may_be_shared is not True


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


def _decision_fields(decision: Decision | None) -> dict[str, str]:
    """The summary written for the reader, and nothing else of the decision."""
    if decision is None:
        return {}
    fields = {
        "what_you_told_us": decision.summary_told_us,
        "what_we_decided": decision.summary_decided,
        "what_happens_now": decision.summary_next_steps,
        "what_we_ask": decision.summary_asks,
    }
    if not REFERRAL_OUTCOMES & set(decision.outcomes):
        # Below the threshold for statutory work: what else may help.
        fields["other_support"] = letter_settings().other_support
    return fields


def authority_fields(authority: AuthorityConfiguration, *, professional: bool) -> dict[str, str]:
    """Names, numbers and the address, all from the authority's configuration."""
    cads_phone = (
        authority.professionals_phone or authority.public_phone
        if professional
        else authority.public_phone or authority.professionals_phone
    )
    address = [line.strip() for line in authority.letterhead.splitlines() if line.strip()]
    return {
        "authority_name": authority.authority_name,
        "authority_address": ", ".join(address),
        "service_name": authority.service_name,
        "cads_phone": cads_phone,
        "authority_phone": cads_phone,
        "professionals_phone": authority.professionals_phone,
        "public_phone": authority.public_phone,
        "out_of_hours_phone": authority.out_of_hours_phone,
        "early_help_team": authority.early_help_team_name,
        "early_help_phone": authority.early_help_phone,
        "emergency_number": authority.emergency_number,
        "opening_hours": authority.opening_hours,
    }


def merge_fields(contact: Contact, letter: LetterInput) -> dict[str, Any]:
    """The values of every merge field for `letter` about `contact`."""
    family = letter.kind == LetterKind.FAMILY
    professional = not family and (letter.kind == LetterKind.INSTRUCTIONS or not is_public(contact))
    fields: dict[str, Any] = dict.fromkeys(MERGE_FIELDS, "")
    fields.update(
        reference=contact.reference or "",
        received_date=date_words(contact.received_at),
        recipient_name=letter.recipient_name or ("" if family else contact.referrer_name),
        referrer_name=contact.referrer_name,
        referrer_organisation=contact.referrer_organisation,
        children_first_names=_children(contact),
        consultation_overview=contact.consultation_overview,
        advice_given=contact.advice_given,
        instructions=letter.instructions,
        acknowledge_link=letter.acknowledge_link,
        today=date_words(timezone.now()),
        **authority_fields(authority_configuration(), professional=professional),
    )
    fields.update(_decision_fields(letter.decision))
    if family:
        # A family letter is about what was decided, not what the referrer said or must do.
        for name in ("what_you_told_us", "what_we_ask"):
            fields[name] = ""
        if identity_withheld(contact):
            _withhold_referrer(fields, contact)
    return fields


def _withhold_referrer(fields: dict[str, Any], contact: Contact) -> None:
    """Leave out the referrer's fields, and any other value that would name them (a
    summary may mention the neighbour who called)."""
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
