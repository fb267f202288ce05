"""The sweep is safe to run twice, and an alert's email names no child: only the contact
reference, why, and a link (issue 6: "A contact needs your attention: C-2026-000123")."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from procrastinate.contrib.django.models import ProcrastinateJob

from cads.accounts.roles import Role
from cads.alerts.models import Alert, AlertKind
from cads.alerts.services import alert_email_send, alert_raise
from cads.alerts.sweep import alerts_sweep
from cads.alerts.tasks import alerts_deadline_sweep
from cads.alerts.tests.conftest import MONDAY_10, TUESDAY_10
from cads.alerts.tests.helpers import CHILD_WORDS, police_check, red_contact
from cads.audit.models import CaseEvent
from cads.core import sweeps
from cads.decisions.tests.helpers import submitted_contact
from cads.screening.services import screening_open

pytestmark = pytest.mark.django_db


def test_the_alerts_sweep_is_registered_with_the_deadline_sweep():
    assert sweeps.SWEEPS["alerts"] is alerts_deadline_sweep


def test_running_the_sweep_twice_at_the_same_moment_raises_nothing_new(screener, manager):
    with time_machine.travel(MONDAY_10, tick=False):
        contact = submitted_contact(screener)
        screening_open(actor=screener, contact=contact)
        check = police_check(contact, screener)
    at = max(check.due_at, TUESDAY_10) + datetime.timedelta(minutes=5)
    first = alerts_sweep(at)
    kinds = set(Alert.objects.values_list("kind", flat=True))
    assert kinds == {AlertKind.DECISION_DUE, AlertKind.CHECK_OVERDUE}
    assert first == Alert.objects.count()
    events = CaseEvent.objects.filter(kind="alert.raised").count()
    jobs = ProcrastinateJob.objects.filter(task_name="cads.alert_email").count()

    assert alerts_sweep(at) == 0
    assert sweeps.run_all(at)["alerts"] == 0
    assert Alert.objects.count() == first
    assert CaseEvent.objects.filter(kind="alert.raised").count() == events
    assert ProcrastinateJob.objects.filter(task_name="cads.alert_email").count() == jobs


def test_the_sweep_catches_a_red_contact_for_a_worker_assigned_later(screener, manager):
    contact = red_contact(screener)
    assert [a.recipient for a in Alert.objects.all()] == [manager]
    screening_open(actor=screener, contact=contact)
    alerts_sweep(datetime.datetime.now(tz=datetime.UTC))
    red = Alert.objects.filter(kind=AlertKind.RED_CONTACT)
    assert sorted(a.recipient.username for a in red) == ["manager", "screener"]


def test_the_email_says_which_contact_and_why_but_nothing_about_the_child(manager, screener):
    contact = red_contact(screener)
    alert = Alert.objects.get(recipient=manager)

    alert_email_send(alert_id=str(alert.pk))
    alert_email_send(alert_id=str(alert.pk))  # a retried job: not sent twice

    (message,) = mail.outbox
    assert message.to == ["team.manager@example.org"]
    assert message.subject == f"A contact needs your attention: {contact.reference}"
    assert "New red contact" in message.body
    assert f"/screening/{contact.pk}/history/" in message.body
    text = message.subject + message.body
    for words in CHILD_WORDS:
        assert words not in text
    alert.refresh_from_db()
    assert alert.emailed_at is not None
    assert CaseEvent.objects.filter(subject_id=str(alert.pk), kind="alert.emailed").count() == 1


def test_a_partner_is_never_raised_an_alert(screener, make_user):
    """Staff roles only: partners see what is shared with their organisation, never
    alerts about contacts."""
    partner = make_user(Role.MASH_PARTNER)
    contact = submitted_contact(screener)
    check = police_check(contact, screener)
    raised = alert_raise(
        kind=AlertKind.CHECK_OVERDUE,
        recipients=[partner, screener],
        contact=contact,
        object_id=str(check.pk),
        message="A check is overdue",
    )
    assert [a.recipient for a in raised] == [screener]
    assert not Alert.objects.filter(recipient=partner).exists()
