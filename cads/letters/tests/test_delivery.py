"""Delivery on the worker: a failing backend is recorded and retried, a success sends once,
a sent letter is never sent again, nowhere to send fails at once; GOV.UK Notify (a fake
client, no network) gets an email with the PDF or a precompiled letter, and its delivery
status is polled onto the letter."""

from __future__ import annotations

import base64
import datetime
import uuid
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.db import DatabaseError, transaction
from django.utils import timezone

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.letters import channels
from cads.letters.delivery import letter_deliver, notify_statuses_update
from cads.letters.models import Channel, Letter, LetterKind, LetterTemplate
from cads.letters.services import MAX_ATTEMPTS, LetterDeliveryError, Recipient
from cads.letters.services_send import letter_send
from cads.letters.tasks import notify_status_sweep
from cads.letters.tests.helpers import named_contact, submit
from cads.letters.workflow import LetterStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def letter(make_user):
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    contact = submit(worker, named_contact(worker))
    return contact.letters.get(kind=LetterKind.ACKNOWLEDGEMENT)


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
    assert letter.channel == Channel.EMAIL
    assert len(mail.outbox) == 1
    (message,) = mail.outbox
    assert message.to == ["priya.shah@example.org"]
    assert letter.contact.reference in message.subject
    ((_name, content, mimetype),) = message.attachments
    assert mimetype == "application/pdf"
    assert content == bytes(letter.pdf)
    kinds = CaseEvent.objects.filter(kind__startswith="letter.").values_list("kind", flat=True)
    assert sorted(kinds) == [
        "letter.delivery_failed",
        "letter.owed",
        "letter.sending",  # made and committed before each try
        "letter.sending",
        "letter.sent",
    ]


def test_a_letter_that_keeps_failing_shows_as_failed(letter):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("refused")):
        for _ in range(MAX_ATTEMPTS):
            with pytest.raises(LetterDeliveryError):
                letter_deliver(letter_id=str(letter.pk))
    letter.refresh_from_db()
    assert letter.status == LetterStatus.FAILED
    assert letter.attempts == MAX_ATTEMPTS
    letter_deliver(letter_id=str(letter.pk))  # a failed letter is not retried: resend it
    assert mail.outbox == []


def test_a_made_letter_cannot_be_changed_in_the_database(letter):
    letter_deliver(letter_id=str(letter.pk))
    with pytest.raises(DatabaseError, match="cannot be changed"), transaction.atomic():
        Letter.objects.filter(pk=letter.pk).update(text="Something else")


def test_a_letter_with_nowhere_to_go_fails_at_once(make_user, settings):
    settings.CADS_LETTER_CHANNEL = "notify"
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    contact = submit(worker, named_contact(worker))
    made = Letter.objects.create(
        contact=contact,
        template=LetterTemplate.objects.filter(kind=LetterKind.FAMILY).latest("version"),
        kind=LetterKind.FAMILY,
        due_at=timezone.now(),
        recipient_name="Mrs Pryce",
        idempotency_key="nowhere",
        lawful_basis="Public task",
    )
    with mock.patch.object(channels, "notify_client", return_value=FakeNotify()):
        letter_deliver(letter_id=str(made.pk))
    made.refresh_from_db()
    assert made.status == LetterStatus.FAILED
    assert made.attempts == 1
    assert "no email address or postal address" in made.last_error


class FakeNotify:
    """Records what CADS asks of GOV.UK Notify and answers as Notify's API does."""

    def __init__(self, status: str = "delivered") -> None:
        self.emails: list[dict[str, Any]] = []
        self.letters: list[dict[str, Any]] = []
        self.status = status

    def send_email_notification(self, **kwargs: Any) -> dict[str, Any]:
        self.emails.append({**kwargs, "id": str(uuid.uuid4())})
        return {"id": self.emails[-1]["id"]}

    def send_precompiled_letter_notification(self, **kwargs: Any) -> dict[str, Any]:
        self.letters.append({**kwargs, "pdf": kwargs["pdf_file"].read(), "id": str(uuid.uuid4())})
        return {"id": self.letters[-1]["id"]}

    def get_notification_by_id(self, id: str) -> dict[str, Any]:
        return {"id": id, "status": self.status}

    def get_all_notifications(self, reference: str = "", **_: Any) -> dict[str, Any]:
        sent = [{**x, "type": "email"} for x in self.emails] + [
            {**x, "type": "letter"} for x in self.letters
        ]
        found = [x for x in sent if x["reference"] == reference]
        return {"notifications": [{"id": x["id"], "reference": reference, "type": x["type"],
                                   "status": self.status} for x in found]}  # fmt: skip


def test_notify_email_carries_the_pdf_and_its_status_is_polled(letter, settings):
    settings.CADS_LETTER_CHANNEL = "notify"
    settings.NOTIFY_EMAIL_TEMPLATE_ID = "template-1"
    fake = FakeNotify(status="sending")
    with mock.patch.object(channels, "notify_client", return_value=fake):
        letter_deliver(letter_id=str(letter.pk))
        letter_deliver(letter_id=str(letter.pk))
        (email,) = fake.emails  # sent once
        letter.refresh_from_db()
        assert letter.channel == Channel.NOTIFY_EMAIL
        assert email["email_address"] == "priya.shah@example.org"
        assert email["template_id"] == "template-1"
        upload = email["personalisation"]["link_to_file"]
        assert base64.b64decode(upload["file"]) == bytes(letter.pdf)
        assert notify_statuses_update(timezone.now()) == 1
        letter.refresh_from_db()
        assert letter.delivery_status == "sending"
        fake.status = "delivered"
        assert notify_status_sweep(timezone.now()) == 1
    letter.refresh_from_db()
    assert letter.delivery_status == "delivered"
    assert letter.status == LetterStatus.SENT


def test_notify_posts_a_precompiled_letter_and_a_permanent_failure_shows(make_user, settings):
    settings.CADS_LETTER_CHANNEL = "notify"
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    contact = submit(worker, named_contact(worker))
    made = letter_send(
        actor=worker,
        contact=contact,
        kind=LetterKind.FAMILY,
        text="Dear Mrs Pryce,\n\nWe are writing about Maisie.",
        recipient=Recipient("Mrs Pryce", address="1 Acacia Road\nWessex\nWX1 2BB"),
        letter_id=uuid.uuid4(),
    )
    fake = FakeNotify(status="permanent-failure")
    with mock.patch.object(channels, "notify_client", return_value=fake):
        letter_deliver(letter_id=str(made.pk))
        (posted,) = fake.letters
        assert posted["pdf"] == bytes(made.pdf)
        assert posted["postage"] == "second"
        notify_statuses_update(timezone.now() + datetime.timedelta(minutes=5))
    made.refresh_from_db()
    assert made.channel == Channel.NOTIFY_LETTER
    assert made.status == LetterStatus.FAILED
    assert made.last_error == "GOV.UK Notify: permanent-failure"


def test_without_a_notify_key_the_sweep_does_nothing(letter, settings):
    settings.NOTIFY_API_KEY = ""
    Letter.objects.filter(pk=letter.pk).update(
        status=LetterStatus.SENT, channel=Channel.NOTIFY_EMAIL, sent_at=timezone.now()
    )
    assert notify_status_sweep(timezone.now()) == 0
