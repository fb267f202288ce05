"""The work tray and the history screen joined to the rest of the front door: a red
contact still being recorded, open and overdue partner checks, and a child's earlier
contacts with their decided outcomes, open referrals and partner checks."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cads.accounts.models import Organisation, OrganisationKind
from cads.accounts.roles import Role
from cads.checks.models import LawfulBasis
from cads.checks.services import CheckAsk, checks_request
from cads.checks.services_sharing import consent_override_authorise
from cads.contacts.services import contact_immediate_risk_record, contact_start
from cads.core.clocks import LONDON
from cads.decisions.services import decision_record
from cads.screening.services import screening_open
from cads.screening.tests.helpers import soup, submitted
from conftest import signed_in_client

pytestmark = pytest.mark.django_db
MONDAY_10 = datetime(2025, 6, 2, 10, 0, tzinfo=LONDON)


@pytest.fixture
def people(make_user):
    roles = (Role.CALL_HANDLER, Role.CADS_SOCIAL_WORKER, Role.TEAM_MANAGER)
    return tuple(make_user(role) for role in roles)


def police() -> Organisation:
    return Organisation.objects.create(name="Wessex Police", kind=OrganisationKind.POLICE)


def ask_police(contact, screener, manager) -> None:
    # ready_contact's family was not asked for consent: a manager authorises the checks.
    consent_override_authorise(
        actor=manager, contact=contact, reasons="Asking could place the children at risk"
    )
    ask = CheckAsk(police(), "Any incidents at the address?", "Maisie Pryce, 27 March 2019")
    checks_request(
        actor=screener,
        contact=contact,
        asks=[ask],
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        reasons="Neighbour reports children left alone at night",
    )


def test_a_red_contact_being_recorded_is_first_in_the_tray(people) -> None:
    handler, screener, _ = people
    submitted(handler, family_name="Amberley")
    draft = contact_start(actor=handler, received_at=timezone.now())
    contact_immediate_risk_record(actor=handler, contact=draft, at_risk=True)

    page = soup(signed_in_client(screener).get(reverse("screening:tray")))

    first = page.select("#tray tr[data-reference]")[0]
    assert "Being recorded" in first.get_text()
    assert first.select("th a") == []  # nothing to screen until it is submitted


def test_open_and_overdue_partner_checks_show_in_the_tray(people) -> None:
    handler, screener, manager = people
    with time_machine.travel(MONDAY_10, tick=False):
        contact = submitted(handler)
        screening_open(actor=screener, contact=contact)
        ask_police(contact, screener, manager)
    with time_machine.travel(MONDAY_10 + timedelta(days=5), tick=False):
        text = soup(signed_in_client(screener).get(reverse("screening:tray"))).get_text(" ")
    assert "1 partner check open" in text
    assert "1 check overdue" in text


def test_history_shows_earlier_outcomes_referrals_and_checks(people) -> None:
    handler, screener, manager = people
    earlier = submitted(handler)
    screening_open(actor=screener, contact=earlier)
    ask_police(earlier, screener, manager)
    later = submitted(handler)
    child = later.subjects.get(role="child").person
    earlier.subjects.filter(role="child").update(person=child)  # the same child both times
    decision_record(
        actor=screener, contact=earlier, outcomes=["mash_checks"], reasons="Checks needed first"
    )

    client = signed_in_client(screener)
    text = soup(client.get(reverse("screening:history", args=[later.pk]))).get_text(" ")

    assert earlier.reference
    assert earlier.reference in text
    assert "MASH partner checks" in text  # the earlier contact's outcome
    assert f"Wessex Police, {timezone.localdate():%-d %b %Y} ({earlier.reference}): requested" in (
        " ".join(text.split())
    )
