"""Staff screens: letters listed on the screening page, preview, edit and send one letter,
open its PDF (logged), and who may do so."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cads.accounts.roles import Role
from cads.audit.models import AccessLog
from cads.letters.models import Letter, LetterKind
from cads.letters.services import letter_send
from cads.letters.tests.helpers import named_contact, submit
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


def test_preview_edit_send_and_open_the_pdf(make_user):
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    client = signed_in_client(worker)
    contact = submit(worker, named_contact(worker))
    url = reverse("letters:preview", args=[contact.pk, LetterKind.ACKNOWLEDGEMENT])
    page = client.get(url)
    assert page.status_code == 200
    assert "Dear Priya Shah," in page.content.decode()
    key = page.context["form"].initial["send_key"]
    response = client.post(url, {"text": "Dear Priya,\n\nThank you.", "send_key": key})
    assert response.status_code == 302
    client.post(url, {"text": "Dear Priya,\n\nThank you.", "send_key": key})  # double click
    letter = Letter.objects.get()
    assert letter.text == "Dear Priya,\n\nThank you."
    assert letter.created_by == worker

    client.get(reverse("screening:history", args=[contact.pk]))  # opening starts screening
    screen = client.get(reverse("screening:screen", args=[contact.pk]))
    assert screen.status_code == 200
    assert reverse("letters:pdf", args=[letter.pk]) in screen.content.decode()

    pdf = client.get(reverse("letters:pdf", args=[letter.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AccessLog.objects.filter(subject_id=str(letter.pk), screen="letters:pdf").exists()


def test_a_call_handler_cannot_open_or_send_letters(make_user):
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    contact = submit(worker, named_contact(worker))
    letter = letter_send(
        actor=worker, contact=contact, kind=LetterKind.ACKNOWLEDGEMENT, idempotency_key="v"
    )
    client = signed_in_client(make_user(Role.CALL_HANDLER))
    assert client.get(reverse("letters:pdf", args=[letter.pk])).status_code == 403
    url = reverse("letters:preview", args=[contact.pk, LetterKind.OUTCOME])
    assert client.get(url).status_code == 403
