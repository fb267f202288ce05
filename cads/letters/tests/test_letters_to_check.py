"""Letters to send shows first, under an "Important" banner, the letters a person must
check: sent — unconfirmed (the send was tried and never recorded) and stuck on their way;
the contact's letters let a person record whether an unconfirmed letter arrived."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from cads.accounts.roles import Role
from cads.letters.models import Letter, LetterKind
from cads.letters.tests.helpers import named_contact, submit
from cads.letters.workflow import LetterStatus
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


def text_of(response: Any) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def _letter(worker: Any) -> Letter:
    return submit(worker, named_contact(worker)).letters.get(kind=LetterKind.ACKNOWLEDGEMENT)


def test_unconfirmed_and_stuck_letters_come_first_with_a_banner(make_user: Any) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    unconfirmed, stuck, waiting = _letter(worker), _letter(worker), _letter(worker)
    Letter.objects.filter(pk=unconfirmed.pk).update(status=LetterStatus.SENT_UNCONFIRMED)
    long_ago = timezone.now() - datetime.timedelta(minutes=40)
    Letter.objects.filter(pk=stuck.pk).update(status=LetterStatus.SENDING, status_at=long_ago)

    manager = signed_in_client(make_user(Role.TEAM_MANAGER))
    page = text_of(manager.get(reverse("letters:owed")))

    heading = page.index("Letters to send Every letter owed")
    assert page.index("Important 2 letters need checking") < heading
    start = page.index("Letters to check")
    check = page[start : page.index("Failed letters", start)]
    assert f"{unconfirmed.contact.reference} Acknowledgement Priya Shah Sent — unconfirmed" in check
    assert f"{stuck.contact.reference} Acknowledgement Priya Shah Stuck sending since" in check
    assert f"{waiting.contact.reference} " not in check
    owed = page[page.index("Letters owed") :]
    assert f"{waiting.contact.reference} " in owed
    assert f"{unconfirmed.contact.reference} " not in owed


def test_a_person_records_that_an_unconfirmed_letter_arrived(make_user: Any) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    letter = _letter(worker)
    Letter.objects.filter(pk=letter.pk).update(status=LetterStatus.SENT_UNCONFIRMED)
    client = signed_in_client(worker)
    client.get(reverse("screening:history", args=[letter.contact_id]))  # starts screening
    screen = text_of(client.get(reverse("screening:screen", args=[letter.contact_id])))
    assert "Sent — unconfirmed" in screen
    assert "It arrived" in screen
    assert "Send again" not in screen  # check first: a second copy may not be wanted

    url = reverse("letters:unconfirmed-check", args=[letter.pk])
    response = client.post(url, {"arrived": "yes"}, follow=True)
    assert "Acknowledgement recorded as sent" in text_of(response)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    assert letter.sent_at is not None


def test_a_call_handler_cannot_record_it(make_user: Any) -> None:
    letter = _letter(make_user(Role.CADS_SOCIAL_WORKER))
    Letter.objects.filter(pk=letter.pk).update(status=LetterStatus.SENT_UNCONFIRMED)
    client = signed_in_client(make_user(Role.CALL_HANDLER))
    url = reverse("letters:unconfirmed-check", args=[letter.pk])
    assert client.post(url, {"arrived": "yes"}).status_code == 403
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT_UNCONFIRMED
