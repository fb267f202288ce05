"""Nothing a partner shared, and nothing written for the record only, reaches a letter
(ADR 0023). Police information is planted in every free-text field a worker, a manager or a
partner writes about a contact (screening notes, the threshold rationale, the check's
question, the information shared with the police, the police's answer, the reasons for
sharing and for not sharing, the decision's reasons, the manager's sign-off comments) and
every kind of letter is drafted, checked, made into a PDF and emailed: the planted words are
in none of them. A worker who pastes the police's answer into a letter is refused, unless an
information-sharing record lets that recipient have it."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core import mail
from pypdf import PdfReader

from cads.accounts.models import Organisation
from cads.accounts.roles import Role
from cads.checks.models import InformationSharingRecord, LawfulBasis
from cads.checks.services import CheckAsk, check_complete, check_respond, checks_request
from cads.checks.services_sharing import sharing_decline_record
from cads.contacts.codes import ReferralSource
from cads.contacts.models import Contact
from cads.decisions.codes import Outcome
from cads.decisions.services import decision_record, decision_sign_off
from cads.demo.front_door_steps import screen, threshold
from cads.letters.models import Letter, LetterKind
from cads.letters.services import PLACEHOLDER, LetterError, Recipient, letter_text
from cads.letters.services_send import letter_send
from cads.letters.tests.helpers import deliver_queued, named_contact, submit

pytestmark = pytest.mark.django_db

POLICE = "Operation Kestrel: the father is known to Wessex Police for supplying class A drugs"
ANSWER = (
    "Operation Kestrel is live. The father was arrested in March for supplying class A drugs "
    "from the family home; a warrant is planned."
)
PLANTED = ("kestrel", "class a drugs", "warrant", "arrested")


def _assert_clean(text: str, where: str) -> None:
    lowered = " ".join(text.lower().split())
    for words in PLANTED:
        assert words not in lowered, f"{where} carries “{words}”"


def _pdf_text(letter: Letter) -> str:
    reader = PdfReader(io.BytesIO(bytes(letter.pdf)))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def planted(make_user) -> Contact:
    """A school's contact decided no further action with advice, signed off, with police
    information in every free-text field of the record."""
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    police_user = make_user(Role.MASH_PARTNER)
    contact = submit(
        worker,
        named_contact(
            worker,
            referral_source=ReferralSource.SCHOOLS,
            referrer_name="Sam Patel",
            referrer_organisation="Oakfield Primary School",
            referrer_email="sam.patel@example.org",
        ),
    )
    screening = screen(worker, contact, rag="amber", why=POLICE)
    threshold(worker, screening, 1, f"Level 1. {POLICE}")
    police = Organisation.objects.get(name="Wessex Police")
    (check,) = checks_request(
        actor=worker,
        contact=contact,
        asks=[CheckAsk(organisation=police, question=POLICE, information=POLICE)],
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        reasons=POLICE,
    )
    check_respond(actor=police_user, check=check, response=ANSWER)
    check_complete(actor=police_user, check=check)
    sharing_decline_record(
        actor=worker, contact=contact, organisation=police, information=POLICE, reasons=POLICE
    )
    decision = decision_record(
        actor=worker,
        contact=contact,
        outcomes=[Outcome.NO_FURTHER_ACTION, Outcome.ADVICE],
        reasons=f"{POLICE}. Health check outstanding.",
    )
    decision.summary_asks = "- Speak to Maisie's mother about the evenings (the school, by Friday)"
    decision.save(update_fields=["summary_asks"])
    decision_sign_off(
        actor=make_user(Role.TEAM_MANAGER), decision=decision, agree=True, comments=POLICE
    )
    return Contact.objects.get(pk=contact.pk)


def _draft(contact: Contact, kind: str) -> tuple[str, Recipient]:
    owed = contact.letters.filter(kind=kind).first()
    letter_id = owed.pk if owed else uuid.uuid4()
    text = letter_text(
        contact=contact,
        kind=kind,
        letter_id=letter_id,
        recipient_name="Mrs Pryce" if kind == LetterKind.FAMILY else "Sam Patel",
        decision=owed.decision if owed else None,
    )
    text = text.replace(f"{PLACEHOLDER} what they must do next, and by when]", "Call us today.")
    email = "pryce@example.org" if kind == LetterKind.FAMILY else "sam.patel@example.org"
    return text, Recipient(text.split(",")[0].removeprefix("Dear "), email)


@pytest.mark.parametrize("kind", list(LetterKind))
def test_no_letter_of_any_kind_carries_what_was_planted(planted: Contact, kind: str) -> None:
    worker = planted.decisions.get().decided_by
    text, recipient = _draft(planted, kind)
    _assert_clean(text, f"The {kind} draft")
    owed = planted.letters.filter(kind=kind, status="to_send").first()
    letter = letter_send(
        actor=worker,
        contact=planted,
        kind=kind,
        text=text,
        recipient=recipient,
        letter_id=owed.pk if owed else uuid.uuid4(),
    )
    _assert_clean(_pdf_text(letter), f"The {kind} PDF")
    deliver_queued()
    for message in mail.outbox:
        _assert_clean(f"{message.subject}\n{message.body}", f"The {kind} email")
    assert letter.kind == kind


def test_the_automatic_acknowledgement_carries_nothing_planted(planted: Contact) -> None:
    (sent,) = [x for x in deliver_queued() if x.kind == LetterKind.ACKNOWLEDGEMENT]
    assert sent.status == "sent"
    _assert_clean(sent.text, "The acknowledgement")
    _assert_clean(_pdf_text(sent), "The acknowledgement PDF")


@pytest.mark.parametrize("kind", list(LetterKind))
def test_the_police_answer_pasted_into_a_letter_is_refused(planted: Contact, kind: str) -> None:
    text, recipient = _draft(planted, kind)
    pasted = text.replace("Yours sincerely", f"The police told us: {ANSWER}\n\nYours sincerely")
    with pytest.raises(LetterError, match="Remove what Wessex Police told us"):
        letter_send(
            actor=planted.decisions.get().decided_by,
            contact=planted,
            kind=kind,
            text=pasted,
            recipient=recipient,
            letter_id=uuid.uuid4(),
        )


def test_an_information_sharing_record_lets_one_recipient_have_the_answer(
    planted: Contact,
) -> None:
    check = planted.check_requests.get()
    worker = planted.decisions.get().decided_by
    InformationSharingRecord.objects.create(
        contact=planted,
        organisation=check.organisation,
        check_request=check,
        shared=True,
        information=ANSWER,
        lawful_basis=LawfulBasis.SAFEGUARDING,
        consent_status="Consent given",
        decided_by=worker,
        reasons="The school must keep Maisie safe at home time; Wessex Police agreed",
        onward_to="sam.patel@example.org",
    )
    text, recipient = _draft(planted, LetterKind.INSTRUCTIONS)
    pasted = text.replace("Call us today.", f"The police told us: {ANSWER}")
    letter = letter_send(
        actor=worker,
        contact=planted,
        kind=LetterKind.INSTRUCTIONS,
        text=pasted,
        recipient=recipient,
        letter_id=uuid.uuid4(),
    )
    assert "Operation Kestrel is live" in letter.text
    with pytest.raises(LetterError, match="Remove what Wessex Police told us"):
        letter_send(  # anyone else: still refused
            actor=worker,
            contact=planted,
            kind=LetterKind.INSTRUCTIONS,
            text=pasted,
            recipient=Recipient("Alex Morgan", "alex.morgan@example.org"),
            letter_id=uuid.uuid4(),
        )
