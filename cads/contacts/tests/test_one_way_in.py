"""One way in: every channel (staff intake, a converted consultation, out of hours, the
public online form) submits through `contact_submit`, so every contact is announced once as
`contact_submitted`, the referrer is owed the same acknowledgement whichever way they came
in, a red report alerts the managers in the same transaction, a rolled-back submission
leaves nothing behind, and one submission key makes one contact even when sent twice at
once."""

from __future__ import annotations

import datetime
import threading
import uuid
import zoneinfo
from collections.abc import Callable, Iterator

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.alerts.models import Alert, AlertKind
from cads.audit.models import CaseEvent
from cads.contacts.codes import Consent, ConsentNotSoughtReason, SubjectRole
from cads.contacts.models import Contact
from cads.contacts.moments import ContactEvent, contact_rated_red, contact_submitted
from cads.contacts.online import PROFESSIONAL, OnlineAnswers, online_contact_submit
from cads.contacts.services import (
    contact_immediate_risk_record,
    contact_section_save,
    contact_subject_add,
)
from cads.contacts.tests.intake_helpers import ready_contact
from cads.contacts.tests.test_consultations import DETAILS, post_task, start
from cads.contacts.tests.test_online_service import answers
from cads.contacts.workflow import Status
from cads.letters.models import Letter, LetterKind
from cads.letters.tests.helpers import letter_templates_reseed, named_contact, submit
from cads.letters.workflow import LetterStatus
from cads.people.services import person_create
from conftest import signed_in_client

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")
SPY = "test: one way in"
DSL_EMAIL = "dana.reid@mill-lane.example"


@pytest.fixture
def submitted() -> Iterator[list[ContactEvent]]:
    """Every `contact_submitted` event published while the test runs."""
    events: list[ContactEvent] = []
    contact_submitted.register(events.append, by=SPY)
    yield events
    contact_submitted.handlers.pop(SPY, None)


@pytest.fixture
def reseeded_letter_templates() -> None:
    letter_templates_reseed()


@pytest.fixture
def manager(make_user: Callable[..., User]) -> User:
    return make_user(Role.TEAM_MANAGER, username="manager")


def professional(**changes: object) -> OnlineAnswers:
    """A school's designated safeguarding lead reporting online with a work email."""
    base: dict[str, object] = {
        "referrer_type": PROFESSIONAL,
        "anonymous": None,
        "identity_may_be_shared": None,
        "consent": Consent.GIVEN,
        "name": "Dana Reid",
        "job_title": "Designated safeguarding lead",
        "organisation": "Mill Lane Primary",
        "organisation_type": "2A",
        "email": DSL_EMAIL,
    }
    return answers(**(base | changes))


def check_answers_post(client: Client, contact: Contact) -> None:
    response = client.post(
        reverse("contacts:check-answers", args=[contact.pk]),
        {"submission_key": str(uuid.uuid4())},
    )
    assert response["Location"] == reverse("contacts:confirmation", args=[contact.pk])


def assert_submitted_once(events: list[ContactEvent], contact: Contact) -> None:
    """One `contact_submitted` for the contact, which is in the queue with its reference and
    its "contact.submitted" case event."""
    contact.refresh_from_db()
    assert [e.contact.pk for e in events] == [contact.pk]
    assert contact.status == Status.SUBMITTED
    assert events[0].contact.reference == contact.reference
    event = CaseEvent.objects.get(subject_id=str(contact.pk), kind="contact.submitted")
    assert event.data["new"]["reference"] == contact.reference
    assert contact.reference is not None
    assert contact.reference.startswith("C-")


def acknowledgements(contact: Contact) -> list[tuple[str, str, str]]:
    letters = Letter.objects.filter(contact=contact, kind=LetterKind.ACKNOWLEDGEMENT)
    return [(x.recipient_name, x.recipient_email, x.status) for x in letters]


# --- Every channel goes through the one service ---------------------------------------


def test_staff_intake(submitted: list[ContactEvent], make_user: Callable[..., User]) -> None:
    handler = make_user(Role.CALL_HANDLER)
    contact = ready_contact(handler)
    check_answers_post(signed_in_client(handler), contact)
    assert_submitted_once(submitted, contact)
    assert submitted[0].actor == handler


def test_a_converted_consultation(
    submitted: list[ContactEvent], make_user: Callable[..., User]
) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    client = signed_in_client(worker)
    contact = start(client)
    post_task(
        client, contact, "record", submission_key=str(uuid.uuid4()), referrer_name="Sam Okafor"
    )
    contact.refresh_from_db()
    consultation_reference = contact.reference
    client.post(
        reverse("contacts:consultation-convert", args=[contact.pk]),
        {"reason": "The pupil has now described being hit at home."},
    )
    # The rest of the task list, then check answers.
    contact = contact_immediate_risk_record(actor=worker, contact=contact, at_risk=False)
    child = person_create(
        actor=worker, given_name="Leo", family_name="Marsh", sex="M",
        date_of_birth=datetime.date(2019, 5, 2),
    )  # fmt: skip
    contact_subject_add(actor=worker, contact=contact, person=child, role=SubjectRole.CHILD)
    contact_section_save(
        actor=worker, contact=contact, section="consent",
        changes={"consent": Consent.NOT_SOUGHT,
                 "consent_not_sought_reason": ConsentNotSoughtReason.RISK_OF_HARM},
    )  # fmt: skip
    assert submitted == []  # recording the consultation was not a submission
    check_answers_post(client, contact)
    assert_submitted_once(submitted, contact)
    assert contact.reference == consultation_reference
    # The professional the consultation was with is owed the acknowledgement too.
    assert acknowledgements(contact) == [
        ("Sam Okafor", DETAILS["referrer_email"], LetterStatus.QUEUED)
    ]


def test_an_out_of_hours_worker(
    submitted: list[ContactEvent], make_user: Callable[..., User]
) -> None:
    worker = make_user(Role.OUT_OF_HOURS_WORKER)
    saturday_night = datetime.datetime(2026, 6, 6, 22, 0, tzinfo=LONDON)
    with time_machine.travel(saturday_night, tick=False):
        contact = ready_contact(worker, received_at=timezone.now())
        check_answers_post(signed_in_client(worker), contact)
    assert_submitted_once(submitted, contact)
    assert contact.out_of_hours
    assert contact.received_at == saturday_night
    # Handed to the next working moment: Monday at opening.
    assert timezone.localtime(contact.queue_from, LONDON) == datetime.datetime(
        2026, 6, 8, 9, 0, tzinfo=LONDON
    )


def test_the_online_form(submitted: list[ContactEvent]) -> None:
    contact = online_contact_submit(answers=answers(), submission_key=uuid.uuid4())
    assert_submitted_once(submitted, contact)
    assert contact.channel == "online"
    assert submitted[0].actor is None
    # The answers were recorded as a draft first, then submitted by the same service.
    kinds = CaseEvent.objects.filter(subject_id=str(contact.pk)).values_list("kind", flat=True)
    assert list(kinds.order_by("occurred_at")) == ["contact.received_online", "contact.submitted"]


# --- The acknowledgement owed --------------------------------------------------------


def test_a_professional_online_is_owed_the_acknowledgement_like_a_call_handlers_contact(
    make_user: Callable[..., User],
) -> None:
    handler = make_user(Role.CALL_HANDLER)
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=LONDON), tick=False):
        online = online_contact_submit(answers=professional(), submission_key=uuid.uuid4())
        phoned = submit(handler, named_contact(handler))
    assert acknowledgements(online) == [("Dana Reid", DSL_EMAIL, LetterStatus.QUEUED)]
    assert acknowledgements(phoned) == [
        ("Priya Shah", "priya.shah@example.org", LetterStatus.QUEUED)
    ]
    online_letter = Letter.objects.get(contact=online)
    phoned_letter = Letter.objects.get(contact=phoned)
    assert online_letter.due_at == phoned_letter.due_at  # one working day from receipt
    assert online_letter.template_id == phoned_letter.template_id
    assert online_letter.sharing_reasons == phoned_letter.sharing_reasons
    owed = CaseEvent.objects.filter(kind="letter.owed")
    assert sorted(owed.values_list("subject_id", flat=True)) == sorted(
        [str(online.pk), str(phoned.pk)]
    )


def test_an_anonymous_public_report_is_owed_no_letter() -> None:
    anonymous = answers(anonymous=True, name="Pat Jones", email="pat.jones@example.org")
    contact = online_contact_submit(answers=anonymous, submission_key=uuid.uuid4())
    assert contact.referrer_anonymous
    assert contact.referrer_email == ""  # typed before choosing anonymity: not kept
    assert not Letter.objects.filter(contact=contact).exists()


# --- A red online report alerts the managers at once -----------------------------------


def test_a_red_online_report_alerts_the_managers_in_the_same_transaction(
    manager: User, make_user: Callable[..., User]
) -> None:
    other_manager = make_user(Role.TEAM_MANAGER, username="manager-2")
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    with transaction.atomic():
        contact = online_contact_submit(
            answers=answers(immediate_risk=True), submission_key=uuid.uuid4()
        )
        # No sweep has run: the alert was raised by the submission itself.
        alerts = Alert.objects.filter(contact=contact, kind=AlertKind.RED_CONTACT)
        assert sorted(alerts.values_list("recipient__username", flat=True)) == [
            manager.username,
            other_manager.username,
        ]
        assert {a.message for a in alerts} == {
            f"{contact.reference} is rated red: act on it within the red timescale"
        }
    assert not Alert.objects.filter(recipient=screener).exists()


def test_a_report_that_is_not_red_raises_no_alert(manager: User) -> None:
    contact = online_contact_submit(answers=answers(), submission_key=uuid.uuid4())
    assert contact.rag != "red"
    assert not Alert.objects.exists()


# --- A rolled-back submission leaves nothing ------------------------------------------


class CrashError(Exception):
    """A failure after letters and alerts have acted."""


@pytest.fixture
def crash_after_red_alert() -> Iterator[list[tuple[int, int, int]]]:
    """A handler on `contact_rated_red` that runs after letters and alerts have acted (it is
    registered last, and red is published after submitted), notes the letters and alerts
    it sees (and the letter's delivery job), then fails, so the whole submission must
    roll back."""
    seen: list[tuple[int, int, int]] = []

    def crash(event: ContactEvent) -> None:
        seen.append(
            (
                Letter.objects.filter(contact=event.contact).count(),
                Alert.objects.filter(contact=event.contact).count(),
                ProcrastinateJob.objects.filter(task_name="cads.letter_deliver").count(),
            )
        )
        raise CrashError

    contact_rated_red.register(crash, by=SPY)
    yield seen
    contact_rated_red.handlers.pop(SPY, None)


def test_a_rolled_back_online_report_leaves_no_contact_letter_or_alert(
    manager: User, crash_after_red_alert: list[tuple[int, int, int]]
) -> None:
    with pytest.raises(CrashError):
        online_contact_submit(
            answers=professional(immediate_risk=True), submission_key=uuid.uuid4()
        )
    # The letter, its delivery job and the alert had been made.
    assert crash_after_red_alert == [(1, 1, 1)]
    assert not Contact.objects.exists()
    assert not Letter.objects.exists()
    assert not Alert.objects.exists()
    assert not ProcrastinateJob.objects.exists()
    assert not CaseEvent.objects.filter(kind__startswith="contact.").exists()


def test_a_rolled_back_staff_submission_leaves_a_draft_and_nothing_owed(
    manager: User, make_user: Callable[..., User]
) -> None:
    handler = make_user(Role.CALL_HANDLER)
    draft = named_contact(handler)
    draft = contact_immediate_risk_record(actor=handler, contact=draft, at_risk=True)

    def submit_then_fail() -> None:
        with transaction.atomic():
            submitted = submit(handler, draft)
            assert acknowledgements(submitted) == [
                ("Priya Shah", "priya.shah@example.org", LetterStatus.QUEUED)
            ]
            assert Alert.objects.filter(contact=draft, recipient=manager).exists()
            raise CrashError

    with pytest.raises(CrashError):
        submit_then_fail()
    draft.refresh_from_db()
    assert (draft.status, draft.reference, draft.submission_key) == (Status.DRAFT, None, None)
    assert not Letter.objects.exists()
    assert not Alert.objects.exists()
    assert not ProcrastinateJob.objects.exists()
    assert not CaseEvent.objects.filter(kind="contact.submitted").exists()


# --- One key, two requests at once -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_same_key_sent_twice_at_once_makes_one_contact_and_one_letter(
    reseeded_letter_templates: None,
) -> None:
    key = uuid.uuid4()
    both_ready = threading.Barrier(2)
    made: list[uuid.UUID] = []
    failed: list[BaseException] = []

    def send(concern: str) -> None:
        try:
            both_ready.wait()
            contact = online_contact_submit(
                answers=professional(concern=concern), submission_key=key
            )
            made.append(contact.pk)
        except BaseException as exc:  # reported below, in the test thread
            failed.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=send, args=(concern,))
        for concern in ("Bruises on both arms", "Bruises on both arms, sent again")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failed == []
    assert len(made) == 2
    assert made[0] == made[1]
    contact = Contact.objects.get()
    assert contact.submission_key == key
    assert Letter.objects.filter(contact=contact, kind=LetterKind.ACKNOWLEDGEMENT).count() == 1
    assert CaseEvent.objects.filter(kind="contact.submitted").count() == 1
    assert CaseEvent.objects.filter(kind="contact.received_online").count() == 1
