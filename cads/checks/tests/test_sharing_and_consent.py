"""Every disclosure and every decision not to share is recorded (golden rule 7); checks
without consent need a team manager's authorisation with reasons first."""

from __future__ import annotations

import pytest

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.checks.models import CheckRequest, ConsentOverride, InformationSharingRecord
from cads.checks.selectors import consent_authorised
from cads.checks.services import ConsentNotAuthorisedError
from cads.checks.tests.conftest import ask
from cads.contacts.tests.intake_helpers import error_summary
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


def test_the_screener_requests_two_checks_each_with_a_sharing_record(orgs, screener, contact):
    client = signed_in_client(screener)
    url = f"/checks/contact/{contact.pk}/request/"
    assert error_summary(client.post(url, {"step": "choose"})) == [
        "Select at least one partner agency"
    ]
    chosen = [orgs["police"].pk, orgs["school"].pk]
    page = client.post(url, {"step": "choose", "organisations": chosen}).content.decode()
    assert "Question for Wessex Police" in page
    assert "Maisie Pryce" in page  # who the check is about, offered as a starting point
    ids = f"{orgs['police'].pk},{orgs['school'].pk}"
    missing = client.post(url, {"step": "details", "organisation_ids": ids})
    assert "Enter the question for Oakfield Primary School" in error_summary(missing)
    assert "Select the lawful basis for sharing" in error_summary(missing)
    data = {
        "step": "details",
        "organisation_ids": ids,
        f"question_{orgs['police'].pk}": "Any incidents at the address?",
        f"information_{orgs['police'].pk}": "Maisie Pryce, 27 March 2019, 4 Elm Row",
        f"question_{orgs['school'].pk}": "Attendance and presentation this term?",
        f"information_{orgs['school'].pk}": "Maisie Pryce, Year 2",
        "lawful_basis": "public_task",
        "reasons": "Report of children left alone overnight",
    }
    assert client.post(url, data).status_code == 302
    checks = CheckRequest.objects.filter(contact=contact)
    assert checks.count() == 2
    records = InformationSharingRecord.objects.filter(contact=contact, shared=True)
    assert {(r.organisation.name, r.information) for r in records} == {
        ("Wessex Police", "Maisie Pryce, 27 March 2019, 4 Elm Row"),
        ("Oakfield Primary School", "Maisie Pryce, Year 2"),
    }
    record = records.first()
    assert record.lawful_basis == "public_task"
    assert record.consent_status == "Consent given"
    assert record.decided_by == screener
    assert record.reasons == "Report of children left alone overnight"
    assert (
        CaseEvent.objects.filter(subject_id=str(contact.pk), kind="checks.requested").count() == 1
    )


def test_a_decision_not_to_share_is_recorded_the_same_way(orgs, screener, contact):
    client = signed_in_client(screener)
    url = f"/checks/contact/{contact.pk}/not-shared/"
    assert error_summary(client.post(url, {})) == [
        "Select the agency",
        "Enter what information was not shared",
        "Enter why you decided not to share",
    ]
    data = {
        "organisation": orgs["health"].pk,
        "information": "The mother's mental health history",
        "reasons": "Not relevant to the question asked; would identify the referrer",
    }
    assert client.post(url, data).status_code == 302
    record = InformationSharingRecord.objects.get(contact=contact)
    assert record.shared is False
    assert record.organisation == orgs["health"]
    assert record.decided_by == screener
    assert "Not shared with" in client.get(f"/checks/contact/{contact.pk}/").content.decode()


def test_checks_without_consent_wait_for_a_manager(orgs, screener, no_consent_contact, client_for):
    contact = no_consent_contact
    assert not consent_authorised(contact)
    page = signed_in_client(screener).get(f"/checks/contact/{contact.pk}/request/")
    assert "A team manager must authorise checks without consent" in page.content.decode()
    with pytest.raises(ConsentNotAuthorisedError):
        ask(contact, screener, orgs["police"])

    manager = client_for(Role.TEAM_MANAGER)
    url = f"/checks/contact/{contact.pk}/without-consent/"
    assert error_summary(manager.post(url, {"reasons": ""})) == [
        "Enter why checks should go ahead without consent"
    ]
    reasons = "Telling the parents could put the children at risk of harm"
    assert manager.post(url, {"reasons": reasons}).status_code == 302
    override = ConsentOverride.objects.get(contact=contact)
    assert override.authorised_by.username == "team-manager"
    assert consent_authorised(contact)
    event = CaseEvent.objects.get(subject_id=str(contact.pk), kind="checks.consent_overridden")
    assert event.reason == reasons

    (check,) = ask(contact, screener, orgs["police"])
    record = check.sharing_records.get()
    assert record.consent_status.startswith("Consent not sought; authorised without consent by")
