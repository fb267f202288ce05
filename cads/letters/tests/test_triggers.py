"""Letters owed by what happens on a contact are written in the same transaction as the
submission, decision or consultation (with their delivery job), so a crash cannot lose one:
an acknowledgement for a named referrer, an outcome letter for a final decision that is
not a Child and Family Assessment, a consultation record to check and send."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from procrastinate.contrib.django.models import ProcrastinateJob

from cads.accounts.roles import Role
from cads.contacts.codes import ReferralSource
from cads.contacts.consultations import consultation_record
from cads.contacts.models import Contact
from cads.contacts.services import contact_section_save, contact_start, contact_submit
from cads.contacts.tests.intake_helpers import ready_contact
from cads.deadlines import due
from cads.deadlines.due import acknowledgement_due
from cads.decisions.codes import Outcome
from cads.decisions.services import decision_record, decision_sign_off
from cads.letters.models import Letter, LetterKind
from cads.letters.tests.helpers import deliver_queued, named_contact, submit
from cads.letters.workflow import LetterStatus

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def worker(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


def test_the_acknowledgement_is_owed_in_the_submission_transaction_and_sent_by_the_worker(
    worker, django_capture_on_commit_callbacks
):
    contact = named_contact(worker)
    with django_capture_on_commit_callbacks() as callbacks:
        contact = submit(worker, contact)
    assert callbacks == []  # nothing waits for the commit: the letter and its job exist now
    letter = Letter.objects.get(contact=contact)
    assert letter.kind == LetterKind.ACKNOWLEDGEMENT
    assert letter.status == LetterStatus.QUEUED
    assert letter.due_at == acknowledgement_due(contact)
    job = ProcrastinateJob.objects.get(task_name="cads.letter_deliver")
    assert job.args == {"letter_id": str(letter.pk)}

    (sent,) = deliver_queued()
    assert sent.status == LetterStatus.SENT
    assert str(contact.reference) in sent.text
    assert "Dear Priya Shah," in sent.text
    assert bytes(sent.pdf).startswith(b"%PDF")
    assert mail.outbox[0].to == ["priya.shah@example.org"]


def test_a_submission_that_rolls_back_leaves_no_letter_and_no_job(worker):
    contact = named_contact(worker)

    @transaction.atomic
    def submit_then_crash() -> None:
        submit(worker, contact)
        raise RuntimeError("the web process dies before the commit")

    with pytest.raises(RuntimeError):
        submit_then_crash()
    assert not Letter.objects.exists()
    assert not ProcrastinateJob.objects.filter(task_name="cads.letter_deliver").exists()
    assert Contact.objects.get(pk=contact.pk).reference is None


def test_an_anonymous_referrer_or_one_without_an_email_gets_no_letter(worker):
    submit(worker, ready_contact(worker))  # anonymous referrer
    submit(worker, named_contact(worker, referrer_email=""))
    assert not Letter.objects.exists()


def _decide(worker, manager, contact, outcomes, reasons="The school nurse is supporting"):
    decision = decision_record(actor=worker, contact=contact, outcomes=outcomes, reasons=reasons)
    if decision.status == "awaiting_sign_off":
        decision = decision_sign_off(actor=manager, decision=decision, agree=True, comments="")
    return decision


def test_no_further_action_signed_off_owes_an_outcome_letter_to_check_and_send(worker, make_user):
    manager = make_user(Role.TEAM_MANAGER)
    contact = submit(worker, named_contact(worker))
    decision = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.NO_FURTHER_ACTION], reasons="Supported"
    )
    assert not Letter.objects.filter(kind=LetterKind.OUTCOME).exists()  # awaiting sign-off
    decision_sign_off(actor=manager, decision=decision, agree=True, comments="")
    letter = Letter.objects.get(kind=LetterKind.OUTCOME)
    assert letter.decision == decision
    # Checked before it leaves (ADR 0023): a draft, due on the clock, that nobody sends yet.
    assert letter.status == LetterStatus.TO_SEND
    assert letter.due_at > decision.decided_at
    assert [x.kind for x in deliver_queued()] == [LetterKind.ACKNOWLEDGEMENT]
    letter.refresh_from_db()
    assert not letter.made


def test_an_outcome_letter_set_to_go_automatically_says_only_the_summary(worker, make_user):
    from cads.letters.models import LetterSettings

    LetterSettings.objects.create(outcome_checked=False)
    contact = submit(worker, named_contact(worker))
    decision = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.NO_FURTHER_ACTION], reasons="Supported"
    )
    decision_sign_off(
        actor=make_user(Role.TEAM_MANAGER), decision=decision, agree=True, comments=""
    )
    letter = Letter.objects.get(kind=LetterKind.OUTCOME)
    assert letter.status == LetterStatus.QUEUED
    deliver_queued()
    letter.refresh_from_db()
    assert "What we decided: Children's social care will not take any further action." in (
        letter.text
    )
    assert "Supported" not in letter.text  # the internal reasons
    assert "What you told us: Children left alone overnight" in letter.text
    assert "Support may be available" in letter.text  # other support, below threshold


@pytest.mark.parametrize(
    ("outcome", "owed"),
    [(Outcome.ASSESSMENT, False), (Outcome.STRATEGY_DISCUSSION, True), (Outcome.ADVICE, True)],
)
def test_only_a_child_and_family_assessment_sends_no_outcome_letter(
    worker, make_user, outcome, owed
):
    contact = submit(worker, named_contact(worker))
    _decide(worker, make_user(Role.TEAM_MANAGER), contact, [outcome])
    assert Letter.objects.filter(kind=LetterKind.OUTCOME).exists() is owed


def test_a_recorded_consultation_owes_its_record_to_send(worker):
    consultation = contact_start(actor=worker, received_at=datetime.datetime.now(tz=LONDON))
    consultation.kind = "consultation"
    consultation.save()
    for section, changes in {
        "referrer": {
            "referral_source": ReferralSource.SCHOOLS,
            "referrer_name": "Sam Patel",
            "referrer_organisation": "Wessex Primary School",
            "referrer_email": "dsl@wessex-primary.example",
        },
    }.items():
        consultation = contact_section_save(
            actor=worker, contact=consultation, section=section, changes=changes
        )
    Contact.objects.filter(pk=consultation.pk).update(
        consultation_overview="A pupil comes in hungry", advice_given="Talk to the parents"
    )
    consultation.refresh_from_db()
    consultation_record(actor=worker, contact=consultation, submission_key=uuid.uuid4())
    letter = Letter.objects.get(kind=LetterKind.CONSULTATION_RECORD)
    assert letter.status == LetterStatus.TO_SEND
    assert letter.recipient_email == "dsl@wessex-primary.example"
    assert letter.due_at > consultation.received_at
    assert deliver_queued() == []  # a person checks and sends it


def test_a_school_hears_by_three_on_the_school_day(worker):
    received = datetime.datetime(2026, 12, 3, 10, 0, tzinfo=LONDON)  # a Thursday
    with time_machine.travel(received + datetime.timedelta(minutes=5)):
        contact = ready_contact(worker, received_at=received)
        contact = contact_section_save(
            actor=worker,
            contact=contact,
            section="referrer",
            changes={
                "referral_source": ReferralSource.SCHOOLS,
                "referrer_anonymous": False,
                "referrer_name": "Sam Patel",
                "referrer_organisation": "Wessex Primary School",
                "referrer_email": "dsl@wessex-primary.example",
            },
        )
        contact = contact_submit(actor=worker, contact=contact, submission_key=uuid.uuid4())
    from cads.letters.due import letter_due

    assert letter_due(contact, LetterKind.OUTCOME) == datetime.datetime(
        2026, 12, 3, 15, 0, tzinfo=LONDON
    )


def test_the_school_deadline_is_the_administrators_setting(worker):
    from cads.letters.due import letter_due
    from cads.letters.models import LetterSettings

    LetterSettings.objects.create(school_feedback_by=datetime.time(12, 30))
    contact = ready_contact(
        worker, received_at=datetime.datetime(2026, 12, 4, 13, 0, tzinfo=LONDON)
    )
    Contact.objects.filter(pk=contact.pk).update(
        referral_source=ReferralSource.SCHOOLS, referrer_anonymous=False
    )
    contact.refresh_from_db()
    # A Friday after 12:30: the school hears by 12:30 on Monday.
    expected = datetime.datetime(2026, 12, 7, 12, 30, tzinfo=LONDON)
    assert letter_due(contact, LetterKind.OUTCOME) == expected


def test_the_letter_kinds_with_a_clock_are_the_ones_deadlines_knows():
    # cads.deadlines sits below letters and takes the kind as its string value.
    assert (due.ACKNOWLEDGEMENT, due.OUTCOME, due.CONSULTATION_RECORD) == (
        LetterKind.ACKNOWLEDGEMENT,
        LetterKind.OUTCOME,
        LetterKind.CONSULTATION_RECORD,
    )
