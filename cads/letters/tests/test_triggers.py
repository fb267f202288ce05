"""Letters owed by what happens on a contact: an acknowledgement at submission for a named
referrer (not an anonymous one), an outcome letter when no further action is signed off."""

from __future__ import annotations

import uuid

import pytest

from cads.accounts.roles import Role
from cads.contacts.codes import Consent
from cads.contacts.services import contact_section_save, contact_submit
from cads.contacts.tests.intake_helpers import ready_contact
from cads.decisions.codes import Outcome
from cads.decisions.services import decision_record, decision_sign_off
from cads.letters.models import Letter, LetterKind, LetterStatus
from cads.letters.tests.helpers import named_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


def test_a_named_referrer_is_acknowledged_at_submission(worker, django_capture_on_commit_callbacks):
    contact = named_contact(worker)
    with django_capture_on_commit_callbacks(execute=True):
        contact = contact_submit(actor=worker, contact=contact, submission_key=uuid.uuid4())
    letter = Letter.objects.get(contact=contact)
    assert letter.kind == LetterKind.ACKNOWLEDGEMENT
    assert letter.status == LetterStatus.QUEUED
    assert letter.recipient_email == "priya.shah@example.org"
    assert str(contact.reference) in letter.text


def test_an_anonymous_referrer_gets_no_acknowledgement(worker, django_capture_on_commit_callbacks):
    contact = ready_contact(worker)  # anonymous referrer
    with django_capture_on_commit_callbacks(execute=True):
        contact_submit(actor=worker, contact=contact, submission_key=uuid.uuid4())
    assert not Letter.objects.exists()


def test_a_named_referrer_without_an_email_gets_no_letter(
    worker, django_capture_on_commit_callbacks
):
    contact = named_contact(worker, referrer_email="")
    with django_capture_on_commit_callbacks(execute=True):
        contact_submit(actor=worker, contact=contact, submission_key=uuid.uuid4())
    assert not Letter.objects.exists()


def test_an_outcome_letter_is_queued_when_no_further_action_is_signed_off(
    worker, make_user, django_capture_on_commit_callbacks
):
    manager = make_user(Role.TEAM_MANAGER)
    contact = named_contact(worker)
    contact = contact_section_save(
        actor=worker,
        contact=contact,
        section="consent",
        changes={"consent": Consent.GIVEN, "consent_not_sought_reason": ""},
    )
    contact = contact_submit(actor=worker, contact=contact, submission_key=uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True):
        decision = decision_record(
            actor=worker,
            contact=contact,
            outcomes=[Outcome.NO_FURTHER_ACTION],
            reasons="The school nurse is supporting the family",
        )
    assert not Letter.objects.filter(kind=LetterKind.OUTCOME).exists()  # awaiting sign-off
    with django_capture_on_commit_callbacks(execute=True):
        decision_sign_off(actor=manager, decision=decision, agree=True, comments="")
    letter = Letter.objects.get(kind=LetterKind.OUTCOME)
    assert "No further action" in letter.text
    assert "The school nurse is supporting the family" in letter.text


def test_an_assessment_sends_no_outcome_letter(worker, django_capture_on_commit_callbacks):
    contact = named_contact(worker)
    contact = contact_section_save(
        actor=worker,
        contact=contact,
        section="consent",
        changes={"consent": Consent.GIVEN, "consent_not_sought_reason": ""},
    )
    contact = contact_submit(actor=worker, contact=contact, submission_key=uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True):
        decision_record(
            actor=worker, contact=contact, outcomes=[Outcome.ASSESSMENT], reasons="Needs assessing"
        )
    assert not Letter.objects.filter(kind=LetterKind.OUTCOME).exists()
