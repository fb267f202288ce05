"""online_contact_submit: one submitted online contact per submission key, received when
the form was sent, with the referral source derived and the people as described."""

from __future__ import annotations

import datetime
import uuid

import pytest
import time_machine

from cads.audit.models import CaseEvent
from cads.contacts.models import Contact
from cads.contacts.online import (
    PROFESSIONAL,
    PUBLIC,
    OnlineAnswers,
    OnlineAnswersError,
    ReportedPerson,
    online_contact_submit,
    referral_source_for,
)

pytestmark = pytest.mark.django_db


def answers(**changes: object) -> OnlineAnswers:
    base = OnlineAnswers(
        immediate_risk=False,
        referrer_type=PUBLIC,
        children=[ReportedPerson(given_name="Amelia", date_of_birth="2018-03-07")],
        concern="Bruises",
        parents_told="no",
        relationship="1A",
        relationship_detail="Aunt",
        anonymous=False,
        identity_may_be_shared=True,
        name="Pat Jones",
        phone="01632 960001",
    )
    for name, value in changes.items():
        setattr(base, name, value)
    return base


def test_received_at_is_when_the_form_was_sent() -> None:
    sent = datetime.datetime(2026, 11, 23, 14, 30, tzinfo=datetime.UTC)
    with time_machine.travel(sent, tick=False):
        contact = online_contact_submit(answers=answers(), submission_key=uuid.uuid4())
    assert contact.received_at == sent
    assert contact.submitted_at == sent
    assert contact.reference is not None
    assert contact.reference.startswith("C-2026-")
    assert contact.how_well_known.endswith(": Aunt")


def test_the_same_key_returns_the_same_contact() -> None:
    key = uuid.uuid4()
    first = online_contact_submit(answers=answers(), submission_key=key)
    second = online_contact_submit(answers=answers(concern="Again"), submission_key=key)
    assert second.pk == first.pk
    assert Contact.objects.count() == 1
    assert CaseEvent.objects.filter(kind="contact.received_online").count() == 1
    assert CaseEvent.objects.filter(kind="contact.submitted").count() == 1


def test_immediate_risk_makes_the_contact_red() -> None:
    contact = online_contact_submit(
        answers=answers(immediate_risk=True), submission_key=uuid.uuid4()
    )
    assert (contact.immediate_risk, contact.rag) == (True, "red")


@pytest.mark.parametrize(
    ("changes", "source"),
    [
        ({"relationship": "1A"}, "1A"),
        ({"relationship": "1B"}, "1B"),
        ({"relationship": "1D"}, "1D"),
        ({"anonymous": True}, "9"),
        ({"referrer_type": PROFESSIONAL, "organisation_type": "6"}, "6"),
    ],
)
def test_referral_source_is_derived(changes: dict[str, object], source: str) -> None:
    assert referral_source_for(answers(**changes)) == source


def test_a_professional_cannot_be_anonymous() -> None:
    professional = answers(
        referrer_type=PROFESSIONAL,
        anonymous=True,
        consent="given",
        job_title="Teacher",
        organisation="Mill Lane Primary",
        organisation_type="2A",
        email="t@example.org",
    )
    with pytest.raises(OnlineAnswersError, match="Professionals cannot stay anonymous"):
        online_contact_submit(answers=professional, submission_key=uuid.uuid4())
    assert not Contact.objects.exists()
    professional.anonymous = None
    contact = online_contact_submit(answers=professional, submission_key=uuid.uuid4())
    assert contact.referrer_anonymous is False
    assert contact.referrer_name == "Pat Jones"


def test_incomplete_answers_are_refused() -> None:
    with pytest.raises(OnlineAnswersError) as error:
        online_contact_submit(answers=OnlineAnswers(), submission_key=uuid.uuid4())
    assert "Tell us about the child or children" in error.value.missing


def test_answers_survive_a_round_trip_through_the_session() -> None:
    original = answers(parents=[ReportedPerson(given_name="Sarah", relationship="Mother")])
    restored = OnlineAnswers.from_session(original.to_session() | {"unknown_key": 1})
    assert restored == original
