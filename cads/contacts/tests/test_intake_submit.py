"""Check answers, submit and after: idempotent submit, the received time kept as the clock's
start, the out-of-hours hand-over, the queue order and the drafts page."""

from __future__ import annotations

import datetime
import re
import uuid
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.contacts.models import Contact
from cads.contacts.services import contact_start, contact_submit
from cads.contacts.tests.intake_helpers import error_summary, page, ready_contact, start_data
from cads.contacts.workflow import Status
from conftest import signed_in_client

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def handler(make_user):
    return make_user(Role.CALL_HANDLER)


@pytest.fixture
def client(handler):
    return signed_in_client(handler)


def check_url(contact: Contact) -> str:
    return reverse("contacts:check-answers", args=[contact.pk])


def submit(client, contact: Contact, key: uuid.UUID | None = None):
    return client.post(check_url(contact), {"submission_key": str(key or uuid.uuid4())})


def queue_references(client) -> list[str]:
    response = client.get(reverse("contacts:queue"))
    assert response.status_code == 200
    rows = page(response).select("tbody th")
    return [row.get_text(strip=True) for row in rows]


def test_check_answers_lists_what_is_missing_with_links(client, handler) -> None:
    contact = contact_start(actor=handler, received_at=timezone.now())
    response = client.get(check_url(contact))
    assert error_summary(response) == [
        "Answer whether a child is at immediate risk of significant harm",
        "Add the child or children the concern is about",
        "Complete the referrer section",
        "Complete the consent section",
        "Describe the concern",
    ]
    links = [a["href"] for a in page(response).select(".govuk-error-summary__list a")]
    assert links[0] == reverse("contacts:immediate-risk", args=[contact.pk])
    assert links[1] == reverse("contacts:section", args=[contact.pk, "children-and-family"])
    response = submit(client, contact)
    assert response.status_code == 400
    assert len(error_summary(response)) == 5
    assert Contact.objects.get().status == Status.DRAFT


def test_check_answers_shows_each_section_with_change_links(client, handler) -> None:
    contact = ready_contact(handler)
    cards = page(client.get(check_url(contact))).select(".govuk-summary-card")
    titles = [c.select_one(".govuk-summary-card__title").get_text(strip=True) for c in cards]
    assert titles == [
        "The contact",
        "Children and family",
        "Referrer",
        "Consent",
        "The concern",
        "Relationship",
        "Outcome sought",
    ]
    text = cards[2].get_text(" ", strip=True)
    assert "Individual: acquaintance" in text
    assert "Does the referrer want to stay anonymous? Yes" in text
    assert "Maisie Pryce" in cards[1].get_text()


def test_submit_is_idempotent_on_the_key(client, handler) -> None:
    contact = ready_contact(handler)
    key = uuid.uuid4()
    first = submit(client, contact, key)
    second = submit(client, contact, key)  # a double click or a retried request
    assert first.url == second.url == reverse("contacts:confirmation", args=[contact.pk])
    assert Contact.objects.count() == 1
    contact.refresh_from_db()
    assert re.fullmatch(r"C-\d{4}-\d{6}", contact.reference or "")
    assert CaseEvent.objects.filter(kind="contact.submitted").count() == 1
    panel = page(client.get(first.url)).select_one(".govuk-panel--confirmation")
    assert contact.reference in panel.get_text()
    # A resent form with a new key finds the contact already submitted.
    assert submit(client, contact).url == first.url
    assert Contact.objects.get().reference == contact.reference


def test_a_submitted_contact_is_no_longer_edited(client, handler) -> None:
    contact = ready_contact(handler)
    submit(client, contact)
    confirmation = reverse("contacts:confirmation", args=[contact.pk])
    for url in (
        reverse("contacts:task-list", args=[contact.pk]),
        reverse("contacts:section", args=[contact.pk, "concern"]),
        reverse("contacts:children", args=[contact.pk]),
        check_url(contact),
    ):
        assert client.get(url).url == confirmation


def at(year: int, month: int, day: int, hour: int, minute: int) -> time_machine.travel:
    """Travel to a London wall-clock time. Clients are signed in inside each trip, since
    the idle timeout would end a session carried across days."""
    moment = datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)
    return time_machine.travel(moment, tick=False)


def test_the_received_time_not_the_submit_time_starts_the_clock(handler) -> None:
    received = datetime.datetime(2026, 6, 3, 9, 15, tzinfo=LONDON)
    with at(2026, 6, 3, 10, 0):
        signed_in_client(handler).post("/contacts/new/", start_data(received=received))
    contact = ready_contact(handler, contact=Contact.objects.get())
    with at(2026, 6, 3, 11, 30):
        client = signed_in_client(handler)
        submit(client, contact)
        contact.refresh_from_db()
        assert contact.received_at == received
        assert contact.submitted_at == timezone.now()
        assert contact.queue_from == received
        assert contact.reference.startswith("C-2026-")
        row = page(client.get(reverse("contacts:queue"))).select_one("tbody tr")
        assert "3 Jun 2026, 09:15" in row.get_text()


def test_out_of_hours_contacts_join_the_queue_next_working_day(make_user) -> None:
    worker = make_user(Role.OUT_OF_HOURS_WORKER)
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    with at(2026, 6, 6, 22, 0):  # a Saturday night
        ooh = signed_in_client(worker)
        form = page(ooh.get("/contacts/new/"))
        assert form.select_one("input[name=channel][checked]")["value"] == "out_of_hours"
        contact = ready_contact(worker, received_at=timezone.now())
        response = submit(ooh, contact)
        assert "the start of the next working day" in page(ooh.get(response.url)).get_text()
        assert queue_references(signed_in_client(screener)) == []
    contact.refresh_from_db()
    assert contact.out_of_hours
    with at(2026, 6, 8, 8, 59):  # Monday, a minute before the office opens
        assert queue_references(signed_in_client(screener)) == []
    with at(2026, 6, 8, 9, 0):
        client = signed_in_client(screener)
        assert queue_references(client) == [contact.reference]
        row = page(client.get(reverse("contacts:queue"))).select_one("tbody tr")
        assert "Out of hours" in row.get_text()


def test_immediate_risk_tops_the_queue_in_words(client, handler) -> None:
    older = ready_contact(handler, received_at=timezone.now() - datetime.timedelta(hours=3))
    urgent = ready_contact(handler, at_risk=True, family_name="Holt")
    for contact in (older, urgent):
        contact_submit(actor=handler, contact=contact, submission_key=uuid.uuid4())
        contact.refresh_from_db()
    assert queue_references(client) == [urgent.reference, older.reference]
    rows = page(client.get(reverse("contacts:queue"))).select("tbody tr")
    assert "Urgent: immediate risk" in rows[0].get_text()
    assert "Not urgent" in rows[1].get_text()
    assert "Maisie Holt" in rows[0].get_text()


def test_drafts_lists_only_my_drafts_with_progress(client, handler, make_user) -> None:
    mine = ready_contact(handler)
    other = make_user(Role.CALL_HANDLER, username="colleague")
    ready_contact(other, family_name="Other")
    submitted = ready_contact(handler, family_name="Sent")
    contact_submit(actor=handler, contact=submitted, submission_key=uuid.uuid4())
    rows = page(client.get(reverse("contacts:drafts"))).select("tbody tr")
    assert len(rows) == 1
    text = rows[0].get_text(" ", strip=True)
    assert "Maisie Pryce" in text
    assert "3 of 6" in text
    assert rows[0].select_one("a")["href"] == reverse("contacts:task-list", args=[mine.pk])


def test_an_immediate_risk_draft_tops_the_queue_while_still_being_recorded(client_for) -> None:
    from cads.accounts.models import User
    from cads.contacts.services import contact_immediate_risk_record

    client = client_for(Role.CALL_HANDLER)
    worker = User.objects.get(username="call-handler")
    quiet = contact_start(actor=worker, received_at=timezone.now())
    urgent = contact_start(actor=worker, received_at=timezone.now())
    contact_immediate_risk_record(actor=worker, contact=urgent, at_risk=True)
    contact_immediate_risk_record(actor=worker, contact=quiet, at_risk=False)
    rows = page(client.get("/contacts/queue/")).select("tbody tr")
    assert len(rows) == 1
    assert "Not yet submitted" in rows[0].get_text()
    assert "Urgent" in rows[0].get_text()
    assert "Being recorded by" in rows[0].get_text()
