"""The contact record: everything a contact holds, in the order a professional is asked for
it (the professional guidance's five sections: personal details and other professionals,
consent, the specific concern, the relationship with the family, the outcome wanted), then
the referrer and the immediate-risk answer (ADR 0020).

The order and the wording are defined here once; the record page and the screening,
decision and sign-off pages all render these sections (`contacts/_concern.html`), so the
person deciding sees every answer the referrer gave, never a summary."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.dateformat import format as date_format

from cads.contacts.codes import Consent, SubjectRole
from cads.contacts.models import Contact, ContactSubject

NOT_GIVEN = "Not given"


@dataclass(frozen=True)
class RecordRow:
    label: str
    lines: list[str]


@dataclass(frozen=True)
class RecordSection:
    slug: str
    title: str
    rows: list[RecordRow] = field(default_factory=list)


def _lines(value: object) -> list[str]:
    """An answer in words: blank is "Not given", so a reader sees the question was empty."""
    if value is None or value == "":
        return [NOT_GIVEN]
    if isinstance(value, bool):
        return ["Yes" if value else "No"]
    if isinstance(value, datetime.date):
        return [date_format(value, "j F Y")]
    return [str(value)]


def _row(label: str, value: object) -> RecordRow:
    return RecordRow(label, _lines(value))


def _family_section(contact: Contact) -> RecordSection:
    """Guidance section 1: personal details. The people themselves are rendered from the
    record's people (restriction applies per person); other professionals belong here."""
    return RecordSection(
        "children-and-family",
        "Children and family",
        [_row("Other professionals involved", contact.other_professionals)],
    )


def _consent_section(contact: Contact) -> RecordSection:
    """Guidance section 2: were the parents told, and consent with its reason."""
    rows = [
        _row(
            "Parents or carers told about the contact",
            contact.get_parents_told_display() if contact.parents_told else "",
        ),
        _row("Consent", contact.get_consent_display() if contact.consent else "Not recorded"),
    ]
    if contact.consent == Consent.GIVEN:
        rows += [
            _row("Who gave consent", contact.consent_given_by),
            _row("What the consent covers", contact.consent_covers),
        ]
    elif contact.consent == Consent.NOT_SOUGHT:
        reason = contact.consent_not_sought_reason
        rows += [
            _row(
                "Why consent was not sought",
                contact.get_consent_not_sought_reason_display() if reason else "",
            ),
            _row("Reason consent was not sought, in full", contact.consent_reason_detail),
        ]
    return RecordSection("consent", "Consent", rows)


def _concern_section(contact: Contact) -> RecordSection:
    """Guidance section 3: what, when, how often, before, seen, different today, action."""
    yes_no = {"yes": "Yes", "no": "No", "unknown": "Not known"}
    rows = [
        _row("What the concern is", contact.concern),
        _row("The child's own words", contact.child_words),
        _row("When it happened, and how often", contact.concern_when),
        _row("Has it happened before", yes_no.get(contact.happened_before, "")),
        _row("Did the referrer see it happen", yes_no.get(contact.referrer_witnessed, "")),
        _row("What is different today", contact.different_today),
        _row("Action already taken, and what worked", contact.action_taken),
        _row("Strengths and protective factors", contact.strengths),
        _row("Police reference", contact.police_reference),
    ]
    if contact.converted_from_consultation_at:
        rows.append(_row("Advice given at the consultation", contact.advice_given))
    return RecordSection("concern", "The concern", rows)


def _relationship_section(contact: Contact) -> RecordSection:
    """Guidance section 4: how well the referrer knows the family, last direct contact."""
    return RecordSection(
        "relationship",
        "The referrer's relationship with the child and family",
        [
            _row("How well the referrer knows the child and family", contact.how_well_known),
            _row("Last direct contact with the child", contact.last_direct_contact),
        ],
    )


def _outcome_section(contact: Contact) -> RecordSection:
    """Guidance section 5: the outcome the referrer would like for the child."""
    view = contact.referrer_threshold_view
    return RecordSection(
        "outcome-sought",
        "The outcome the referrer wants",
        [
            _row("What the referrer would like to happen", contact.outcome_sought),
            _row(
                "The referrer's view of the level of need",
                contact.get_referrer_threshold_view_display() if view else "",
            ),
        ],
    )


def _referrer_section(contact: Contact) -> RecordSection:
    source = contact.get_referral_source_display() if contact.referral_source else ""
    if contact.referrer_anonymous:
        # Only members of the public may stay anonymous: nothing identifying was kept.
        return RecordSection(
            "referrer", "Referrer", [_row("Referrer", "Anonymous"), _row("Who they are", source)]
        )
    verification = getattr(contact, "online_verification", None)
    email = contact.referrer_email
    if verification is not None and email and verification.email.lower() == email.lower():
        email = f"{email} (confirmed with a code)"
    rows = [
        _row("Name", contact.referrer_name),
        _row("Role or job title", contact.referrer_role),
        _row("Organisation", contact.referrer_organisation),
        _row("Phone number", contact.referrer_phone),
        _row("Email address", email),
        _row("Who they are (referral source)", source),
        _row("Stays anonymous", False),
        _row(
            "Identity may be shared with the family",
            contact.referrer_identity_may_be_shared,
        ),
        _row("Discussed with (safeguarding lead or line manager)", contact.referrer_discussed_with),
    ]
    return RecordSection("referrer", "Referrer", rows)


def _risk_section(contact: Contact) -> RecordSection:
    return RecordSection(
        "immediate-risk",
        "Immediate risk",
        [_row("Is a child at immediate risk of significant harm", contact.immediate_risk)],
    )


def concern_sections(contact: Contact) -> list[RecordSection]:
    """Every answer the contact holds, in the guidance's order, then the referrer and the
    immediate-risk answer. The children and family section's people are added by the
    template from `ContactRecord.people` and `ContactRecord.reported`."""
    return [
        _family_section(contact),
        _consent_section(contact),
        _concern_section(contact),
        _relationship_section(contact),
        _outcome_section(contact),
        _referrer_section(contact),
        _risk_section(contact),
    ]


def subject_lines(subject: ContactSubject) -> list[str]:
    """A linked person's details on the contact: role, birth, parental responsibility and,
    for a child, where they are now (asked at every intake)."""
    person = subject.person
    lines = [subject.get_role_display()]
    if person.date_of_birth:
        lines.append(f"Born {date_format(person.date_of_birth, 'j F Y')}")
    elif person.expected_date_of_delivery:
        lines.append(f"Unborn, due {date_format(person.expected_date_of_delivery, 'j F Y')}")
    if subject.parental_responsibility is not None:
        has = "Has" if subject.parental_responsibility else "Does not have"
        lines.append(f"{has} parental responsibility")
    if subject.role == SubjectRole.CHILD or subject.whereabouts:
        lines.append(f"Where the child is now: {subject.whereabouts or NOT_GIVEN.lower()}")
    return lines


@dataclass(frozen=True)
class ReportedPersonRow:
    """A person as an online referrer described them, before anyone is linked to a record."""

    name: str
    role: str
    lines: list[str]


def reported_people_rows(contact: Contact) -> list[ReportedPersonRow]:
    """Children then parents and carers, in the referrer's own words (online reports)."""
    rows = []
    for person in contact.reported_people:
        name = f"{person.get('given_name', '')} {person.get('family_name', '')}".strip()
        child = person.get("role") == SubjectRole.CHILD
        lines = [] if child else [str(person.get("relationship") or "").capitalize()]
        born = person.get("date_of_birth")
        if born:
            lines.append(f"Born {date_format(datetime.date.fromisoformat(born), 'j F Y')}")
        elif child:
            lines.append("Date of birth not known")
        lines += [person.get(k) or "" for k in ("address", "postcode", "phone")]
        if person.get("school"):
            lines.append(f"School: {person['school']}")
        role = "Child the concern is about" if child else "Parent or carer"
        rows.append(ReportedPersonRow(name or "Name not given", role, [x for x in lines if x]))
    return rows
