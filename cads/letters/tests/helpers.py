"""Builders for letters tests: contacts with a named referrer, made through the services."""

from __future__ import annotations

import uuid

from cads.accounts.models import User
from cads.contacts.models import Contact
from cads.contacts.services import contact_section_save, contact_submit
from cads.contacts.tests.intake_helpers import ready_contact

REFERRER = {
    "referrer_anonymous": False,
    "referrer_name": "Priya Shah",
    "referrer_role": "Designated safeguarding lead",
    "referrer_organisation": "Wessex Primary School",
    "referrer_email": "priya.shah@example.org",
}


def named_contact(actor: User, **referrer: object) -> Contact:
    """A draft about Maisie Pryce from a named referrer with an email address."""
    contact = ready_contact(actor)
    return contact_section_save(
        actor=actor, contact=contact, section="referrer", changes={**REFERRER, **referrer}
    )


def submit(actor: User, contact: Contact) -> Contact:
    return contact_submit(actor=actor, contact=contact, submission_key=uuid.uuid4())
