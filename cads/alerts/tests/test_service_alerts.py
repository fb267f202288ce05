"""Alerts about the service itself (ADR 0024): a background worker that stopped beating
is raised once to the administrators, shown in their list and emailed without any case
detail; a worker that stopped on request, or is alive, raises nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.alerts.models import Alert, AlertKind
from cads.alerts.services import alert_email_send
from cads.alerts.sweep import alerts_sweep
from cads.audit.models import CaseEvent
from cads.core.heartbeat import WorkerIdentity, heartbeat_beat, heartbeat_stopped
from cads.core.models import WorkerHeartbeat
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(make_user: Any) -> User:
    user = make_user(Role.ADMINISTRATOR, username="admin")
    User.objects.filter(pk=user.pk).update(email="it.admin@example.org")
    user.refresh_from_db()
    return user


def _worker_last_seen(minutes_ago: float, stopped: bool = False) -> WorkerHeartbeat:
    identity = WorkerIdentity()
    heartbeat_beat(identity)
    if stopped:
        heartbeat_stopped(identity)
    seen = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    WorkerHeartbeat.objects.filter(pk=identity.id).update(last_seen_at=seen)
    return WorkerHeartbeat.objects.get(pk=identity.id)


def test_a_worker_that_stopped_beating_is_raised_once_to_the_administrators(
    administrator: User, manager: User
) -> None:
    worker = _worker_last_seen(minutes_ago=3)
    _worker_last_seen(minutes_ago=0.2)  # another, alive
    _worker_last_seen(minutes_ago=30, stopped=True)  # stopped on request: not a death

    assert alerts_sweep(timezone.now()) == 1
    assert alerts_sweep(timezone.now()) == 0
    alert = Alert.objects.get(kind=AlertKind.WORKER_STALE)
    assert alert.recipient == administrator
    assert alert.contact is None
    assert worker.name in alert.message
    event = CaseEvent.objects.get(kind="alert.raised")
    assert event.subject_id == str(worker.pk)

    alert_email_send(alert_id=str(alert.pk))
    (email,) = mail.outbox
    assert email.subject == "CADS needs your attention: background worker stopped"
    assert "/admin/core/workerheartbeat/" in email.body


def test_the_administrator_sees_it_in_their_alerts_and_the_heartbeats(
    administrator: User,
) -> None:
    worker = _worker_last_seen(minutes_ago=5)
    alerts_sweep(timezone.now())
    client = signed_in_client(administrator)
    page = client.get(reverse("alerts:list"))
    text = " ".join(BeautifulSoup(page.content, "html.parser").get_text().split())
    assert "CADS service Background worker stopped" in text
    heartbeats = client.get(reverse("admin:core_workerheartbeat_changelist"))
    assert heartbeats.status_code == 200
    assert worker.name in heartbeats.content.decode()
