"""Builders for the intake tests: a draft ready to submit, made through the services."""

from __future__ import annotations

import datetime
from typing import Any

from bs4 import BeautifulSoup
from django.utils import timezone

from cads.accounts.models import User
from cads.contacts.codes import Consent, ConsentNotSoughtReason, ReferralSource, SubjectRole
from cads.contacts.models import Contact
from cads.contacts.services import (
    contact_immediate_risk_record,
    contact_section_save,
    contact_start,
    contact_subject_add,
)
from cads.people.services import person_create


def page(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def error_summary(response: Any) -> list[str]:
    """The error summary's messages, in order."""
    return [a.get_text(strip=True) for a in page(response).select(".govuk-error-summary__list a")]


def start_data(received: datetime.datetime | None = None, **overrides: str) -> dict[str, str]:
    """The start form as a browser would post it."""
    received = timezone.localtime(received or timezone.now() - datetime.timedelta(minutes=5))
    data = {
        "received_date_day": str(received.day),
        "received_date_month": str(received.month),
        "received_date_year": str(received.year),
        "received_time": received.strftime("%H:%M"),
        "channel": "phone",
        "kind": "contact",
    }
    return data | overrides


def ready_contact(
    actor: User,
    *,
    at_risk: bool = False,
    received_at: datetime.datetime | None = None,
    family_name: str = "Pryce",
    contact: Contact | None = None,
) -> Contact:
    """A draft (new, or `contact`) with everything a submit needs: immediate risk
    answered, a child, the referrer, consent and the concern."""
    if contact is None:
        contact = contact_start(actor=actor, received_at=received_at or timezone.now())
    contact = contact_immediate_risk_record(actor=actor, contact=contact, at_risk=at_risk)
    child = person_create(
        actor=actor, given_name="Maisie", family_name=family_name, sex="F",
        date_of_birth=datetime.date(2019, 3, 27),
    )  # fmt: skip
    contact_subject_add(
        actor=actor, contact=contact, person=child, role=SubjectRole.CHILD, whereabouts="School"
    )
    sections: dict[str, dict[str, Any]] = {
        "referrer": {"referral_source": ReferralSource.ACQUAINTANCE, "referrer_anonymous": True},
        "consent": {
            "consent": Consent.NOT_SOUGHT,
            "consent_not_sought_reason": ConsentNotSoughtReason.RISK_OF_HARM,
        },
        "concern": {"concern": "Children left alone overnight"},
    }
    for slug, changes in sections.items():
        contact = contact_section_save(actor=actor, contact=contact, section=slug, changes=changes)
    return contact
