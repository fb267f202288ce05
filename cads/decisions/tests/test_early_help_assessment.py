"""An Early Help pathway advisor records when the Early Help assessment of an accepted
step-down completed (Ofsted Annex A list 2's completion date): never before the day Early
Help accepted it, never in the future, and what was typed stays in the boxes."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.contacts.tests.intake_helpers import error_summary, page
from cads.decisions.models import EarlyHelpRequest
from cads.decisions.services_early_help import (
    AssessmentDateError,
    early_help_assessment_complete,
)
from cads.decisions.services_referrer import ReferrerFeedbackError, early_help_request_accept
from cads.decisions.tests.helpers import stepped_down
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def step_down(make_user) -> EarlyHelpRequest:
    worker = make_user(Role.CADS_SOCIAL_WORKER, username="deciding-worker")
    return stepped_down(worker).early_help_request


def accepted_on(item: EarlyHelpRequest, on: datetime.date) -> None:
    moment = timezone.make_aware(datetime.datetime.combine(on, datetime.time(10)))
    EarlyHelpRequest.objects.filter(pk=item.pk).update(accepted_at=moment)


def test_the_service_refuses_a_date_before_acceptance_or_in_the_future(step_down, make_user):
    advisor = make_user(Role.EARLY_HELP_ADVISOR)
    with pytest.raises(ReferrerFeedbackError, match="Accept this Early Help request"):
        early_help_assessment_complete(
            actor=advisor, item=step_down, completed_on=timezone.localdate()
        )
    early_help_request_accept(actor=advisor, item=step_down)
    accepted_on(step_down, datetime.date(2026, 7, 3))
    with pytest.raises(AssessmentDateError, match="same as or after 3 July 2026"):
        early_help_assessment_complete(
            actor=advisor, item=step_down, completed_on=datetime.date(2026, 7, 2)
        )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(AssessmentDateError, match="today or in the past"):
        early_help_assessment_complete(actor=advisor, item=step_down, completed_on=tomorrow)
    step_down.refresh_from_db()
    assert step_down.assessment_completed_on is None
    assert not CaseEvent.objects.filter(kind="early_help.assessment_completed").exists()

    early_help_assessment_complete(
        actor=advisor, item=step_down, completed_on=datetime.date(2026, 7, 3)
    )
    early_help_assessment_complete(
        actor=advisor, item=step_down, completed_on=datetime.date(2026, 8, 14)
    )
    step_down.refresh_from_db()
    assert step_down.assessment_completed_on == datetime.date(2026, 8, 14)
    events = CaseEvent.objects.filter(kind="early_help.assessment_completed").order_by(
        "occurred_at"
    )
    assert [e.data.get("old") for e in events] == [None, {"completed_on": "2026-07-03"}]


def test_the_advisor_records_it_from_the_request_page_and_a_refusal_keeps_the_input(
    step_down, make_user
):
    advisor = make_user(Role.EARLY_HELP_ADVISOR)
    client = signed_in_client(advisor)
    detail = reverse("decisions:early-help-detail", args=[step_down.pk])
    url = reverse("decisions:early-help-assessment", args=[step_down.pk])
    # Not offered before Early Help accepts it.
    assert url not in client.get(detail).text
    assert "has not accepted this step-down yet" in client.get(url).text
    early_help_request_accept(actor=advisor, item=step_down)
    accepted_on(step_down, datetime.date(2026, 7, 3))
    assert url in client.get(detail).text

    refused = client.post(
        url, {"completed_on_day": "1", "completed_on_month": "7", "completed_on_year": "2026"}
    )
    assert error_summary(refused) == [
        "Date the assessment completed must be the same as or after 3 July 2026, "
        "when Early Help accepted it"
    ]
    boxes = page(refused)
    assert boxes.select_one("#id_completed_on_day")["value"] == "1"
    assert boxes.select_one("#id_completed_on_year")["value"] == "2026"
    assert error_summary(client.post(url, {})) == ["Enter the date the assessment completed"]

    saved = client.post(
        url, {"completed_on_day": "14", "completed_on_month": "8", "completed_on_year": "2026"}
    )
    assert saved["Location"] == detail
    assert "Early Help assessment completed 14 August 2026" in client.get(detail).text
    # A screener, who cannot accept Early Help requests, cannot record it.
    screener = make_user(Role.CADS_SOCIAL_WORKER, username="screener")
    assert signed_in_client(screener).get(url).status_code in (403, 404)
