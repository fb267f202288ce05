"""The worker comes back: the real `manage.py run_worker` process keeps running jobs after
the database goes away and returns (cut off on any server; the embedded server really
stopped and started), says so once in its log, beats its heartbeat, and stops cleanly."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client

from cads.core.models import WorkerHeartbeat, WorkerPing
from cads.core.services import worker_ping_request
from cads.core.tests.worker_process import (
    DatabaseDoor,
    _forget_new_jobs,
    wait_for,
    worker_start,
    worker_stop,
)
from config import embedded_db
from config.env import env

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("_forget_new_jobs"),
]
__all__ = ["_forget_new_jobs"]  # the fixture, used by name above


@pytest.fixture
def door() -> Iterator[DatabaseDoor]:
    door = DatabaseDoor()
    door.open()
    yield door
    door.shut()


def _ping_completes() -> None:
    ping = worker_ping_request()
    wait_for(lambda: WorkerPing.objects.get(pk=ping.pk).completed_at is not None)


def _worker_running_with_a_heartbeat(door: DatabaseDoor, log: Path) -> subprocess.Popen[bytes]:
    process = worker_start(door, log)
    wait_for(lambda: WorkerHeartbeat.objects.filter(pid=process.pid).exists())
    _ping_completes()
    return process


def _log_says_each_thing_once(log: Path) -> str:
    text = log.read_text()
    assert text.count(" started on queues ") == 1, text
    assert text.count(" lost the database ") == 1, text
    assert text.count(" reconnected after ") == 1, text
    assert text.count(" stopped (restarted 1 time(s))") == 1, text
    # Libraries' reports of the lost connection are one line each, not tracebacks.
    assert "Traceback" not in text, text
    return text


def test_the_worker_reconnects_after_the_database_goes_away(
    door: DatabaseDoor, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    process = _worker_running_with_a_heartbeat(door, log)

    door.shut()  # every connection dropped and new ones refused, as in a restart
    time.sleep(3)
    door.open()

    _ping_completes()  # a job deferred after the outage still runs
    beat = WorkerHeartbeat.objects.get(pid=process.pid)
    wait_for(lambda: WorkerHeartbeat.objects.get(pk=beat.pk).reconnects == 1)
    assert worker_stop(process) == 0
    _log_says_each_thing_once(log)
    assert WorkerHeartbeat.objects.get(pk=beat.pk).stopped_at is not None


@pytest.mark.skipif(
    bool(env.str("DATABASE_URL", default="")),
    reason="stops and starts the embedded PostgreSQL; with DATABASE_URL the server is not ours",
)
def test_the_worker_survives_a_restart_of_the_embedded_database(
    door: DatabaseDoor, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    process = _worker_running_with_a_heartbeat(door, log)
    name = connections["default"].settings_dict["NAME"]

    assert embedded_db.stop()
    health = Client().get("/health/")  # the web, meanwhile, says so as JSON
    assert health.status_code == 503
    assert health.json()["database"] == "unavailable"
    time.sleep(2)
    embedded_db.ensure_running(name)
    connections.close_all()  # this test's own connection died with the server

    _ping_completes()
    assert worker_stop(process) == 0
    _log_says_each_thing_once(log)
