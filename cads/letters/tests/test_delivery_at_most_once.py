"""Letters that cannot be stuck or doubled (ADR 0024): the letter is made and committed
before the send; a database error after the email is written ends "sent — unconfirmed",
not "queued"; an interrupted GOV.UK Notify send is found by its reference, not sent again;
a second worker cannot send the same letter; a stuck letter gets a new job; a person
records what the recipient said."""

from __future__ import annotations

import datetime
import uuid
from typing import Any
from unittest import mock

import psycopg
import pytest
from django.core import mail
from django.db import OperationalError
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.contrib.django.utils import connector_params

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.core.tests.worker_process import _forget_new_jobs
from cads.letters import channels, delivery
from cads.letters.delivery import letter_deliver
from cads.letters.models import Channel, Letter, LetterKind
from cads.letters.services import LetterDeliveryError
from cads.letters.services_send import letter_unconfirmed_check
from cads.letters.stuck import stuck_letters_requeue
from cads.letters.tests.helpers import letter_templates_reseed, named_contact, submit
from cads.letters.tests.test_delivery import FakeNotify
from cads.letters.workflow import LetterStatus

__all__ = ["_forget_new_jobs"]  # the fixture, used by name below
SENT_AT_ERROR = OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def letter(make_user: Any) -> Letter:
    letter_templates_reseed()  # after a transactional test emptied the tables
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    contact = submit(worker, named_contact(worker))
    return contact.letters.get(kind=LetterKind.ACKNOWLEDGEMENT)


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery, "RECORD_WAIT", 0)


def _failing_when_sent(times: int) -> Any:
    """Letter.save that fails with a database error the first `times` times it records a
    letter as sent, as a database restart after the email was written would."""
    real_save = Letter.save
    failures = {"left": times}

    def save(self: Letter, *args: Any, **kwargs: Any) -> None:
        if self.status == LetterStatus.SENT and failures["left"] > 0:
            failures["left"] -= 1
            raise SENT_AT_ERROR
        real_save(self, *args, **kwargs)

    return mock.patch.object(Letter, "save", save)


@pytest.mark.django_db
def test_a_database_error_after_the_email_is_written_ends_sent_unconfirmed_not_queued(
    letter: Letter,
) -> None:
    with _failing_when_sent(times=99), pytest.raises(OperationalError):
        letter_deliver(letter_id=str(letter.pk))
    assert len(mail.outbox) == 1  # the email went
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENDING  # not "queued": it may have gone
    assert letter.made
    assert letter.text
    assert bytes(letter.pdf)

    letter_deliver(letter_id=str(letter.pk))  # the task's retry
    letter_deliver(letter_id=str(letter.pk))  # and any later one

    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT_UNCONFIRMED
    assert "check with the recipient" in letter.last_error
    assert len(mail.outbox) == 1  # never sent twice
    assert CaseEvent.objects.filter(kind="letter.unconfirmed").count() == 1


@pytest.mark.django_db
def test_a_brief_database_error_while_recording_is_retried_and_the_letter_sent_once(
    letter: Letter,
) -> None:
    with _failing_when_sent(times=2):
        letter_deliver(letter_id=str(letter.pk))
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_forget_new_jobs")
def test_the_letter_is_made_and_committed_before_the_send_is_tried(letter: Letter) -> None:
    seen: dict[str, Any] = {}

    def send(sending: Letter) -> channels.Sent:
        # Another connection (another process) sees what this one committed.
        with psycopg.connect(**connector_params()) as other:
            seen["row"] = other.execute(
                "SELECT status, sha256, length(pdf), length(text) FROM letters_letter "
                "WHERE id = %s",
                [sending.pk],
            ).fetchone()
        return channels.Sent(channel=Channel.EMAIL)

    with mock.patch.object(channels, "send", side_effect=send):
        letter_deliver(letter_id=str(letter.pk))
    status, sha256, pdf_bytes, text_length = seen["row"]
    assert status == LetterStatus.SENDING
    assert len(sha256) == 64
    assert pdf_bytes > 1000
    assert text_length > 100


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_forget_new_jobs")
def test_a_second_worker_cannot_send_a_letter_another_is_sending(letter: Letter) -> None:
    with psycopg.connect(**connector_params()) as other:
        other.execute(
            "SELECT pg_advisory_lock(hashtextextended('cads.letter:' || %s, 0))", [str(letter.pk)]
        )
        with pytest.raises(LetterDeliveryError, match="Another worker is sending"):
            letter_deliver(letter_id=str(letter.pk))
        # The other worker finishes (a closed session lets go too, a moment later).
        other.execute(
            "SELECT pg_advisory_unlock(hashtextextended('cads.letter:' || %s, 0))",
            [str(letter.pk)],
        )
    assert mail.outbox == []
    letter_deliver(letter_id=str(letter.pk))  # now it sends
    assert len(mail.outbox) == 1


def _interrupted_after_sending(letter: Letter) -> None:
    """A worker claimed the letter, sent it, and died before recording it."""
    delivery._claim(str(letter.pk))


@pytest.mark.django_db
def test_an_interrupted_notify_send_is_found_by_its_reference_and_not_sent_again(
    letter: Letter, settings: Any
) -> None:
    settings.CADS_LETTER_CHANNEL = "notify"
    fake = FakeNotify()
    with mock.patch.object(channels, "notify_client", return_value=fake):
        _interrupted_after_sending(letter)
        sent = channels.send_notify(Letter.objects.get(pk=letter.pk), fake)  # type: ignore[arg-type]
        letter_deliver(letter_id=str(letter.pk))
    assert len(fake.emails) == 1
    assert fake.emails[0]["reference"] == str(letter.pk)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert letter.notify_id == sent.notify_id
    assert letter.channel == Channel.NOTIFY_EMAIL


@pytest.mark.django_db
def test_an_interrupted_notify_send_that_never_arrived_is_sent_on_the_retry(
    letter: Letter, settings: Any
) -> None:
    settings.CADS_LETTER_CHANNEL = "notify"
    fake = FakeNotify()
    with mock.patch.object(channels, "notify_client", return_value=fake):
        _interrupted_after_sending(letter)  # it died before Notify had it
        letter_deliver(letter_id=str(letter.pk))
    assert len(fake.emails) == 1
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT


@pytest.mark.django_db
def test_a_person_records_whether_an_unconfirmed_letter_arrived(
    letter: Letter, make_user: Any
) -> None:
    manager = make_user(Role.TEAM_MANAGER)
    _interrupted_after_sending(letter)
    letter_deliver(letter_id=str(letter.pk))
    checked = letter_unconfirmed_check(actor=manager, letter_id=letter.pk, arrived=False)
    assert checked.status == LetterStatus.FAILED  # so it can be sent again
    assert letter_unconfirmed_check(actor=manager, letter_id=letter.pk, arrived=True).status == (
        LetterStatus.FAILED  # the first answer stands
    )
    event = CaseEvent.objects.get(kind="letter.unconfirmed_checked")
    assert event.actor_id == manager.pk
    assert event.data["new"]["arrived"] is False


@pytest.mark.django_db
def test_a_stuck_letter_without_a_job_gets_one_and_only_one(letter: Letter) -> None:
    job = ProcrastinateJob.objects.get(args={"letter_id": str(letter.pk)})
    now = timezone.now()
    assert stuck_letters_requeue(now) == 0  # just queued: not stuck
    Letter.objects.filter(pk=letter.pk).update(status_at=now - datetime.timedelta(minutes=20))
    assert stuck_letters_requeue(now) == 0  # its job is still waiting

    ProcrastinateJob.objects.filter(pk=job.pk).update(status="failed")  # e.g. retries used up
    assert stuck_letters_requeue(now) == 1
    assert stuck_letters_requeue(now) == 0
    waiting = ProcrastinateJob.objects.filter(args={"letter_id": str(letter.pk)}, status="todo")
    assert waiting.count() == 1
    assert CaseEvent.objects.filter(kind="letter.requeued").count() == 1
    letter_deliver(letter_id=str(letter.pk))
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_notify_find_ignores_other_references() -> None:
    class Client(FakeNotify):
        def get_all_notifications(self, reference: str = "", **_: Any) -> dict[str, Any]:
            return {"notifications": [{"id": "n-1", "reference": "other", "type": "email"}]}

    letter = Letter(id=uuid.uuid4())
    assert channels.notify_find(letter, Client()) is None  # type: ignore[arg-type]
