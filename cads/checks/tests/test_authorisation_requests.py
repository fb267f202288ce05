"""Asking a team manager to authorise checks without consent is work: the request joins the
managers' list ("Authorisations") with an alert to each team manager, the manager answers
with reasons, and the worker gets an alert and sees the answer on the contact's checks page
and screening page. Asking twice adds nothing; a manager who authorises from the contact's
checks answers the waiting request too."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cads.accounts.roles import Role
from cads.alerts.models import Alert, AlertKind
from cads.alerts.services import alert_link
from cads.audit.models import CaseEvent
from cads.checks.models import AuthorisationRequest, ConsentOverride
from cads.checks.selectors import authorisations_waiting, consent_authorised
from cads.checks.services import CheckRefusedError
from cads.checks.services_authorisation import authorisation_answer, authorisation_request
from cads.checks.services_sharing import consent_override_authorise
from cads.checks.workflow import AuthorisationStatus
from cads.contacts.tests.intake_helpers import error_summary, page
from conftest import signed_in_client

pytestmark = pytest.mark.django_db

WHY = "Asking the parents would alert the father, who is under police investigation"


@pytest.fixture
def manager(make_user):
    return make_user(Role.TEAM_MANAGER)


def test_the_worker_asks_and_the_request_reaches_the_managers_list_and_alerts(
    screener, manager, no_consent_contact
):
    client = signed_in_client(screener)
    blocked = page(client.get(reverse("checks:request-new", args=[no_consent_contact.pk])))
    ask_link = blocked.find("a", string="Ask a team manager")
    assert ask_link["href"] == reverse("checks:ask-a-manager", args=[no_consent_contact.pk])
    url = ask_link["href"]
    assert error_summary(client.post(url, {"reasons": ""})) == [
        "Enter why checks should go ahead without consent"
    ]
    assert client.post(url, {"reasons": WHY}).status_code == 302
    client.post(url, {"reasons": WHY})  # asking again while it waits: still one request
    request = AuthorisationRequest.objects.get()
    assert request.status == AuthorisationStatus.WAITING
    assert request.requested_by == screener
    assert CaseEvent.objects.filter(kind="checks.authorisation_requested").count() == 1

    (alert,) = Alert.objects.filter(kind=AlertKind.CONSENT_ASKED)
    assert alert.recipient == manager
    assert str(no_consent_contact.reference) in alert.message
    assert "Maisie" not in alert.message  # alerts name no child
    assert alert_link(alert) == reverse("checks:authorisation-answer", args=[request.pk])

    assert authorisations_waiting(manager).count() == 1
    managers = signed_in_client(manager)
    listed = page(managers.get(reverse("checks:authorisations")))
    link = listed.find("a", href=reverse("checks:authorisation-answer", args=[request.pk]))
    assert link.get_text(" ", strip=True).startswith(str(no_consent_contact.reference))
    home = page(managers.get(reverse("accounts:home")))
    assert "Authorisations" in home.select_one(".govuk-service-navigation").get_text()
    waiting = page(client.get(reverse("checks:contact-checks", args=[no_consent_contact.pk])))
    assert "Waiting for a team manager" in waiting.get_text()


def test_the_managers_answer_reaches_the_worker(screener, manager, no_consent_contact):
    request = authorisation_request(actor=screener, contact=no_consent_contact, reasons=WHY)
    managers = signed_in_client(manager)
    url = reverse("checks:authorisation-answer", args=[request.pk])
    assert error_summary(managers.post(url, {"authorise": "yes", "answer": ""})) == [
        "Enter the reasons for your answer"
    ]
    response = managers.post(url, {"authorise": "yes", "answer": "Risk of harm if told"})
    assert response["Location"] == reverse("checks:authorisations")
    request.refresh_from_db()
    assert request.status == AuthorisationStatus.AUTHORISED
    assert request.override == ConsentOverride.objects.get(contact=no_consent_contact)
    assert consent_authorised(no_consent_contact)  # the worker can now request checks
    assert authorisations_waiting(manager).count() == 0

    (alert,) = Alert.objects.filter(kind=AlertKind.CONSENT_ANSWERED)
    assert alert.recipient == screener
    assert "authorised by Test Team manager" in alert.message
    worker = signed_in_client(screener)
    checks = page(worker.get(reverse("checks:contact-checks", args=[no_consent_contact.pk])))
    assert "authorised checks without consent" in checks.get_text()
    assert "Risk of harm if told" in checks.get_text()
    worker.get(reverse("screening:history", args=[no_consent_contact.pk]))
    screen = page(worker.get(reverse("screening:screen", args=[no_consent_contact.pk])))
    assert "Risk of harm if told" in screen.get_text()
    with pytest.raises(CheckRefusedError, match="already been answered"):
        authorisation_answer(actor=manager, request=request, authorise=False, answer="No")


def test_a_no_is_told_to_the_worker_who_may_ask_again(screener, manager, no_consent_contact):
    request = authorisation_request(actor=screener, contact=no_consent_contact, reasons=WHY)
    authorisation_answer(
        actor=manager, request=request, authorise=False, answer="Seek consent from mum first"
    )
    assert not consent_authorised(no_consent_contact)
    assert Alert.objects.get(kind=AlertKind.CONSENT_ANSWERED).recipient == screener
    worker = signed_in_client(screener)
    blocked = page(worker.get(reverse("checks:request-new", args=[no_consent_contact.pk])))
    assert "Not authorised" in blocked.get_text()
    assert "Seek consent from mum first" in blocked.get_text()
    again = authorisation_request(actor=screener, contact=no_consent_contact, reasons="Mum refused")
    assert again.pk != request.pk


def test_authorising_from_the_contact_answers_the_waiting_request(
    screener, manager, no_consent_contact
):
    request = authorisation_request(actor=screener, contact=no_consent_contact, reasons=WHY)
    consent_override_authorise(actor=manager, contact=no_consent_contact, reasons="Risk of harm")
    request.refresh_from_db()
    assert request.status == AuthorisationStatus.AUTHORISED
    assert Alert.objects.get(kind=AlertKind.CONSENT_ANSWERED).recipient == screener


def test_no_request_when_consent_was_given(screener, contact):
    with pytest.raises(CheckRefusedError, match="need no authorisation"):
        authorisation_request(actor=screener, contact=contact, reasons=WHY)
