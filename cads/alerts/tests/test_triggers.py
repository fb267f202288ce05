"""Each kind of alert is raised by its trigger, for the people ADR 0014 names, and by
nobody else's: a red contact at submission and on re-rating, a decision due within the
hour, overdue feedback to the referrer, an overdue partner check and a failed letter."""

from __future__ import annotations

import datetime
import uuid
from unittest import mock

import pytest
import time_machine
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from cads.accounts.roles import Role
from cads.alerts.models import Alert, AlertKind
from cads.alerts.sweep import alerts_sweep
from cads.alerts.tests.conftest import LONDON, MONDAY_10, TUESDAY_10
from cads.alerts.tests.helpers import alerts_of, police_check, red_contact
from cads.audit.models import CaseEvent
from cads.decisions.tests.helpers import submitted_contact
from cads.letters import channels
from cads.letters.delivery import letter_deliver
from cads.letters.models import LetterKind
from cads.letters.services import Recipient
from cads.letters.services_send import letter_send
from cads.letters.tests.helpers import named_contact, submit
from cads.letters.workflow import LetterStatus
from cads.screening.services import screening_open, screening_rerate

pytestmark = pytest.mark.django_db

RED, DECISION, FEEDBACK = AlertKind.RED_CONTACT, AlertKind.DECISION_DUE, AlertKind.FEEDBACK_OVERDUE


def test_a_red_contact_alerts_the_managers_the_moment_it_is_submitted(screener, manager, make_user):
    other_manager = make_user(Role.TEAM_MANAGER, username="manager-2")
    call_handler = make_user(Role.CALL_HANDLER)
    contact = red_contact(call_handler)
    assert alerts_of(manager) == [(RED, contact.reference)]
    assert alerts_of(other_manager) == [(RED, contact.reference)]
    # Nobody is assigned yet, and the call handler has no alerts list.
    assert alerts_of(screener) == []
    assert alerts_of(call_handler) == []
    event = CaseEvent.objects.get(subject_id=str(contact.pk), kind="alert.raised")
    assert sorted(event.data["new"]["recipients"]) == ["manager", "manager-2"]
    emails = ProcrastinateJob.objects.filter(task_name="cads.alert_email")
    assert emails.count() == 2


def test_an_amber_contact_raises_no_red_alert(screener, manager):
    submitted_contact(screener)
    assert Alert.objects.count() == 0


def test_rerating_red_alerts_the_assigned_worker_and_the_managers(screener, manager):
    contact = submitted_contact(screener)
    screening = screening_open(actor=screener, contact=contact)
    screening = screening_rerate(
        actor=screener, screening=screening, rag="amber", reason="Needs a look today",
        expected_version=screening.version,
    )  # fmt: skip
    assert Alert.objects.count() == 0
    screening_rerate(
        actor=screener, screening=screening, rag="red", reason="Father returned to the home",
        expected_version=screening.version,
    )  # fmt: skip
    assert alerts_of(screener) == [(RED, contact.reference)]
    assert alerts_of(manager) == [(RED, contact.reference)]


def test_a_decision_due_within_the_hour_alerts_the_managers_while_nobody_is_assigned(
    screener, manager
):
    with time_machine.travel(MONDAY_10, tick=False) as clock:
        contact = submitted_contact(screener)
        # Due on Tuesday at 10:00: nothing on Monday, nothing at 08:59 on Tuesday.
        assert alerts_sweep(MONDAY_10 + datetime.timedelta(hours=2)) == 0
        assert alerts_sweep(TUESDAY_10 - datetime.timedelta(minutes=61)) == 0
        clock.move_to(TUESDAY_10 - datetime.timedelta(minutes=50))
        assert alerts_sweep(datetime.datetime.now(tz=LONDON)) == 1
    assert alerts_of(manager) == [(DECISION, contact.reference)]
    alert = Alert.objects.get(recipient=manager)
    assert (
        alert.message == f"The decision on {contact.reference} is due by 10:00 on 24 November 2026"
    )


def test_a_decision_due_within_the_hour_alerts_only_the_assigned_worker(screener, manager):
    with time_machine.travel(MONDAY_10, tick=False):
        contact = submitted_contact(screener)
        screening_open(actor=screener, contact=contact)
    assert alerts_sweep(TUESDAY_10 - datetime.timedelta(minutes=30)) == 1
    assert alerts_of(screener) == [(DECISION, contact.reference)]
    assert alerts_of(manager) == []


def test_overdue_feedback_to_a_named_referrer_alerts_the_assigned_worker(screener, manager):
    with time_machine.travel(MONDAY_10, tick=False):
        named = submit(screener, named_contact(screener))
        anonymous = submitted_contact(screener, family_name="Okafor")
        screening_open(actor=screener, contact=named)
        screening_open(actor=screener, contact=anonymous)
    alerts_sweep(TUESDAY_10 - datetime.timedelta(minutes=1))
    assert FEEDBACK not in {kind for kind, _ in alerts_of(screener)}
    alerts_sweep(TUESDAY_10 + datetime.timedelta(minutes=1))
    feedback = [ref for kind, ref in alerts_of(screener) if kind == FEEDBACK]
    # The anonymous referrer has nobody to acknowledge (ADR 0012).
    assert feedback == [named.reference]
    assert FEEDBACK not in {kind for kind, _ in alerts_of(manager)}


def test_an_overdue_check_alerts_the_requester_by_email_and_managers_in_the_app(screener, manager):
    contact = submitted_contact(screener)
    check = police_check(contact, screener)
    alerts_sweep(check.due_at - datetime.timedelta(minutes=1))
    assert not Alert.objects.filter(kind=AlertKind.CHECK_OVERDUE).exists()
    alerts_sweep(check.due_at + datetime.timedelta(minutes=1))
    mine = Alert.objects.get(recipient=screener, kind=AlertKind.CHECK_OVERDUE)
    theirs = Alert.objects.get(recipient=manager, kind=AlertKind.CHECK_OVERDUE)
    assert mine.object_id == theirs.object_id == str(check.pk)
    assert "Wessex Police check" in mine.message
    # The checks escalation already emails the managers about the same check.
    jobs = ProcrastinateJob.objects.filter(task_name="cads.alert_email")
    emailed = {job.args["alert_id"] for job in jobs}
    assert str(mine.pk) in emailed
    assert str(theirs.pk) not in emailed


def test_a_failed_letter_alerts_the_managers_and_whoever_sent_it(screener, manager):
    contact = submit(screener, named_contact(screener))
    letter = letter_send(
        actor=screener,
        contact=contact,
        kind=LetterKind.ACKNOWLEDGEMENT,
        text="Dear Priya Shah, thank you for your contact. We are looking at it today.",
        recipient=Recipient(name="Priya Shah", email="priya.shah@example.org"),
        letter_id=uuid.uuid4(),
    )
    alerts_sweep(timezone.now())
    assert not Alert.objects.filter(kind=AlertKind.LETTER_FAILED).exists()  # queued: no alert
    refused = channels.ChannelError("The mailbox does not exist")
    with mock.patch("cads.letters.channels.send", side_effect=refused):
        letter_deliver(letter_id=str(letter.pk))
    letter.refresh_from_db()
    assert letter.status == LetterStatus.FAILED
    alerts_sweep(timezone.now())
    failed = Alert.objects.filter(kind=AlertKind.LETTER_FAILED)
    assert sorted(a.recipient.username for a in failed) == ["manager", "screener"]
    assert {a.object_id for a in failed} == {str(letter.pk)}
    assert "could not be sent" in failed[0].message
