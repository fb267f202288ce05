"""The intake task list: which fields each section holds and what must be answered before
a contact can be submitted (seed 001 and the professional guidance, incumbents §5.1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from cads.contacts.codes import Channel, Consent, ContactKind, SubjectRole
from cads.contacts.models import Contact


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    fields: tuple[str, ...]


SECTIONS: Final = (
    Section("children-and-family", "Children and family", ()),
    Section(
        "referrer",
        "Referrer",
        (
            "referrer_name",
            "referrer_role",
            "referrer_organisation",
            "referrer_phone",
            "referrer_email",
            "referral_source",
            "referrer_anonymous",
            "referrer_identity_may_be_shared",
            "referrer_discussed_with",
        ),
    ),
    Section(
        "consent",
        "Consent",
        (
            "parents_told",
            "consent",
            "consent_not_sought_reason",
            "consent_reason_detail",
            "consent_given_by",
            "consent_covers",
        ),
    ),
    Section(
        "concern",
        "The concern",
        (
            "concern",
            "concern_when",
            "happened_before",
            "referrer_witnessed",
            "different_today",
            "action_taken",
            "child_words",
            "strengths",
            "police_reference",
            "other_professionals",
        ),
    ),
    Section("relationship", "Relationship", ("how_well_known", "last_direct_contact")),
    Section("outcome-sought", "Outcome sought", ("outcome_sought", "referrer_threshold_view")),
)

CONSULTATION_SECTIONS: Final = (
    Section(
        "consultation",
        "Consultation",
        (
            "referrer_name",
            "referrer_role",
            "referrer_organisation",
            "referrer_phone",
            "referrer_email",
            "referral_source",
            "consultation_overview",
            "consultation_child_age",
            "advice_given",
        ),
    ),
)

BY_SLUG: Final = {s.slug: s for s in (*SECTIONS, *CONSULTATION_SECTIONS)}


def sections_for(contact: Contact) -> tuple[Section, ...]:
    return CONSULTATION_SECTIONS if contact.kind == ContactKind.CONSULTATION else SECTIONS


def missing_for_submit(contact: Contact) -> list[str]:
    """What still stops a submit, in the words the check-answers page shows."""
    if contact.kind == ContactKind.CONSULTATION:
        return _missing_consultation(contact)
    if contact.channel == Channel.ONLINE:
        return _missing_online(contact)
    missing = []
    if contact.immediate_risk is None:
        missing.append("Answer whether a child is at immediate risk of significant harm")
    # A child named without a search counts: the screener identifies them (ADR 0021).
    named_child = contact.named_people.filter(role=SubjectRole.CHILD).exists()
    if not named_child and not contact.subjects.filter(role=SubjectRole.CHILD).exists():
        missing.append("Add the child or children the concern is about")
    if not contact.referral_source:
        missing.append("Complete the referrer section")
    if not contact.consent:
        missing.append("Complete the consent section")
    elif contact.consent == Consent.NOT_SOUGHT and not contact.consent_not_sought_reason:
        missing.append("Say why consent was not sought")
    if not contact.concern.strip():
        missing.append("Describe the concern")
    return missing


def _missing_consultation(contact: Contact) -> list[str]:
    missing = []
    if not contact.referrer_organisation.strip():
        missing.append("Enter the professional's organisation")
    if not contact.consultation_overview.strip():
        missing.append("Enter an overview of the consultation")
    if not contact.advice_given.strip():
        missing.append("Record the advice given")
    return missing


def _missing_online(contact: Contact) -> list[str]:
    """An online report was checked question by question before it was sent; the children
    it names are identified at screening, and the public is not asked for consent."""
    missing = []
    if contact.immediate_risk is None:
        missing.append("Answer whether a child is at immediate risk of significant harm")
    if not any(p.get("role") == SubjectRole.CHILD for p in contact.reported_people):
        missing.append("Tell us about the child or children")
    if not contact.referral_source:
        missing.append("Say how you know the child")
    if not contact.concern.strip():
        missing.append("Describe the concern")
    return missing
