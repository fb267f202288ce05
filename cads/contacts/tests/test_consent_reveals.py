"""The consent section asks its follow-up questions under the answer they follow (GOV.UK
conditional reveals): who gave consent and what it covers under "given", why it was not
sought under "not sought"; an answer that belongs to another choice is not kept."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from cads.accounts.roles import Role
from cads.contacts.models import Contact
from cads.contacts.services import contact_immediate_risk_record, contact_start
from cads.contacts.tests.intake_helpers import page
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


def test_follow_up_questions_sit_under_the_answer_they_follow(make_user) -> None:
    worker = make_user(Role.CALL_HANDLER)
    contact = contact_start(actor=worker, received_at=timezone.now())
    contact = contact_immediate_risk_record(actor=worker, contact=contact, at_risk=False)
    client = signed_in_client(worker)
    url = reverse("contacts:section", args=[contact.pk, "consent"])
    shown = page(client.get(url))

    given = shown.select_one("input[name=consent][value=given]")
    assert given["data-reveals"] == "conditional-id_consent-given"
    reveal = shown.select_one("#conditional-id_consent-given")
    assert {i["name"] for i in reveal.select("input, textarea")} == {
        "consent_given_by",
        "consent_covers",
    }
    not_sought = shown.select_one("#conditional-id_consent-not_sought")
    assert not_sought.select("input[name=consent_not_sought_reason]")
    assert "If consent was given" not in shown.get_text()

    data = {
        "version": contact.version,
        "parents_told": "yes",
        "consent": "given",
        "consent_given_by": "",
        "consent_covers": "",
    }
    refused = page(client.post(url, data))
    errors = [a.get_text(strip=True) for a in refused.select(".govuk-error-summary a")]
    assert errors == ["Enter who gave consent", "Enter what the consent covers"]
    # The reveal is open again with its errors, so nothing is hidden that needs fixing.
    assert refused.select_one("input[name=consent][value=given]").has_attr("checked")

    client.post(
        url,
        data
        | {
            "consent_given_by": "Mother",
            "consent_covers": "Checks with the school",
            "consent_reason_detail": "typed before changing the answer",
        },
    )
    saved = Contact.objects.get(pk=contact.pk)
    assert (saved.consent, saved.consent_given_by) == ("given", "Mother")
    assert saved.consent_reason_detail == ""  # belonged to "not sought": not kept
