"""The online form's answers and the one service that turns them into a contact.

Answers live in the (database-backed) session between pages, as plain JSON, so nothing
typed is lost on an error or a reload; only a finished report becomes a Contact. The people
a referrer names are kept as they were described (`Contact.reported_people`, and one
`NamedPerson` each, named but not yet identified): the screener links each one to a record
through search before create, never the public."""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any, Final

from django.db import transaction
from django.utils import timezone

from cads.audit.services import case_event_record
from cads.contacts.codes import PUBLIC_SOURCES, Channel, ContactKind, ReferralSource, SubjectRole
from cads.contacts.models import Contact
from cads.contacts.models_online import OnlineEmailVerification
from cads.contacts.named import named_rows_create
from cads.contacts.services import RED, contact_submit, submission_claim
from cads.contacts.workflow import Status

PUBLIC = "public"
PROFESSIONAL = "professional"
# How a member of the public knows the child gives the CIN referral source; a child
# reporting about themselves (1C) phones or is heard by a professional.
PUBLIC_RELATIONSHIPS: Final = (
    ReferralSource.FAMILY,
    ReferralSource.ACQUAINTANCE,
    ReferralSource.INDIVIDUAL_OTHER,
)
PROFESSIONAL_SOURCES: Final = tuple(s for s in ReferralSource if s not in PUBLIC_SOURCES)


@dataclass
class ReportedPerson:
    """A child or parent/carer as the referrer described them (any part may be unknown)."""

    given_name: str = ""
    family_name: str = ""
    date_of_birth: str = ""  # ISO date; empty when not known
    relationship: str = ""  # parents and carers: "mother", "foster carer"…
    address: str = ""
    postcode: str = ""
    school: str = ""
    phone: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def birth_date(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.date_of_birth) if self.date_of_birth else None


def _people(raw: Any) -> list[ReportedPerson]:
    names = {f.name for f in dataclasses.fields(ReportedPerson)}
    return [ReportedPerson(**{k: v for k, v in p.items() if k in names}) for p in raw or []]


@dataclass
class OnlineAnswers:
    """Everything typed into the online form so far. `answered` lists the pages saved."""

    immediate_risk: bool | None = None
    referrer_type: str = ""  # PUBLIC or PROFESSIONAL
    children: list[ReportedPerson] = field(default_factory=list)
    parents: list[ReportedPerson] = field(default_factory=list)
    concern: str = ""
    different_today: str = ""
    parents_told: str = ""
    consent: str = ""
    consent_not_sought_reason: str = ""
    consent_reason_detail: str = ""
    relationship: str = ""  # public: a referral source from PUBLIC_RELATIONSHIPS
    relationship_detail: str = ""
    anonymous: bool | None = None
    identity_may_be_shared: bool | None = None
    name: str = ""
    phone: str = ""
    email: str = ""
    job_title: str = ""
    organisation: str = ""
    organisation_type: str = ""  # professional: a referral source from PROFESSIONAL_SOURCES
    how_well_known: str = ""
    verified_email: str = ""
    verified_email_at: str = ""  # ISO date and time the code was entered
    answered: list[str] = field(default_factory=list)
    honeypot_filled: bool = False

    @classmethod
    def from_session(cls, data: dict[str, Any] | None) -> OnlineAnswers:
        data = dict(data or {})
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["children"] = _people(values.get("children"))
        values["parents"] = _people(values.get("parents"))
        return cls(**values)

    def to_session(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @property
    def is_professional(self) -> bool:
        return self.referrer_type == PROFESSIONAL

    @property
    def is_anonymous(self) -> bool:
        """Only members of the public may stay anonymous (local safeguarding procedures)."""
        return self.referrer_type == PUBLIC and bool(self.anonymous)

    @property
    def email_verified(self) -> bool:
        """The email on the report is the one the professional confirmed with a code."""
        return (
            self.is_professional
            and bool(self.verified_email)
            and self.verified_email.lower() == self.email.strip().lower()
        )

    def missing(self) -> list[str]:
        """What still stops the report being sent, in the words check answers shows."""
        missing = []
        if self.immediate_risk is None:
            missing.append("Say whether a child is in immediate danger")
        if self.referrer_type not in (PUBLIC, PROFESSIONAL):
            missing.append("Say whether you are a member of the public or a professional")
        if not self.children:
            missing.append("Tell us about the child or children")
        if not self.concern.strip():
            missing.append("Tell us what is worrying you")
        if not self.parents_told:
            missing.append("Say whether the family knows you are contacting us")
        if self.referrer_type == PROFESSIONAL:
            missing += self._missing_professional()
        elif self.referrer_type == PUBLIC:
            missing += self._missing_public()
        return missing

    def _missing_professional(self) -> list[str]:
        missing = []
        if self.anonymous:
            missing.append("Professionals cannot stay anonymous")
        if not self.consent:
            missing.append("Say whether the parents or carers agreed to you contacting us")
        details = (self.name, self.job_title, self.organisation, self.phone, self.email)
        if not all(v.strip() for v in details) or self.organisation_type not in (
            PROFESSIONAL_SOURCES
        ):
            missing.append("Tell us about you and your organisation")
        return missing

    def _missing_public(self) -> list[str]:
        missing = []
        if self.relationship not in PUBLIC_RELATIONSHIPS:
            missing.append("Say how you know the child")
        if self.anonymous is None:
            missing.append("Say whether you want to stay anonymous")
        elif not self.anonymous and (not self.name.strip() or self.identity_may_be_shared is None):
            missing.append("Tell us about you")
        return missing


class OnlineAnswersError(Exception):
    """The answers are not complete enough to send (the form's pages prevent this)."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("; ".join(missing))
        self.missing = missing


def referral_source_for(answers: OnlineAnswers) -> str:
    """CIN referral source: the professional's organisation type; for the public, how they
    know the child (1A, 1B, 1D), or 9 "Anonymous" when they stay anonymous."""
    if answers.is_professional:
        return answers.organisation_type
    if answers.is_anonymous:
        return ReferralSource.ANONYMOUS
    return answers.relationship


def reported_people(answers: OnlineAnswers) -> list[dict[str, Any]]:
    """Children then parents/carers, each a dict with its role, as stored on the contact."""
    people = [(SubjectRole.CHILD, p) for p in answers.children]
    people += [(SubjectRole.PARENT_CARER, p) for p in answers.parents]
    return [
        {"role": str(role), **dataclasses.asdict(p), "date_of_birth": p.date_of_birth or None}
        for role, p in people
    ]


def _how_well_known(answers: OnlineAnswers) -> str:
    if answers.is_professional:
        return answers.how_well_known
    label = str(ReferralSource(answers.relationship).label)
    return f"{label}: {answers.relationship_detail}" if answers.relationship_detail else label


def _referrer_fields(answers: OnlineAnswers) -> dict[str, Any]:
    if answers.is_anonymous:  # anything typed before choosing anonymity is not kept
        return {"referrer_anonymous": True}
    professional = answers.is_professional
    return {
        "referrer_name": answers.name.strip(),
        "referrer_phone": answers.phone.strip(),
        "referrer_email": answers.email.strip(),
        "referrer_role": answers.job_title.strip() if professional else "",
        "referrer_organisation": answers.organisation.strip() if professional else "",
        "referrer_identity_may_be_shared": None if professional else answers.identity_may_be_shared,
    }


def _contact_fields(answers: OnlineAnswers) -> dict[str, Any]:
    consent = {}
    if answers.is_professional:  # the public is not asked for consent, only who knows
        consent = {
            "consent": answers.consent,
            "consent_not_sought_reason": answers.consent_not_sought_reason,
            "consent_reason_detail": answers.consent_reason_detail,
        }
    return {
        "immediate_risk": answers.immediate_risk,
        "rag": RED if answers.immediate_risk else "",
        "referral_source": referral_source_for(answers),
        "parents_told": answers.parents_told,
        "concern": answers.concern,
        "different_today": answers.different_today,
        "how_well_known": _how_well_known(answers),
        "reported_people": reported_people(answers),
        **consent,
        **_referrer_fields(answers),
    }


@transaction.atomic
def online_contact_submit(*, answers: OnlineAnswers, submission_key: uuid.UUID) -> Contact:
    """Send a finished online report to the front-door queue, received now, with a reference.

    The answers become a contact (never left as a draft: the session held them until now),
    which then goes through the one submission service like every other channel, so the
    referrer is owed the same acknowledgement and a red report alerts the managers at once.
    Idempotent: the same submission key (a double click, a resent form) returns the contact
    already made."""
    done = submission_claim(submission_key)
    if done is not None:
        return done
    missing = answers.missing()
    if missing:
        raise OnlineAnswersError(missing)
    now = timezone.now()
    contact = Contact.objects.create(
        kind=ContactKind.CONTACT,
        channel=Channel.ONLINE,
        status=Status.DRAFT,
        received_at=now,
        created_by=None,
        **_contact_fields(answers),
    )
    named_rows_create(contact=contact, people=contact.reported_people)
    if answers.email_verified:
        verified_at = datetime.datetime.fromisoformat(answers.verified_email_at or now.isoformat())
        OnlineEmailVerification.objects.create(
            contact=contact, email=answers.email.strip(), verified_at=verified_at
        )
    case_event_record(
        subject=contact,
        actor=None,
        kind="contact.received_online",
        new={
            "referral_source": contact.referral_source,
            "immediate_risk": contact.immediate_risk,
            "people": len(contact.reported_people),
            "email_verified": answers.email_verified,
        },
    )
    return contact_submit(actor=None, contact=contact, submission_key=submission_key)
