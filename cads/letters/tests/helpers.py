"""Builders for letters tests: contacts with a named referrer, made through the services,
and running the worker's delivery for every queued letter."""

from __future__ import annotations

import importlib
import uuid

from cads.accounts.models import User
from cads.contacts.codes import Consent
from cads.contacts.models import Contact
from cads.contacts.services import contact_section_save, contact_submit
from cads.contacts.tests.intake_helpers import ready_contact
from cads.letters.delivery import letter_deliver
from cads.letters.models import Letter
from cads.letters.workflow import LetterStatus

REFERRER = {
    "referrer_anonymous": False,
    "referrer_name": "Priya Shah",
    "referrer_role": "Neighbour",
    "referrer_organisation": "",
    "referrer_email": "priya.shah@example.org",
    "referrer_phone": "01632 960 123",
}


def named_contact(actor: User, **referrer: object) -> Contact:
    """A draft about Maisie Pryce from a named referrer with an email address (a member
    of the public unless `referral_source` says otherwise), consent given."""
    contact = ready_contact(actor)
    contact = contact_section_save(
        actor=actor,
        contact=contact,
        section="consent",
        changes={"consent": Consent.GIVEN, "consent_not_sought_reason": ""},
    )
    return contact_section_save(
        actor=actor, contact=contact, section="referrer", changes={**REFERRER, **referrer}
    )


def submit(actor: User, contact: Contact) -> Contact:
    return contact_submit(actor=actor, contact=contact, submission_key=uuid.uuid4())


def deliver_queued() -> list[Letter]:
    """What the worker does: make and send every queued letter."""
    return [
        letter_deliver(letter_id=str(pk))
        for pk in Letter.objects.filter(status=LetterStatus.QUEUED).values_list("pk", flat=True)
    ]


def letter_templates_reseed() -> None:
    """Put back the letter templates the migrations seed: a transactional test empties every
    table when it ends, and a later test that owes a letter needs its template."""
    from django.apps import apps

    if apps.get_model("letters", "LetterTemplate").objects.exists():
        return
    for name in (
        "0002_default_templates",
        "0004_templates_and_immutable_letters",
        "0005_checked_before_sending_and_reader_templates",
    ):
        importlib.import_module(f"cads.letters.migrations.{name}").seed(apps, None)
