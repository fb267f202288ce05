"""Delivery on the worker: a failing backend is recorded and retried, a success sends once,
and a sent letter is never sent again."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core import mail
from procrastinate.contrib.django.models import ProcrastinateJob

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.letters.models import LetterKind, LetterStatus
from cads.letters.services import MAX_ATTEMPTS, LetterDeliveryError, letter_send
from cads.letters.tasks import letter_deliver
from cads.letters.tests.helpers import named_contact, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(make_user, django_capture_on_commit_callbacks):
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    contact = submit(worker, named_contact(worker))
    with django_capture_on_commit_callbacks() as callbacks:
        made = letter_send(
            actor=worker, contact=contact, kind=LetterKind.OUTCOME, idempotency_key="send-1"
        )
    # Queued for the worker only once the letter is committed (the acknowledgement from the
    # submission was not captured above, so only this letter's job is deferred).
    assert len(callbacks) == 1
    callbacks[0]()
    job = ProcrastinateJob.objects.get(task_name="cads.letter_deliver")
    assert job.args == {"letter_id": str(made.pk)}
    return made


def test_a_failing_backend_is_recorded_retried_and_then_sends_exactly_once(letter):
    with (
        mock.patch(
            "django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError("SMTP down")
        ),
        pytest.raises(LetterDeliveryError),
    ):
        letter_deliver(letter_id=str(letter.pk))
    letter.refresh_from_db()
    assert letter.status == LetterStatus.QUEUED
    assert letter.attempts == 1
    assert "SMTP down" in letter.last_error
    assert mail.outbox == []

    letter_deliver(letter_id=str(letter.pk))
    letter_deliver(letter_id=str(letter.pk))  # a retried job after success: nothing happens

    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert letter.attempts == 2
    assert len(mail.outbox) == 1
    (message,) = mail.outbox
    assert message.to == ["priya.shah@example.org"]
    assert letter.contact.reference in message.subject
    ((_name, content, mimetype),) = message.attachments
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF")
    kinds = CaseEvent.objects.filter(kind__startswith="letter.").values_list("kind", flat=True)
    assert sorted(kinds) == ["letter.delivery_failed", "letter.queued", "letter.sent"]


def test_a_letter_that_keeps_failing_shows_as_failed(letter):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("refused")):
        for _ in range(MAX_ATTEMPTS):
            with pytest.raises(LetterDeliveryError):
                letter_deliver(letter_id=str(letter.pk))
    letter.refresh_from_db()
    assert letter.status == LetterStatus.FAILED
    assert letter.attempts == MAX_ATTEMPTS


def test_the_same_idempotency_key_makes_one_letter(letter):
    again = letter_send(
        actor=None, contact=letter.contact, kind=LetterKind.OUTCOME, idempotency_key="send-1"
    )
    assert again.pk == letter.pk
