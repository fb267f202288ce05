"""A worker killed while holding a letter's job (ADR 0024): the stalled-job sweep gives the
job back once, and the letter is then sent exactly once, or, when the worker was killed
in the middle of sending an email, marked "sent — unconfirmed" for a person to check and
never sent again."""

from __future__ import annotations

import datetime
import signal
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from cads.accounts.roles import Role
from cads.alerts.models import Alert, AlertKind
from cads.alerts.sweep import alerts_sweep
from cads.core.jobs import stalled_jobs_retry
from cads.core.tests.test_worker import _close_worker_connections, run_worker_until
from cads.core.tests.worker_process import (
    DatabaseDoor,
    _forget_new_jobs,
    wait_for,
    worker_start,
)
from cads.letters.models import Letter, LetterKind
from cads.letters.tests.helpers import letter_templates_reseed, named_contact, submit
from cads.letters.workflow import LetterStatus

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("_close_worker_connections", "_forget_new_jobs"),
]
__all__ = ["_close_worker_connections", "_forget_new_jobs"]  # fixtures, used by name above


@pytest.fixture
def letter(make_user: Any) -> Letter:
    letter_templates_reseed()
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    contact = submit(worker, named_contact(worker))
    return contact.letters.get(kind=LetterKind.ACKNOWLEDGEMENT)


def _job(letter: Letter) -> ProcrastinateJob:
    return ProcrastinateJob.objects.get(
        task_name="cads.letter_deliver", args__letter_id=str(letter.pk)
    )


def _held_by_a_dead_worker(job: ProcrastinateJob) -> None:
    """The job as a worker left it when it was killed: "doing", its heartbeat long gone."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM procrastinate_register_worker_v1()")
        (worker_id,) = cursor.fetchone()
        cursor.execute(
            "UPDATE procrastinate_workers SET last_heartbeat = now() - interval '5 minutes' "
            "WHERE id = %s",
            [worker_id],
        )
        cursor.execute(
            "UPDATE procrastinate_jobs SET status = 'doing', worker_id = %s WHERE id = %s",
            [worker_id, job.pk],
        )


def _sent(letter: Letter) -> bool:
    return Letter.objects.get(pk=letter.pk).status not in (
        LetterStatus.QUEUED,
        LetterStatus.SENDING,
    )


def test_a_job_held_by_a_killed_worker_is_retried_once_and_its_letter_sent_exactly_once(
    letter: Letter,
) -> None:
    _held_by_a_dead_worker(_job(letter))
    run_worker_until(lambda: True, attempts=1)  # a live worker alone does not touch it
    assert _job(letter).status == "doing"
    assert mail.outbox == []

    assert stalled_jobs_retry(timezone.now()) == 1
    assert stalled_jobs_retry(timezone.now()) == 0  # once
    run_worker_until(lambda: _sent(letter))
    run_worker_until(lambda: True, attempts=1)

    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert len(mail.outbox) == 1
    job = _job(letter)
    assert job.status == "succeeded"
    assert job.attempts == 2  # the killed run, given back once, and the run that sent it


@pytest.fixture
def silent_mail_server() -> Iterator[int]:
    """An SMTP server that accepts connections and never answers: a send hangs in it."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    threading.Thread(target=lambda: held.append(listener.accept()[0]), daemon=True).start()
    yield listener.getsockname()[1]
    for sock in held:
        sock.close()
    listener.close()


def test_a_worker_killed_while_sending_an_email_leaves_it_unconfirmed_not_sent_twice(
    letter: Letter, silent_mail_server: int, tmp_path: Path, make_user: Any
) -> None:
    manager = make_user(Role.TEAM_MANAGER)
    door = DatabaseDoor()
    door.open()
    process = worker_start(
        door, tmp_path / "worker.log", EMAIL_URL=f"smtp://127.0.0.1:{silent_mail_server}"
    )
    try:
        wait_for(lambda: Letter.objects.get(pk=letter.pk).status == LetterStatus.SENDING)
        process.send_signal(signal.SIGKILL)  # mid-send: no chance to record anything
        process.wait(timeout=30)
    finally:
        door.shut()
    assert _job(letter).status == "doing"

    # Its Procrastinate heartbeat is seconds old; a minute later it would be stale.
    assert stalled_jobs_retry(timezone.now(), stalled_after=datetime.timedelta(0)) == 1
    run_worker_until(lambda: _sent(letter))

    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT_UNCONFIRMED
    assert mail.outbox == []  # not sent again
    alerts_sweep(timezone.now())
    alert = Alert.objects.get(kind=AlertKind.LETTER_UNCONFIRMED, recipient=manager)
    assert f"for {letter.contact.reference} may not have been sent" in alert.message
