"""A letter's send or resend posted twice (a double click, a second tab, a retried request),
even at the same moment, makes one letter and says it was already queued: never an error
page, never a second letter."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.letters.models import Letter, LetterKind
from cads.letters.services import Recipient
from cads.letters.services_send import letter_resend, letter_send
from cads.letters.tests.helpers import letter_templates_reseed, named_contact, submit
from conftest import signed_in_client
from tests.concurrency import while_another_is_saving


def _messages(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


@pytest.mark.django_db(transaction=True)
def test_a_send_posted_twice_at_once_makes_one_letter(make_user: Callable[..., User]) -> None:
    letter_templates_reseed()
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    contact = submit(worker, named_contact(worker))
    client = signed_in_client(worker)
    client.raise_request_exception = False
    url = reverse("letters:preview", args=[contact.pk, LetterKind.FAMILY])
    form = client.get(url).context["form"]
    data = {name: str(form.initial.get(name, "")) for name in form.fields}
    data |= {
        "text": "Dear Mrs Pryce,\n\nWe are writing about Maisie.",
        "recipient_name": "Mrs Pryce",
        "recipient_email": "pryce@example.org",
    }

    def first_click() -> None:
        letter_send(
            actor=worker, contact=contact, kind=LetterKind.FAMILY, text=data["text"],
            recipient=Recipient("Mrs Pryce", "pryce@example.org"),
            letter_id=uuid.UUID(data["send_key"]),
        )  # fmt: skip

    with while_another_is_saving(first_click):
        response = client.post(url, data)
    assert response.status_code == 302
    assert Letter.objects.filter(contact=contact, kind=LetterKind.FAMILY).count() == 1
    again = client.post(url, data, follow=True)
    assert "This letter to a parent or carer was already queued" in _messages(again)
    assert Letter.objects.filter(contact=contact, kind=LetterKind.FAMILY).count() == 1


@pytest.mark.django_db(transaction=True)
def test_send_again_posted_twice_at_once_makes_one_new_letter(
    make_user: Callable[..., User],
) -> None:
    letter_templates_reseed()
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    contact = submit(worker, named_contact(worker))
    sent = letter_send(
        actor=worker, contact=contact, kind=LetterKind.FAMILY, text="Dear Mrs Pryce,\n\nHello.",
        recipient=Recipient("Mrs Pryce", "pryce@example.org"), letter_id=uuid.uuid4(),
    )  # fmt: skip
    client = signed_in_client(worker)
    client.raise_request_exception = False
    key = uuid.uuid4()
    url = reverse("letters:resend", args=[sent.pk])

    def first_click() -> None:
        letter_resend(actor=worker, letter=Letter.objects.get(pk=sent.pk), letter_id=key)

    with while_another_is_saving(first_click):
        response = client.post(url, {"send_key": key})
    assert response.status_code == 302
    assert Letter.objects.filter(resend_of=sent).count() == 1
    again = client.post(url, {"send_key": key}, follow=True)
    assert "already sent again" in _messages(again)
    assert Letter.objects.filter(resend_of=sent).count() == 1
