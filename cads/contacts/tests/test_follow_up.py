"""A closed contact is never reopened: a new concern is a new contact about the same
children, with its own clock, linked to the old (issue 5, decision rules)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.contacts.follow_up import NotClosedError, contact_follow_up_start
from cads.contacts.models import Contact
from cads.contacts.progress import contact_close
from cads.contacts.services import contact_immediate_risk_record
from cads.contacts.workflow import Status
from cads.deadlines.due import decision_due
from cads.screening.services import screening_open
from cads.screening.tests.helpers import errors, soup, submitted
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def screener(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


@pytest.fixture
def closed(screener) -> Contact:
    contact = submitted(screener, received_at=timezone.now() - datetime.timedelta(days=20))
    Contact.objects.filter(pk=contact.pk).update(
        referrer_name="Ms Head", referrer_organisation="Oakfield Primary School"
    )
    screening_open(actor=screener, contact=contact)
    return contact_close(actor=screener, contact=contact, reason="No further action")


def test_the_new_contact_follows_the_old_with_the_same_children_and_its_own_clock(
    screener, closed
) -> None:
    now = timezone.now()
    new = contact_follow_up_start(actor=screener, earlier=closed, received_at=now)
    assert new.follows == closed
    assert list(closed.followed_by.all()) == [new]
    assert new.status == Status.DRAFT
    assert new.reference is None
    old_people = {(s.person_id, s.role) for s in closed.subjects.all()}
    assert {(s.person_id, s.role) for s in new.subjects.all()} == old_people
    assert new.referrer_name == ""  # the referrer is not copied
    assert new.referrer_organisation == ""
    assert new.received_at == now
    assert decision_due(new) > decision_due(closed)  # its own clock, from its own receipt
    closed.refresh_from_db()
    assert closed.status == Status.CLOSED  # never reopened
    (event,) = CaseEvent.objects.filter(subject_id=str(new.pk))
    assert event.kind == "contact.follow_up_started"
    assert event.data["new"]["follows"] == closed.reference


def test_an_open_contact_is_not_followed(screener) -> None:
    open_contact = submitted(screener)
    with pytest.raises(NotClosedError, match="is still open"):
        contact_follow_up_start(actor=screener, earlier=open_contact, received_at=timezone.now())
    assert not Contact.objects.filter(follows=open_contact).exists()


def test_screener_records_a_new_concern_from_the_closed_contact(screener, closed) -> None:
    client = signed_in_client(screener)
    page = soup(client.get(reverse("screening:screen", args=[closed.pk])))
    link = page.find("a", string="Record a new concern about these children")
    assert link["href"] == reverse("contacts:follow-up", args=[closed.pk])
    assert "Record the decision" not in page.get_text()

    url = link["href"]
    text = soup(client.get(url)).get_text(" ", strip=True)
    assert f"Contact {closed.reference} is closed and is not reopened" in text
    assert "Maisie Pryce (child the concern is about)" in text
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        url,
        {
            "received_date_day": tomorrow.day,
            "received_date_month": tomorrow.month,
            "received_date_year": tomorrow.year,
            "received_time": "",
            "channel": "phone",
        },
    )
    assert "Enter the time the contact was received, like 14:30" in errors(response)
    assert not Contact.objects.filter(follows=closed).exists()

    today = timezone.localdate()
    response = client.post(
        url,
        {
            "received_date_day": today.day,
            "received_date_month": today.month,
            "received_date_year": today.year,
            "received_time": "00:01",
            "channel": "email",
        },
    )
    new = Contact.objects.get(follows=closed)
    assert response["Location"] == reverse("contacts:immediate-risk", args=[new.pk])
    assert new.channel == "email"
    contact_immediate_risk_record(actor=screener, contact=new, at_risk=False)
    caption = soup(client.get(reverse("contacts:task-list", args=[new.pk])))
    assert f"Follows {closed.reference}" in caption.get_text(" ", strip=True)

    new.reference = "C-2026-999999"
    new.save(update_fields=["reference"])
    old_page = soup(client.get(reverse("screening:screen", args=[closed.pk])))
    assert "Followed by C-2026-999999" in old_page.get_text(" ", strip=True)


def test_a_new_concern_needs_the_add_contact_permission(closed, make_user) -> None:
    partner = signed_in_client(make_user(Role.MASH_PARTNER))
    url = reverse("contacts:follow-up", args=[closed.pk])
    assert partner.get(url).status_code == 403
    assert partner.post(url, {"channel": "phone"}).status_code == 403
