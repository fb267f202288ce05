"""A partner's answer given by phone, recorded by staff on the partner's behalf: who gave
it, how and when are kept, the check completes, and the information-sharing record says the
partner shared it and staff recorded it (golden rule 7)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cads.audit.models import CaseEvent
from cads.checks.models import CheckRequest
from cads.checks.tests.conftest import ask
from cads.checks.workflow import Status
from cads.contacts.tests.intake_helpers import error_summary, page
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


def form_for(at: datetime.datetime, **changes: str) -> dict[str, str]:
    local = timezone.localtime(at)
    data = {
        "given_by": "Sam Patel, health visitor",
        "given_how": "phone",
        "given_date_day": str(local.day),
        "given_date_month": str(local.month),
        "given_date_year": str(local.year),
        "given_time": local.strftime("%H:%M"),
        "response": "Known to the health visiting team; last seen 3 weeks ago, no concerns.",
    }
    return {**data, **changes}


def test_a_phoned_answer_is_recorded_on_the_partners_behalf(orgs, screener, contact):
    (check,) = ask(contact, screener, orgs["health"])
    client = signed_in_client(screener)
    url = reverse("checks:on-behalf", args=[check.pk])
    given = timezone.now()  # they rang back straight away

    response = client.post(url, form_for(given))

    assert response["Location"] == reverse("checks:contact-checks", args=[contact.pk])
    check = CheckRequest.objects.get(pk=check.pk)
    assert check.status == Status.COMPLETED
    assert (check.given_by, check.given_how) == ("Sam Patel, health visitor", "phone")
    assert check.given_at == given.replace(second=0, microsecond=0)
    assert check.responded_by == screener
    record = check.sharing_records.get(from_partner=True)
    assert str(record) == "Shared by Wessex Community Health NHS Trust"
    assert "given by Sam Patel, health visitor" in record.information
    assert "by phone" in record.information
    assert f"recorded by {screener} on the partner's behalf" in record.reasons
    assert CaseEvent.objects.filter(kind="checks.answered_on_behalf").count() == 1
    shown = page(client.get(reverse("checks:contact-checks", args=[contact.pk]))).get_text(" ")
    assert "Given by Sam Patel, health visitor by phone" in shown
    assert "Shared by Wessex Community Health NHS Trust" in shown
    assert "Answer from Wessex Community Health NHS Trust recorded" in shown  # the banner


def test_errors_are_shown_and_nothing_typed_is_lost(orgs, screener, contact):
    (check,) = ask(contact, screener, orgs["police"])
    client = signed_in_client(screener)
    url = reverse("checks:on-behalf", args=[check.pk])
    assert error_summary(client.post(url, {})) == [
        "Enter who gave the answer",
        "Select how they gave the answer",
        "Enter the date the answer was given",
        "Enter the time the answer was given, like 14:30",
        "Enter the partner's answer",
    ]
    early = form_for(timezone.now() - datetime.timedelta(days=3))
    refused = client.post(url, early)
    too_early = "The answer cannot have been given before the check was asked"
    assert error_summary(refused) == [too_early]
    assert early["response"] in refused.text
    assert CheckRequest.objects.get(pk=check.pk).status == Status.REQUESTED
