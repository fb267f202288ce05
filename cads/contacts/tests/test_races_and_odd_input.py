"""Races and odd input on the way in end in a page that says what happened, never an error
page: parallel "start" posts with one key, one file sent twice at once, a second tab
submitting after screening began, your own double click on "Save and continue", dates and
email addresses too long to be real, and a body too large to take."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.contacts.attachments import attachment_add
from cads.contacts.models import Attachment, Contact
from cads.contacts.services import contact_start, contact_submit
from cads.contacts.tests.intake_helpers import error_summary, ready_contact, start_data
from cads.contacts.tests.test_attachments import PDF
from cads.contacts.tests.test_online_form import CHILD, P, start
from cads.screening.services import screening_open
from conftest import signed_in_client
from tests.concurrency import while_another_is_saving

START = "/contacts/new/"
TWENTY_DIGITS = "9" * 20


def _client(user: User) -> Client:
    client = signed_in_client(user)
    client.raise_request_exception = False  # a 500 is an answer here, not a test error
    return client


# --- Two requests at once ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_start_posts_with_one_key_at_once_open_one_draft(
    make_user: Callable[..., User],
) -> None:
    handler = make_user(Role.CALL_HANDLER)
    key = uuid.uuid4()
    first_click = lambda: contact_start(  # noqa: E731 - the other request's work
        actor=handler, received_at=timezone.now(), start_key=key
    )
    with while_another_is_saving(first_click):
        response = _client(handler).post(START, start_data() | {"start_key": str(key)})
    assert response.status_code == 302
    draft = Contact.objects.get()
    assert response["Location"] == reverse("contacts:immediate-risk", args=[draft.pk])


@pytest.mark.django_db(transaction=True)
def test_one_file_sent_twice_at_once_is_stored_once(
    make_user: Callable[..., User], settings: Any, tmp_path: Path
) -> None:
    settings.CADS_ATTACHMENT_ROOT = tmp_path
    settings.CADS_CLAMD = ""
    handler = make_user(Role.CALL_HANDLER)
    contact = contact_start(actor=handler, received_at=timezone.now())

    def file() -> SimpleUploadedFile:
        return SimpleUploadedFile("assessment.pdf", PDF, content_type="application/pdf")

    first_click = lambda: attachment_add(  # noqa: E731 - the other request's work
        actor=handler, contact=contact, upload=file(), description="Chronology"
    )
    url = reverse("contacts:attachments", args=[contact.pk])
    with while_another_is_saving(first_click):
        response = _client(handler).post(url, {"file": file(), "description": "Chronology"})
    assert response.status_code == 302
    assert Attachment.objects.filter(contact=contact).count() == 1
    assert len(list(tmp_path.iterdir())) == 1  # the second copy removed from the disk


# --- A second tab, a double click ----------------------------------------------------------


@pytest.mark.django_db
def test_a_second_tab_submitting_after_screening_began_shows_the_contact_now(
    make_user: Callable[..., User],
) -> None:
    handler = make_user(Role.CALL_HANDLER)
    client = _client(handler)
    draft = ready_contact(handler)
    url = reverse("contacts:check-answers", args=[draft.pk])
    second_tab = client.get(url).context["submission_key"]
    contact_submit(actor=handler, contact=draft, submission_key=uuid.uuid4())  # first tab
    screening_open(actor=make_user(Role.CADS_SOCIAL_WORKER), contact=draft)
    response = client.post(url, {"submission_key": str(second_tab)}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("contacts:record", args=[draft.pk])
    assert "This contact is already being screened" in response.content.decode()


@pytest.mark.django_db
def test_your_own_double_click_on_save_and_continue_is_not_someone_else(
    make_user: Callable[..., User],
) -> None:
    handler = make_user(Role.CALL_HANDLER)
    client = _client(handler)
    draft = contact_start(actor=handler, received_at=timezone.now())
    Contact.objects.filter(pk=draft.pk).update(immediate_risk=False)
    url = reverse("contacts:section", args=[draft.pk, "concern"])
    data = {"version": str(draft.version), "concern": "Left alone overnight"}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)  # the same click, arriving second
    assert again.status_code == 302
    assert again["Location"] == reverse("contacts:task-list", args=[draft.pk])
    # A manager's different answer after yours is still caught (only the author and a
    # manager may change a draft: anyone else is refused before the version is read).
    other = _client(make_user(Role.TEAM_MANAGER, "manager"))
    stale = other.post(url, data | {"concern": "Something else"})
    assert error_summary(stale)[0].startswith("Someone else saved this contact")


# --- Odd input ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("day", "month"), [(TWENTY_DIGITS, "3"), ("7", TWENTY_DIGITS), ("²", "3")])
def test_a_date_too_large_to_be_a_date_gets_the_govuk_error(
    make_user: Callable[..., User], day: str, month: str
) -> None:
    client = _client(make_user(Role.CALL_HANDLER))
    data = start_data() | {"received_date_day": day, "received_date_month": month}
    response = client.post(START, data)
    assert response.status_code == 200
    assert error_summary(response)[0] == "Date the contact was received must be a real date"


@pytest.mark.django_db
def test_a_date_too_large_on_the_public_form_gets_the_govuk_error(client: Client) -> None:
    start(client)
    response = client.post(P + "children/1/", CHILD | {"date_of_birth_day": TWENTY_DIGITS})
    assert response.status_code == 200
    assert error_summary(response) == ["Child's date of birth must be a real date"]


@pytest.mark.django_db
def test_an_email_address_over_254_characters_gets_a_clear_error(
    make_user: Callable[..., User],
) -> None:
    handler = make_user(Role.CALL_HANDLER)
    draft = contact_start(actor=handler, received_at=timezone.now())
    long_email = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".example"  # 317 characters
    url = reverse("contacts:section", args=[draft.pk, "referrer"])
    data = {"version": str(draft.version), "referrer_name": "Priya", "referrer_anonymous": "no",
            "referrer_email": long_email, "referral_source": "1A"}  # fmt: skip
    response = _client(handler).post(url, data)
    assert response.status_code == 200
    assert "Email address must be 254 characters or fewer" in error_summary(response)


@pytest.mark.django_db
def test_a_body_too_large_gets_the_413_page(make_user: Callable[..., User], settings: Any) -> None:
    client = _client(make_user(Role.CALL_HANDLER))
    body = "concern=" + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = client.post(START, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "Sorry, what you sent is too large" in response.content.decode()
    assert Contact.objects.count() == 0
