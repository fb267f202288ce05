"""Early Help declines or returns a step-down with a reason; it heads the screeners' work
tray until a screener records what happens now (ADR 0032)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.contacts.tests.intake_helpers import error_summary, page
from cads.decisions.models import EarlyHelpRequest
from cads.decisions.selectors import early_help_returns_for_screeners, early_help_waiting
from cads.decisions.tests.helpers import stepped_down
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def step_down(make_user) -> EarlyHelpRequest:
    worker = make_user(Role.CADS_SOCIAL_WORKER, username="deciding-worker")
    return stepped_down(worker).early_help_request


def test_declined_step_down_leaves_early_help_and_heads_the_work_tray(step_down, make_user):
    advisor = make_user(Role.EARLY_HELP_ADVISOR)
    screener = make_user(Role.CADS_SOCIAL_WORKER, username="screener")
    client = signed_in_client(advisor)
    url = reverse("decisions:early-help-return", args=[step_down.pk])

    empty = client.post(url, {})
    assert error_summary(empty) == [
        "Select whether you are declining or returning it",
        "Enter why you are sending it back to the front door",
    ]
    reason = "Mum declined Early Help on the phone; the school reports new bruising."
    response = client.post(url, {"how": "declined", "reason": reason})

    assert response["Location"] == reverse("decisions:early-help-list")
    assert early_help_waiting(advisor).count() == 0
    assert CaseEvent.objects.filter(kind="early_help.declined", reason=reason).count() == 1
    assert list(early_help_returns_for_screeners(screener)) == [step_down]
    tray = page(signed_in_client(screener).get(reverse("screening:tray")))
    banner = tray.select_one("#sent-back")
    assert banner is not None
    assert step_down.contact.reference in banner.get_text()
    assert "declined" in banner.get_text()
    assert "new bruising" in banner.get_text()
    # Early Help cannot accept or send back twice.
    assert "already been sent back" in client.post(url, {"how": "returned", "reason": "x"}).text


def test_a_screener_records_what_happens_now_and_it_leaves_the_tray(step_down, make_user):
    advisor = make_user(Role.EARLY_HELP_ADVISOR)
    screener = make_user(Role.CADS_SOCIAL_WORKER, username="screener")
    signed_in_client(advisor).post(
        reverse("decisions:early-help-return", args=[step_down.pk]),
        {"how": "returned", "reason": "We need the school's view first"},
    )
    client = signed_in_client(screener)
    url = reverse("decisions:early-help-returned", args=[step_down.pk])
    assert "We need the school&#x27;s view first" in client.get(url).text
    assert error_summary(client.post(url, {})) == ["Enter what happens now"]

    response = client.post(url, {"note": "Rang the school; new contact recorded."})

    assert response["Location"] == reverse("screening:tray")
    assert list(early_help_returns_for_screeners(screener)) == []
    step_down.refresh_from_db()
    assert step_down.followed_up_by == screener
    # Only those who decide contacts see it; the advisor gets "not found".
    assert signed_in_client(advisor).get(url).status_code in (403, 404)
