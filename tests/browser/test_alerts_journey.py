"""Acceptance journey (issue 6, staff alerts): a red contact is submitted; the team manager
sees the unread count in the navigation, opens "Your alerts", follows the alert to the
contact, comes back and marks it as read; the email the worker sends names only the
reference. axe runs on every page visited."""

from __future__ import annotations

import re
import uuid

import pytest
from django.core import mail
from playwright.sync_api import Page, expect
from procrastinate.contrib.django.models import ProcrastinateJob

from cads.accounts.roles import Role
from cads.alerts.tasks import alert_email
from cads.contacts.services import contact_submit
from cads.contacts.tests.intake_helpers import ready_contact
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_team_manager_is_alerted_to_a_red_contact(page: Page, make_user) -> None:
    handler = make_user(Role.CALL_HANDLER)
    manager = make_user(Role.TEAM_MANAGER)
    manager.email = "team.manager@example.org"
    manager.save(update_fields=["email"])
    contact = contact_submit(
        actor=handler, contact=ready_contact(handler, at_risk=True), submission_key=uuid.uuid4()
    )

    sign_in(page, manager)
    alerts_link = page.get_by_role("link", name="Your alerts")
    expect(alerts_link).to_contain_text("1")
    alerts_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your alerts")
    row = page.locator("#unread-alerts tbody tr")
    expect(row).to_contain_text("New red contact")
    expect(row).not_to_contain_text("Maisie")
    assert_accessible(page)

    row.get_by_role("link", name=str(contact.reference)).click()
    expect(page).to_have_url(re.compile(rf"/screening/{contact.pk}/history/$"))
    page.go_back()
    page.get_by_role("button", name="Mark as read").click()
    expect(page.locator("main .govuk-notification-banner")).to_contain_text("marked as read")
    expect(page.locator("#no-unread")).to_be_visible()
    expect(page.get_by_role("link", name="Your alerts")).not_to_contain_text("1")
    assert_accessible(page)

    job = ProcrastinateJob.objects.get(task_name="cads.alert_email")
    alert_email(**job.args)  # what the worker runs
    (message,) = mail.outbox
    assert message.subject == f"A contact needs your attention: {contact.reference}"
    assert "Maisie" not in message.subject + message.body
