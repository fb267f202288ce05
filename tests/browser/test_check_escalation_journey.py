"""Acceptance journey (issue 5, MASH checks): "an overdue amber check escalates (time
travel in the test)". A screener asks the police about an amber contact; the clock moves
past the check's deadline (time_machine: the live server runs in this process, so the
pages see the travelled time); the escalation sweep the worker runs fires; the team
manager sees the check escalated and overdue, in words, on the contact's checks page and
in the work tray, and has been emailed. axe runs on every page visited."""

from __future__ import annotations

import datetime
import time
import uuid

import pytest
import time_machine
from django.core import mail
from playwright.sync_api import Page, expect
from procrastinate.contrib.django.models import ProcrastinateJob

from cads.accounts.models import OrganisationKind
from cads.accounts.roles import Role
from cads.checks.models import CheckRequest
from cads.checks.tasks import escalate_overdue_task
from cads.contacts.codes import Consent
from cads.contacts.models import Contact
from cads.contacts.services import contact_submit
from cads.contacts.tests.intake_helpers import ready_contact
from cads.core.tasks import staff_email
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in
from tests.browser.test_checks_journey import POLICE_QUESTION, partner_user

pytestmark = pytest.mark.django_db(transaction=True)


def ask_the_police(page: Page, contact: Contact) -> None:
    page.goto(f"/checks/contact/{contact.pk}/")
    page.get_by_role("link", name="Request checks").click()
    page.get_by_label("Wessex Police").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Question for Wessex Police").fill(POLICE_QUESTION)
    page.get_by_label("Public task", exact=False).check()
    page.get_by_label("Why is sharing this information necessary?").fill(
        "Report that the children were left alone overnight"
    )
    page.get_by_role("button", name="Send requests").click()
    expect(page.locator("main .govuk-notification-banner")).to_contain_text("Checks requested from")
    expect(page.locator("main")).not_to_contain_text("Escalated")
    assert_accessible(page)


def test_an_overdue_amber_check_escalates_to_the_team_manager(page: Page, make_user) -> None:
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    manager = make_user(Role.TEAM_MANAGER)
    manager.email = "team.manager@example.org"
    manager.save(update_fields=["email"])
    contact = contact_submit(
        actor=screener, contact=ready_contact(screener), submission_key=uuid.uuid4()
    )
    Contact.objects.filter(pk=contact.pk).update(consent=Consent.GIVEN, rag="amber")
    partner_user("Wessex Police", OrganisationKind.POLICE, "police")

    sign_in(page, screener)
    ask_the_police(page, contact)
    check = CheckRequest.objects.get(contact=contact)

    # Amber: one working day. Move to an hour after the deadline, the clock still ticking.
    with time_machine.travel(check.due_at + datetime.timedelta(hours=1), tick=True):
        escalate_overdue_task(timestamp=int(time.time()))  # what the worker runs
        assert CheckRequest.objects.get(pk=check.pk).escalated_at is not None
        job = ProcrastinateJob.objects.get(task_name="cads.staff_email")
        staff_email(**job.args)  # the worker delivers the email

        page.context.clear_cookies()
        sign_in(page, manager)
        page.goto(f"/checks/contact/{contact.pk}/")
        row = page.locator("main table").first.locator("tbody tr")
        expect(row).to_contain_text("Escalated")
        expect(row).to_contain_text("Overdue by 1 hour")
        assert_accessible(page)

        page.goto("/screening/tray/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Work tray")
        tray_row = page.locator(f'tr[data-reference="{contact.reference}"]')
        expect(tray_row).to_contain_text("1 check overdue")
        expect(tray_row).to_contain_text("Overdue by")
        assert_accessible(page)

    (email,) = mail.outbox
    assert email.to == ["team.manager@example.org"]
    assert email.subject == "Partner checks overdue"
    assert str(contact.reference) in email.body
    assert "Maisie" not in email.body  # references and links only, never a child's name
