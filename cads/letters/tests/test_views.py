"""Staff screens: letters on the screening page with what is owed, preview, edit and send
one letter, open its PDF (logged), resend as a new record, instructions acknowledged by
the signed link or by staff, the consultation record checked and sent, letters to send
and failed letters for managers, and who may do what."""

from __future__ import annotations

import uuid

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from cads.accounts.roles import Role
from cads.audit.models import AccessLog
from cads.contacts.codes import ReferralSource
from cads.letters.delivery import letter_deliver
from cads.letters.models import AcknowledgedHow, Letter, LetterKind
from cads.letters.tests.helpers import deliver_queued, named_contact, submit
from cads.letters.tokens import acknowledge_token
from cads.letters.workflow import LetterStatus
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def _form(page) -> dict[str, str]:
    form = page.context["form"]
    return {name: str(form.initial.get(name, "")) for name in form.fields}


@pytest.fixture
def worker(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


def test_preview_edit_send_and_open_the_pdf(worker):
    client = signed_in_client(worker)
    contact = submit(worker, named_contact(worker))
    no_decision = reverse("letters:preview", args=[contact.pk, LetterKind.OUTCOME])
    assert client.get(no_decision).status_code == 404  # nothing decided to write about
    url = reverse("letters:preview", args=[contact.pk, LetterKind.ACKNOWLEDGEMENT])
    page = client.get(url)
    assert page.status_code == 200
    assert "Dear Priya Shah," in page.content.decode()
    data = _form(page) | {"text": "Dear Priya,\n\nThank you."}
    response = client.post(url, data)
    assert response.status_code == 302
    client.post(url, data)  # double click: one letter
    letter = Letter.objects.get(created_by=worker)
    assert letter.kind == LetterKind.ACKNOWLEDGEMENT
    assert letter.text == "Dear Priya,\n\nThank you."
    assert letter.created_by == worker
    assert letter.status == LetterStatus.QUEUED

    client.get(reverse("screening:history", args=[contact.pk]))  # opening starts screening
    screen = client.get(reverse("screening:screen", args=[contact.pk]))
    assert reverse("letters:pdf", args=[letter.pk]) in screen.content.decode()
    assert "Acknowledgement: due by" in text_of(screen)  # owed, not yet sent
    # Each letter is its own information-sharing record (ADR 0013).
    assert "Lawful basis: Public task" in text_of(screen)
    assert "Consent: Consent given" in text_of(screen)

    pdf = client.get(reverse("letters:pdf", args=[letter.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AccessLog.objects.filter(subject_id=str(letter.pk), screen="letters:pdf").exists()


def test_bad_input_is_refused_with_the_text_kept(worker):
    client = signed_in_client(worker)
    contact = submit(worker, named_contact(worker))  # a neighbour: instructions go elsewhere
    url = reverse("letters:preview", args=[contact.pk, LetterKind.INSTRUCTIONS])
    page = client.get(url)
    assert "[Write here" in page.content.decode()
    response = client.post(url, _form(page))
    assert "Enter who the letter is to" in text_of(response)
    page.context["form"].initial["recipient_name"] = "Sam Patel (DSL)"
    response = client.post(url, _form(page) | {"recipient_email": "not-an-email"})
    assert "Enter an email address in the correct format" in text_of(response)
    response = client.post(url, _form(page))
    assert "Replace the text in square brackets" in text_of(response)
    assert "Following the contact about Maisie" in response.content.decode()
    assert "Children's Advice" in text_of(response)  # plain text, escaped once on the page
    assert not Letter.objects.filter(kind=LetterKind.INSTRUCTIONS).exists()


def test_instructions_are_acknowledged_through_the_signed_link(worker, client):
    staff = signed_in_client(worker)
    contact = submit(worker, named_contact(worker, referral_source=ReferralSource.SCHOOLS))
    url = reverse("letters:preview", args=[contact.pk, LetterKind.INSTRUCTIONS])
    data = _form(staff.get(url))
    data["text"] = data["text"].replace(
        "[Write here what they must do next, and by when]", "Keep Maisie in school today."
    )
    staff.post(url, data)
    letter = Letter.objects.get(kind=LetterKind.INSTRUCTIONS)
    link = reverse("letters:acknowledge", args=[acknowledge_token(letter.pk)])
    assert link in letter.text
    assert letter.acknowledgement_required

    assert client.get(link[:-5] + "xxxx/").status_code == 404  # a tampered token
    page = client.get(link)  # anyone with the link, not signed in
    assert "Confirm you received the instructions" in text_of(page)
    assert "Maisie" not in text_of(page)
    letter.refresh_from_db()
    assert letter.acknowledged_at is None  # opening the link (a link checker) records nothing
    client.post(link)
    letter.refresh_from_db()
    assert letter.acknowledged_how == AcknowledgedHow.LINK
    assert "Receipt confirmed" in text_of(client.get(link))


def test_staff_record_receipt_and_resend_makes_a_new_record(worker):
    client = signed_in_client(worker)
    contact = submit(worker, named_contact(worker, referral_source=ReferralSource.SCHOOLS))
    url = reverse("letters:preview", args=[contact.pk, LetterKind.INSTRUCTIONS])
    data = _form(client.get(url))
    data["text"] = "Dear Priya,\n\nKeep Maisie in school today."
    client.post(url, data)
    letter = Letter.objects.get(kind=LetterKind.INSTRUCTIONS)
    client.post(reverse("letters:receipt", args=[letter.pk]))
    letter.refresh_from_db()
    assert letter.acknowledged_how == AcknowledgedHow.STAFF
    assert letter.acknowledged_by == worker

    letter_deliver(letter_id=str(letter.pk))
    key = uuid.uuid4()
    client.post(reverse("letters:resend", args=[letter.pk]), {"send_key": key})
    client.post(reverse("letters:resend", args=[letter.pk]), {"send_key": key})  # once
    again = Letter.objects.get(resend_of=letter)
    assert again.pk == key
    assert again.text == letter.text
    assert again.sha256 == letter.sha256 or again.pdf  # same text, its own PDF and record
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT  # the first is unchanged


def test_managers_see_failed_letters_and_letters_owed(worker, make_user):
    contact = submit(worker, named_contact(worker))
    letter = contact.letters.get()
    Letter.objects.filter(pk=letter.pk).update(
        status=LetterStatus.FAILED, last_error="SMTP refused"
    )
    manager = signed_in_client(make_user(Role.TEAM_MANAGER))
    page = text_of(manager.get(reverse("letters:owed")))
    assert "Failed letters" in page
    assert f"{contact.reference} Acknowledgement Priya Shah Failed SMTP refused" in page
    tray = text_of(manager.get(reverse("screening:tray")))
    assert "acknowledgement (failed)" in tray.lower()
    team = text_of(manager.get(reverse("screening:team")))
    assert "1 letter could not be sent" in team


def test_the_consultation_record_is_checked_and_sent_from_the_consultation(worker):
    from cads.letters.services import consultation_record_owe

    contact = submit(worker, named_contact(worker))
    contact.kind = "consultation"
    contact.advice_given = "Talk to the parents"
    contact.save()
    owed = consultation_record_owe(contact=contact)
    client = signed_in_client(worker)
    url = reverse("letters:prepare", args=[owed.pk])
    page = client.get(url)
    assert "The advice we agreed: Talk to the parents" in page.content.decode()
    client.post(url, _form(page) | {"text": page.context["form"].initial["text"]})
    owed.refresh_from_db()
    assert owed.status == LetterStatus.QUEUED
    assert owed.made
    (sent,) = [x for x in deliver_queued() if x.pk == owed.pk]
    assert sent.status == LetterStatus.SENT


def test_a_call_handler_cannot_open_or_send_letters(worker, make_user):
    contact = submit(worker, named_contact(worker))
    deliver_queued()
    letter = contact.letters.get()
    client = signed_in_client(make_user(Role.CALL_HANDLER))
    assert client.get(reverse("letters:pdf", args=[letter.pk])).status_code == 403
    url = reverse("letters:preview", args=[contact.pk, LetterKind.OUTCOME])
    assert client.get(url).status_code == 403
    assert client.get(reverse("letters:owed")).status_code == 403


def test_a_send_key_sends_only_its_own_contacts_letter(worker):
    from cads.letters.services import consultation_record_owe

    consultation = submit(worker, named_contact(worker))
    consultation.kind = "consultation"
    consultation.advice_given = "Talk to the parents"
    consultation.save()
    owed = consultation_record_owe(contact=consultation)
    other = submit(worker, named_contact(worker, referrer_name="Sam Okafor"))
    client = signed_in_client(worker)
    url = reverse("letters:preview", args=[other.pk, LetterKind.ACKNOWLEDGEMENT])
    page = client.get(url)
    # The other contact's preview posted with the owed consultation record's id.
    response = client.post(url, _form(page) | {"text": "Dear Sam,", "send_key": str(owed.pk)})
    owed.refresh_from_db()
    assert owed.status == LetterStatus.TO_SEND  # still owed, untouched
    assert owed.recipient_name != "Sam Okafor"
    assert not owed.made
    assert "This letter belongs to another contact" in text_of(response)
    assert not Letter.objects.filter(contact=other, created_by=worker).exists()
