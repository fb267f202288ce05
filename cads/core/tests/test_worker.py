"""The background worker really runs jobs from PostgreSQL: a round trip, retries after
failures, and the periodic deadline-sweep hook that later issues register sweeps on."""

from __future__ import annotations

import datetime
import time

import pytest
from django.db import transaction
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from cads.core import sweeps
from cads.core.models import WorkerPing
from cads.core.services import worker_ping_request


@pytest.fixture
def _close_worker_connections():
    """Sync tasks run in worker threads whose Django connections outlive the test; close
    them so the test database can be dropped at the end of the run."""
    yield
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def run_worker_until(done, attempts: int = 10) -> None:
    """Run the real worker (wait=False drains what is due) until `done()` holds."""
    # As `manage.py procrastinate worker` does: the worker needs the psycopg connector.
    with app.replace_connector(app.connector.get_worker_connector()):  # type: ignore[attr-defined]
        for _ in range(attempts):
            app.run_worker(queues=["default"], wait=False, install_signal_handlers=False)
            if done():
                return
            time.sleep(0.6)  # a retried job is scheduled one second later


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_close_worker_connections")
def test_worker_completes_a_round_trip() -> None:
    ping = worker_ping_request()
    job = ProcrastinateJob.objects.get(args={"ping_id": str(ping.pk)})
    assert job.task_name == "cads.worker_ping"
    assert job.status == "todo"
    run_worker_until(lambda: WorkerPing.objects.get(pk=ping.pk).completed_at is not None)
    ping.refresh_from_db()
    assert ping.completed_at is not None
    assert ping.attempts == 1
    assert ProcrastinateJob.objects.get(pk=job.pk).status == "succeeded"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_close_worker_connections")
def test_worker_retries_a_failing_job_until_it_succeeds() -> None:
    ping = worker_ping_request(fail_first=2)
    run_worker_until(lambda: WorkerPing.objects.get(pk=ping.pk).completed_at is not None)
    ping.refresh_from_db()
    assert ping.attempts == 3
    assert ping.completed_at is not None
    job = ProcrastinateJob.objects.get(args={"ping_id": str(ping.pk)})
    assert job.status == "succeeded"
    assert job.attempts == 3


class AbortError(Exception):
    pass


def _request_then_fail() -> None:
    with transaction.atomic():
        worker_ping_request()
        raise AbortError


@pytest.mark.django_db
def test_a_job_is_queued_only_if_its_transaction_commits() -> None:
    with pytest.raises(AbortError):
        _request_then_fail()
    assert not WorkerPing.objects.exists()
    assert not ProcrastinateJob.objects.filter(task_name="cads.worker_ping", status="todo").exists()


def test_deadline_sweep_is_scheduled_every_five_minutes() -> None:
    periodic = {p.periodic_id: p for p in app.periodic_registry.periodic_tasks.values()}
    assert periodic["deadline-sweep"].cron == "*/5 * * * *"
    assert periodic["deadline-sweep"].task.name == "cads.deadline_sweep"


def test_deadline_sweep_runs_every_registered_sweep(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[datetime.datetime] = []
    monkeypatch.setattr(sweeps, "SWEEPS", {})

    @sweeps.register("overdue-contacts")
    def overdue(at: datetime.datetime) -> int:
        seen.append(at)
        return 3

    from cads.core.tasks import deadline_sweep

    deadline_sweep(timestamp=1_795_000_000)
    assert seen == [datetime.datetime.fromtimestamp(1_795_000_000, tz=datetime.UTC)]
    assert sweeps.run_all(seen[0]) == {"overdue-contacts": 3}
