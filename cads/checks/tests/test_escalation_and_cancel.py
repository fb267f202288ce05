"""Overdue checks escalate to the team managers; a manager cancels an outstanding check
with a reason; a contact cannot close while checks are outstanding."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
import time_machine
from procrastinate.contrib.django.models import ProcrastinateJob

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.checks.escalation import checks_escalate_overdue
from cads.checks.handlers import OutstandingChecksError
from cads.checks.models import CheckRequest
from cads.checks.selectors import outstanding_checks
from cads.checks.tests.conftest import ask
from cads.checks.workflow import Status
from cads.contacts.progress import contact_close, contact_screening_start
from cads.contacts.tests.intake_helpers import error_summary
from conftest import signed_in_client

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
MONDAY_10 = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)


def test_an_overdue_amber_check_escalates_once(
    orgs, screener, contact, make_user, django_capture_on_commit_callbacks
):
    manager = make_user(Role.TEAM_MANAGER)
    with time_machine.travel(MONDAY_10, tick=False) as clock:
        (check,) = ask(contact, screener, orgs["police"])
        # Amber: one working day, so due on Tuesday at 10:00.
        assert check.due_at == datetime.datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)
        assert checks_escalate_overdue(datetime.datetime.now(tz=LONDON)) == 0

        clock.move_to(datetime.datetime(2026, 11, 24, 11, 0, tzinfo=LONDON))
        now = datetime.datetime.now(tz=LONDON)
        with django_capture_on_commit_callbacks(execute=True):
            assert checks_escalate_overdue(now) == 1
        assert checks_escalate_overdue(now) == 0  # safe to run twice
        assert CheckRequest.objects.get(pk=check.pk).escalated_at == now
        event = CaseEvent.objects.get(subject_id=str(contact.pk), kind="checks.escalated")
        assert event.actor is None
        job = ProcrastinateJob.objects.get(task_name="cads.staff_email")
        assert job.args["user_ids"] == [manager.pk]
        assert "Maisie" not in str(job.args)  # email names no child
        page = signed_in_client(manager).get(f"/checks/contact/{contact.pk}/").content.decode()
        assert "Overdue by 1 hour" in page
        assert "Escalated" in page


def test_cancelling_needs_a_reason_and_lets_the_contact_close(orgs, screener, contact, client_for):
    (check,) = ask(contact, screener, orgs["police"])
    contact = contact_screening_start(actor=screener, contact=contact)
    with pytest.raises(OutstandingChecksError, match="1 partner check is still open"):
        contact_close(actor=screener, contact=contact, reason="No further action")

    manager = client_for(Role.TEAM_MANAGER)
    url = f"/checks/{check.pk}/cancel/"
    assert error_summary(manager.post(url, {"reason": ""})) == [
        "Enter why you are cancelling this check"
    ]
    assert CheckRequest.objects.get(pk=check.pk).status == Status.REQUESTED
    assert manager.post(url, {"reason": "Police already attended; not needed"}).status_code == 302
    cancelled = CheckRequest.objects.get(pk=check.pk)
    assert cancelled.status == Status.CANCELLED
    assert cancelled.cancel_reason == "Police already attended; not needed"
    assert not outstanding_checks(contact).exists()
    closed = contact_close(actor=screener, contact=contact, reason="No further action")
    assert closed.status == "closed"


def test_a_screener_cannot_cancel_a_check(orgs, screener, contact):
    (check,) = ask(contact, screener, orgs["police"])
    response = signed_in_client(screener).post(f"/checks/{check.pk}/cancel/", {"reason": "x"})
    assert response.status_code == 403
