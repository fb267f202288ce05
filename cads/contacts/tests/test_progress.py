"""The contact's spine after submit: screening starts once, the contact closes for good,
and never while partner checks are open."""

from __future__ import annotations

import uuid

import pytest

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.contacts.progress import contact_close, contact_screening_start
from cads.contacts.services import contact_submit
from cads.contacts.tests.intake_helpers import ready_contact
from cads.contacts.workflow import Status, TransitionError

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(make_user):
    handler = make_user(Role.CALL_HANDLER)
    return contact_submit(
        actor=handler, contact=ready_contact(handler), submission_key=uuid.uuid4()
    )


def events(contact, kind: str) -> int:
    return CaseEvent.objects.filter(subject_id=str(contact.pk), kind=kind).count()


def test_screening_starts_once_and_the_contact_closes_with_a_reason(make_user, submitted):
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    contact_screening_start(actor=screener, contact=submitted)
    contact = contact_screening_start(actor=screener, contact=submitted)  # a second screener
    assert contact.status == Status.IN_SCREENING
    assert events(contact, "contact.screening_started") == 1

    closed = contact_close(actor=screener, contact=contact, reason="No further action agreed")
    assert closed.status == Status.CLOSED
    event = CaseEvent.objects.get(subject_id=str(contact.pk), kind="contact.closed")
    assert event.reason == "No further action agreed"


def test_a_closed_contact_cannot_be_reopened_or_closed_again(make_user, submitted):
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    contact = contact_screening_start(actor=screener, contact=submitted)
    contact_close(actor=screener, contact=contact, reason="Advice given")
    with pytest.raises(TransitionError, match="A contact that is closed cannot become"):
        contact_screening_start(actor=screener, contact=contact)
    with pytest.raises(TransitionError):
        contact_close(actor=screener, contact=contact, reason="Again")


def test_closing_needs_a_reason_and_screening_first(make_user, submitted):
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    with pytest.raises(TransitionError, match="awaiting screening cannot become closed"):
        contact_close(actor=screener, contact=submitted, reason="Too early")
    contact = contact_screening_start(actor=screener, contact=submitted)
    with pytest.raises(ValueError, match="needs a reason"):
        contact_close(actor=screener, contact=contact, reason="  ")
