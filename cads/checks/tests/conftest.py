"""Fixtures for partner checks: partner agencies and their users, a submitted contact,
and checks requested through the service (never by writing rows directly)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from django.test import Client

from cads.accounts.models import Organisation, OrganisationKind, User
from cads.accounts.roles import Role
from cads.accounts.services import two_factor_device_create, user_create
from cads.checks.models import CheckRequest, LawfulBasis
from cads.checks.services import CheckAsk, checks_request
from cads.contacts.codes import Consent
from cads.contacts.models import Contact
from cads.contacts.services import contact_submit
from cads.contacts.tests.intake_helpers import ready_contact
from conftest import PASSWORD, signed_in_client

PARTNERS = {
    "police": ("Wessex Police", OrganisationKind.POLICE),
    "health": ("Wessex Community Health NHS Trust", OrganisationKind.HEALTH),
    "school": ("Oakfield Primary School", OrganisationKind.EDUCATION),
}


@pytest.fixture
def orgs(db: None) -> dict[str, Organisation]:
    return {
        key: Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for key, (name, kind) in PARTNERS.items()
    }


@pytest.fixture
def partner(orgs: dict[str, Organisation]) -> Callable[[str], User]:
    """partner("health") is a MASH partner user of the health organisation."""

    def make(key: str) -> User:
        user = user_create(
            actor=None,
            username=f"{key}-partner",
            password=PASSWORD,
            first_name="Test",
            last_name=f"{key.title()} partner",
            role=Role.MASH_PARTNER,
            organisation=orgs[key],
        )
        two_factor_device_create(user=user, confirmed=True)
        return user

    return make


@pytest.fixture
def partner_client(partner: Callable[[str], User]) -> Callable[[str], Client]:
    return lambda key: signed_in_client(partner(key))


@pytest.fixture
def screener(make_user: Callable[..., User]) -> User:
    return make_user(Role.CADS_SOCIAL_WORKER)


@pytest.fixture
def contact(screener: User) -> Contact:
    """A submitted amber contact whose family consented to checks."""
    submitted = contact_submit(
        actor=screener, contact=ready_contact(screener), submission_key=uuid.uuid4()
    )
    Contact.objects.filter(pk=submitted.pk).update(consent=Consent.GIVEN, rag="amber")
    return Contact.objects.get(pk=submitted.pk)


@pytest.fixture
def no_consent_contact(screener: User) -> Contact:
    """A submitted contact where consent was not sought (risk of harm)."""
    return contact_submit(
        actor=screener,
        contact=ready_contact(screener, family_name="Okafor"),
        submission_key=uuid.uuid4(),
    )


def ask(contact: Contact, actor: User, *orgs: Organisation) -> list[CheckRequest]:
    """Request a check from each of `orgs` through the service."""
    return checks_request(
        actor=actor,
        contact=contact,
        asks=[
            CheckAsk(
                organisation=org,
                question=f"What do {org.name} know about the household?",
                information=f"Maisie Pryce, born 27 March 2019 (for {org.name})",
            )
            for org in orgs
        ],
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        reasons="Children reported left alone overnight; agencies may hold relevant history",
    )
