"""Builders for decision and referral tests, made through the services."""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone

from cads.accounts.models import Organisation, OrganisationKind, User
from cads.checks.models import CheckRequest, ConsentOverride
from cads.contacts.codes import Consent
from cads.contacts.models import Contact
from cads.contacts.services import contact_section_save, contact_submit
from cads.contacts.tests.intake_helpers import ready_contact
from cads.decisions.codes import Outcome
from cads.decisions.models import Decision
from cads.decisions.services import decision_record


def stepped_down(worker: User, reasons: str = "Family would welcome support") -> Decision:
    """A final decision stepping a contact about the Okafor family down to Early Help."""
    return decision_record(
        actor=worker,
        contact=submitted_contact(worker, family_name="Okafor"),
        outcomes=[Outcome.EARLY_HELP],
        reasons=reasons,
    )


def submitted_contact(
    actor: User,
    *,
    consent: str = Consent.GIVEN,
    received_at: datetime.datetime | None = None,
    family_name: str = "Pryce",
) -> Contact:
    """A submitted contact about one child (Maisie), awaiting screening."""
    contact = ready_contact(actor, received_at=received_at, family_name=family_name)
    if consent == Consent.GIVEN:
        contact = contact_section_save(
            actor=actor,
            contact=contact,
            section="consent",
            changes={"consent": Consent.GIVEN, "consent_not_sought_reason": ""},
        )
    return contact_submit(actor=actor, contact=contact, submission_key=uuid.uuid4())


def open_check(contact: Contact, requested_by: User) -> CheckRequest:
    """An outstanding partner check on the contact (the checks app's own table)."""
    police, _ = Organisation.objects.get_or_create(
        name="Wessex Police", defaults={"kind": OrganisationKind.POLICE}
    )
    return CheckRequest.objects.create(
        contact=contact,
        organisation=police,
        question="Any callouts to the address?",
        shared_information="Names and address",
        requested_by=requested_by,
        due_at=timezone.now() + datetime.timedelta(days=1),
    )


def authorise_without_consent(contact: Contact, manager: User) -> ConsentOverride:
    return ConsentOverride.objects.create(
        contact=contact, authorised_by=manager, reasons="Telling the parents puts Maisie at risk"
    )
