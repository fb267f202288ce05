"""Professional consultations: recorded without naming the child, idempotent, converted
into a named contact keeping what was recorded, and the GOV.UK validation messages."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cads.accounts.roles import Role
from cads.audit.models import AccessLog, CaseEvent
from cads.contacts.codes import ContactKind, ReferralSource
from cads.contacts.consultations import contact_discard
from cads.contacts.forms_consultation import parse_time
from cads.contacts.models import Contact
from cads.contacts.workflow import Status

pytestmark = pytest.mark.django_db

CALL = {
    "call_date_day": "3",
    "call_date_month": "11",
    "call_date_year": "2026",
    "call_time": "9:05",
}
DETAILS = {
    "immediate_risk": "no",
    "referrer_name": "",
    "referrer_role": "Designated safeguarding lead",
    "referrer_organisation": "Wessex Primary School",
    "referrer_phone": "01632 960 001",
    "referrer_email": "dsl@wessex-primary.example",
    "referral_source": ReferralSource.SCHOOLS,
    "consultation_overview": "A pupil has come in hungry most days and is often late.",
    "consultation_child_age": "about 7",
    "advice_given": "Talk to the parents; consider an Early Help assessment.",
}


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def summary_errors(response: Any) -> list[str]:
    return [a.get_text(strip=True) for a in soup(response).select(".govuk-error-summary a")]


def start(client: Client) -> Contact:
    response = client.post(reverse("contacts:consultation-start"), CALL | {"start_key": "k1"})
    assert response.status_code == 302
    return Contact.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])


def post_task(client: Client, contact: Contact, action: str, **data: Any) -> Any:
    contact.refresh_from_db()
    values = DETAILS | {"version": contact.version, "action": action} | data
    return client.post(reverse("contacts:consultation-task", args=[contact.pk]), values)


@pytest.fixture
def worker(client_for: Any) -> Client:
    client: Client = client_for(Role.CADS_SOCIAL_WORKER)
    return client


def test_start_page_fills_in_the_time_now_and_the_call_time_becomes_received_at(
    worker: Client,
) -> None:
    page = soup(worker.get(reverse("contacts:consultation-start")))
    now = timezone.localtime()
    assert page.select_one("#id_call_date_year")["value"] == str(now.year)
    contact = start(worker)
    assert contact.kind == ContactKind.CONSULTATION
    assert contact.status == Status.DRAFT
    london = timezone.get_default_timezone()
    expected = datetime.datetime(2026, 11, 3, 9, 5, tzinfo=london)
    assert contact.received_at == expected


def test_a_double_clicked_start_opens_one_consultation(worker: Client) -> None:
    first = worker.post(reverse("contacts:consultation-start"), CALL | {"start_key": "same"})
    second = worker.post(reverse("contacts:consultation-start"), CALL | {"start_key": "same"})
    assert first["Location"] == second["Location"]
    assert Contact.objects.count() == 1


def test_anonymous_consultation_is_recorded_with_the_advice(worker: Client) -> None:
    contact = start(worker)
    key = uuid.uuid4()
    response = post_task(worker, contact, "record", submission_key=str(key))
    assert response["Location"] == reverse("contacts:consultation-recorded", args=[contact.pk])
    contact.refresh_from_db()
    assert contact.status == Status.CONSULTATION_RECORDED
    assert contact.reference.startswith("C-2026-")
    assert contact.referrer_name == ""
    assert contact.advice_given == DETAILS["advice_given"]
    assert contact.consultation_child_age == "about 7"
    assert not contact.subjects.exists()
    event = CaseEvent.objects.get(subject_id=str(contact.pk), kind="consultation.recorded")
    assert event.data["new"]["advice_given"] == DETAILS["advice_given"]

    page = worker.get(response["Location"])
    text = soup(page).get_text(" ", strip=True)
    assert contact.reference in soup(page).select_one(".govuk-panel").get_text()
    assert "Consultation record to send" in text
    assert "Did not give their name" in text
    assert AccessLog.objects.filter(
        subject_id=str(contact.pk), screen="contacts:consultation-recorded"
    ).exists()


def test_recording_twice_with_one_key_records_once(worker: Client) -> None:
    contact = start(worker)
    key = str(uuid.uuid4())
    version = Contact.objects.get(pk=contact.pk).version
    url = reverse("contacts:consultation-task", args=[contact.pk])
    data = DETAILS | {"version": version, "action": "record", "submission_key": key}
    first = worker.post(url, data)
    second = worker.post(url, data)  # the same page submitted again: same version, same key
    assert first["Location"] == second["Location"]
    events = CaseEvent.objects.filter(subject_id=str(contact.pk), kind="consultation.recorded")
    assert events.count() == 1
    assert Contact.objects.filter(reference__isnull=False).count() == 1


def test_save_keeps_a_draft_and_the_form_reopens_with_it(worker: Client) -> None:
    contact = start(worker)
    response = post_task(worker, contact, "save", advice_given="")
    assert response["Location"] == reverse("contacts:consultation-task", args=[contact.pk])
    page = soup(worker.get(response["Location"]))
    assert page.select_one("#id_referrer_organisation")["value"] == "Wessex Primary School"
    contact.refresh_from_db()
    assert contact.status == Status.DRAFT
    assert "consultation" in contact.sections_done
    listing = soup(worker.get(reverse("contacts:consultation-list")))
    assert "Your consultations in progress" in listing.get_text()


def test_saving_needs_the_organisation_and_keeps_what_was_typed(worker: Client) -> None:
    contact = start(worker)
    response = post_task(worker, contact, "save", referrer_organisation=" ")
    assert response.status_code == 200
    assert summary_errors(response) == ["Enter the professional's organisation"]
    link = soup(response).select_one(".govuk-error-summary a")["href"]
    assert link == "#id_referrer_organisation"
    assert DETAILS["consultation_overview"] in response.content.decode()


def test_recording_needs_the_overview_source_and_advice(worker: Client) -> None:
    contact = start(worker)
    response = post_task(
        worker,
        contact,
        "record",
        submission_key=str(uuid.uuid4()),
        referral_source="",
        consultation_overview="",
        advice_given="",
        referrer_email="not-an-email",
        referrer_phone="call me",
    )
    assert summary_errors(response) == [
        "Enter a phone number, like 01632 960 001 or +44 808 157 0192",
        "Enter an email address in the correct format, like name@example.com",
        "Select the type of organisation",
        "Enter an overview of the worry",
        "Enter the advice given",
    ]
    contact.refresh_from_db()
    assert contact.status == Status.DRAFT


def test_professional_sources_only(worker: Client) -> None:
    contact = start(worker)
    page = soup(worker.get(reverse("contacts:consultation-task", args=[contact.pk])))
    values = {o["value"] for o in page.select("#id_referral_source option") if o["value"]}
    assert ReferralSource.SCHOOLS in values
    assert ReferralSource.FAMILY not in values
    assert ReferralSource.ANONYMOUS not in values


def test_start_validation_messages(worker: Client) -> None:
    url = reverse("contacts:consultation-start")
    empty = worker.post(url, {"start_key": "a"})
    assert summary_errors(empty) == ["Enter the date of the call", "Enter the time of the call"]
    bad_time = worker.post(url, CALL | {"call_time": "25:00", "start_key": "b"})
    assert summary_errors(bad_time) == ["Enter a real time, for example 9:30am or 14:05"]
    future = timezone.localtime() + datetime.timedelta(days=2)
    later = {
        "call_date_day": future.day,
        "call_date_month": future.month,
        "call_date_year": future.year,
        "call_time": "10:00",
        "start_key": "c",
    }
    assert summary_errors(worker.post(url, later)) == [
        "Date of the call must be today or in the past"
    ]
    assert Contact.objects.count() == 0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:05", datetime.time(14, 5)),
        ("9.30am", datetime.time(9, 30)),
        ("2pm", datetime.time(14, 0)),
        ("12am", datetime.time(0, 0)),
        ("12:15 pm", datetime.time(12, 15)),
        ("13pm", None),
        ("9:75", None),
        ("soon", None),
    ],
)
def test_times_as_people_type_them(typed: str, expected: datetime.time | None) -> None:
    assert parse_time(typed) == expected


def record(client: Client) -> Contact:
    contact = start(client)
    post_task(client, contact, "record", submission_key=str(uuid.uuid4()))
    contact.refresh_from_db()
    return contact


def test_conversion_keeps_referrer_call_time_and_overview_as_the_concern(worker: Client) -> None:
    contact = record(worker)
    received, reference = contact.received_at, contact.reference
    url = reverse("contacts:consultation-convert", args=[contact.pk])
    response = worker.post(url, {"reason": "The pupil has now described being hit at home."})
    assert response["Location"] == reverse("contacts:task-list", args=[contact.pk])
    contact.refresh_from_db()
    assert contact.kind == ContactKind.CONTACT
    assert contact.status == Status.DRAFT
    assert contact.received_at == received
    assert contact.reference == reference
    assert contact.referrer_organisation == "Wessex Primary School"
    assert contact.referral_source == ReferralSource.SCHOOLS
    assert contact.concern == DETAILS["consultation_overview"]
    assert contact.advice_given == DETAILS["advice_given"]
    assert contact.converted_from_consultation_at is not None
    event = CaseEvent.objects.get(subject_id=str(contact.pk), kind="consultation.converted")
    assert event.reason == "The pupil has now described being hit at home."
    assert event.actor is not None

    again = worker.post(url, {"reason": "clicked twice"})
    assert again["Location"] == reverse("contacts:task-list", args=[contact.pk])
    assert CaseEvent.objects.filter(kind="consultation.converted").count() == 1
    pages = (
        worker.get(reverse("contacts:consultation-task", args=[contact.pk])),
        worker.get(reverse("contacts:consultation-recorded", args=[contact.pk])),
    )
    assert [p["Location"] for p in pages] == [response["Location"]] * 2


def test_conversion_needs_a_reason(worker: Client) -> None:
    contact = record(worker)
    url = reverse("contacts:consultation-convert", args=[contact.pk])
    response = worker.post(url, {"reason": "  "})
    assert summary_errors(response) == ["Enter why this consultation is now a concern"]
    contact.refresh_from_db()
    assert contact.kind == ContactKind.CONSULTATION


def test_a_draft_consultation_converts_from_the_form(worker: Client) -> None:
    contact = start(worker)
    response = post_task(worker, contact, "convert", advice_given="")
    convert = reverse("contacts:consultation-convert", args=[contact.pk])
    assert response["Location"] == convert
    assert "Make this consultation a named contact" in worker.get(convert).content.decode()
    worker.post(convert, {"reason": "A disclosure during the call."})
    contact.refresh_from_db()
    assert contact.kind == ContactKind.CONTACT
    assert contact.concern == DETAILS["consultation_overview"]


def test_a_stale_save_keeps_the_input_and_says_so(worker: Client) -> None:
    contact = start(worker)
    post_task(worker, contact, "save")
    url = reverse("contacts:consultation-task", args=[contact.pk])
    stale = DETAILS | {"version": 1, "action": "save", "advice_given": "My new advice"}
    response = worker.post(url, stale)
    assert "Someone else changed this consultation" in summary_errors(response)[0]
    assert "My new advice" in response.content.decode()


def test_the_list_shows_recorded_consultations(worker: Client) -> None:
    contact = record(worker)
    page = soup(worker.get(reverse("contacts:consultation-list")))
    row = page.select_one("tbody tr:-soup-contains('Wessex Primary School')")
    assert contact.reference in row.get_text()
    assert "Talk to the parents" in row.get_text()
    assert "To send" in row.get_text()


def test_partners_cannot_open_consultations(client_for: Any, worker: Client) -> None:
    contact = record(worker)
    partner = client_for(Role.MASH_PARTNER)
    for url in (
        reverse("contacts:consultation-list"),
        reverse("contacts:consultation-start"),
        reverse("contacts:consultation-task", args=[contact.pk]),
        reverse("contacts:consultation-recorded", args=[contact.pk]),
        reverse("contacts:consultation-convert", args=[contact.pk]),
    ):
        assert partner.get(url).status_code == 403


def test_a_discarded_consultation_is_not_worked_on(worker: Client) -> None:
    contact = start(worker)
    assert contact.created_by is not None
    contact_discard(actor=contact.created_by, contact=contact, reason="Started by mistake")
    convert = reverse("contacts:consultation-convert", args=[contact.pk])
    assert worker.get(reverse("contacts:consultation-task", args=[contact.pk])).status_code == 404
    assert worker.get(convert).status_code == 404
    assert worker.post(convert, {"reason": "A disclosure"}).status_code == 404


def test_making_it_a_named_contact_is_not_styled_as_destructive(worker: Client) -> None:
    # GOV.UK: the red warning button is for actions that delete or cannot be undone;
    # turning a consultation into a contact keeps everything.
    contact = start(worker)
    task = soup(worker.get(reverse("contacts:consultation-task", args=[contact.pk])))
    convert = task.find("button", {"value": "convert"})
    assert "govuk-button--warning" not in convert["class"]
    assert not task.select(".govuk-button--warning")


def test_a_child_at_immediate_risk_makes_it_a_named_contact(worker: Client) -> None:
    contact = start(worker)
    page = soup(worker.get(reverse("contacts:consultation-task", args=[contact.pk])))
    first = page.select_one("form .govuk-fieldset__legend")
    assert first.get_text(strip=True) == "Is a child at immediate risk of significant harm now?"
    missing = post_task(worker, contact, "record", immediate_risk="")
    assert summary_errors(missing) == [
        "Select whether a child is at immediate risk of significant harm"
    ]
    response = post_task(worker, contact, "record", immediate_risk="yes")
    assert response["Location"] == reverse("contacts:consultation-convert", args=[contact.pk])
    contact.refresh_from_db()
    assert (contact.immediate_risk, contact.rag, contact.status) == (True, "red", Status.DRAFT)
