"""Builders for alerts tests, made through the services of the apps that own the data."""

from __future__ import annotations

import uuid

from cads.accounts.models import Organisation, OrganisationKind, User
from cads.alerts.models import Alert
from cads.checks.models import CheckRequest, LawfulBasis
from cads.checks.services import CheckAsk, checks_request
from cads.contacts.models import Contact
from cads.contacts.services import contact_submit
from cads.contacts.tests.intake_helpers import ready_contact

CHILD_WORDS = ("Maisie", "Pryce", "27 March 2019", "2019-03-27", "left alone overnight")


def red_contact(actor: User) -> Contact:
    """A submitted contact about Maisie Pryce with immediate risk (red at intake)."""
    draft = ready_contact(actor, at_risk=True)
    return contact_submit(actor=actor, contact=draft, submission_key=uuid.uuid4())


def police_check(contact: Contact, actor: User) -> CheckRequest:
    police, _ = Organisation.objects.get_or_create(
        name="Wessex Police", defaults={"kind": OrganisationKind.POLICE}
    )
    (check,) = checks_request(
        actor=actor,
        contact=contact,
        asks=[
            CheckAsk(
                organisation=police,
                question="Any callouts to the address?",
                information="Maisie Pryce, born 27 March 2019",
            )
        ],
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        reasons="Children reported left alone overnight",
    )
    return check


def alerts_of(user: User) -> list[tuple[str, str]]:
    """(kind, contact reference) of every alert raised for `user`, oldest first."""
    alerts = Alert.objects.filter(recipient=user).select_related("contact").order_by("created_at")
    return [(a.kind, a.contact.reference or "") for a in alerts]
