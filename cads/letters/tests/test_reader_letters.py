"""Letters laid out and readable (ADR 0023): tagged PDF/UA-1 with language and title, the
standard outcome letter on one page with the reference and date top right under the
council's address, the letter's words as the email's plain-text body; every number from the
authority settings, with templates that name a number they cannot fill refused; which kinds
a person checks before sending is a setting."""

from __future__ import annotations

import datetime
import io
import re
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from cads.accounts.roles import Role
from cads.authority.models import AuthorityConfiguration
from cads.contacts.codes import ReferralSource
from cads.decisions.codes import Outcome
from cads.decisions.services import decision_record, decision_sign_off
from cads.decisions.services_referrer import referrer_action_add
from cads.letters import rendering
from cads.letters.models import Letter, LetterKind, LetterSettings
from cads.letters.services import LetterError, Recipient, letter_template_revise, letter_text
from cads.letters.services_send import letter_send
from cads.letters.tests.helpers import deliver_queued, named_contact, submit
from cads.letters.workflow import LetterStatus

pytestmark = pytest.mark.django_db

SCHOOL = {
    "referral_source": ReferralSource.SCHOOLS,
    "referrer_name": "Robin Teacher",
    "referrer_organisation": "Oakfield Primary School",
    "referrer_email": "robin.teacher@example.org",
}
ADDRESS = "Oakfield Primary School\n1 School Lane\nWessex\nWX2 3CC"


@pytest.fixture
def worker(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


def standard_outcome_letter(worker, make_user) -> Letter:
    """No further action with advice, signed off, two actions agreed with the school: the
    letter checked and sent as drafted."""
    contact = submit(worker, named_contact(worker, **SCHOOL))
    decision = decision_record(
        actor=worker,
        contact=contact,
        outcomes=[Outcome.NO_FURTHER_ACTION, Outcome.ADVICE],
        reasons="Internal: health check outstanding",
    )
    decision_sign_off(
        actor=make_user(Role.TEAM_MANAGER), decision=decision, agree=True, comments=""
    )
    for action, who, day in [
        ("Talk to Maisie's mother about who looks after the children in the evenings", "DSL", 11),
        ("Tell us if Maisie says she was left alone again", "Class teacher", 18),
    ]:
        referrer_action_add(
            actor=worker,
            decision=decision,
            action=action,
            who=who,
            by_when=datetime.date(2026, 12, day),
        )
    owed = Letter.objects.get(kind=LetterKind.OUTCOME)
    assert owed.status == LetterStatus.TO_SEND
    text = letter_text(
        contact=contact, kind=LetterKind.OUTCOME, letter_id=owed.pk, decision=owed.decision
    )
    return letter_send(
        actor=worker,
        contact=contact,
        kind=LetterKind.OUTCOME,
        text=text,
        recipient=Recipient("Robin Teacher", "robin.teacher@example.org", ADDRESS),
        letter_id=owed.pk,
    )


def test_the_pdf_is_tagged_pdf_ua_with_its_language_and_title(worker, make_user):
    letter = standard_outcome_letter(worker, make_user)
    reader = PdfReader(io.BytesIO(bytes(letter.pdf)))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    structure = root["/StructTreeRoot"].get_object()
    assert structure["/K"]  # the structure tree a screen reader follows
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == f"What we decided: {letter.contact.reference}"
    xmp = reader.xmp_metadata.stream.get_data().decode()
    assert 'pdfuaid:part="1"' in xmp  # identifies itself as PDF/UA-1


def test_the_standard_outcome_letter_fits_one_page_laid_out_like_a_council_letter(
    worker, make_user
):
    letter = standard_outcome_letter(worker, make_user)
    reader = PdfReader(io.BytesIO(bytes(letter.pdf)))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    width = float(page.mediabox.width)
    where: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, font, size):  # pypdf's text visitor: x, y of each run
        for key in (
            "Our reference",
            "Date:",
            "Wessex County Council",
            "Robin Teacher",
            "What we decided",
        ):
            if text.startswith(key) and key not in where:
                # Where the run starts on the page: the text matrix in the page's matrix.
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                where[key] = (x, y)

    page.extract_text(visitor_text=visit)
    # The reference and date top right, under the council's address; the recipient left.
    assert where["Our reference"][0] > width / 2
    assert where["Date:"][0] > width / 2
    assert where["Wessex County Council"][1] > where["Our reference"][1] > where["Date:"][1]
    assert where["Robin Teacher"][0] < width / 2
    assert where["Date:"][1] > where["What we decided"][1]  # above the letter's heading
    text = page.extract_text()
    assert f"Our reference: {letter.contact.reference}" in text
    assert "Internal: health check outstanding" not in text


def test_the_email_carries_the_letter_as_plain_text_and_the_pdf(worker, make_user):
    letter = standard_outcome_letter(worker, make_user)
    deliver_queued()
    (message,) = [
        m
        for m in mail.outbox
        if m.to == ["robin.teacher@example.org"]
        and m.attachments
        and "outcome" in m.attachments[0][0]
    ]
    assert letter.text.strip() in message.body
    assert "What we decided: Children's social care will not take any further action." in (
        message.body
    )
    assert message.subject == f"Outcome letter: {letter.contact.reference}"
    ((_name, content, mimetype),) = message.attachments
    assert (mimetype, content) == ("application/pdf", bytes(Letter.objects.get(pk=letter.pk).pdf))


@pytest.mark.parametrize(
    ("body", "refusal"),
    [
        ("Call the Early Help team on the number below.", "the number below"),
        ("Call us on 01632 960 000.", "Use a merge field instead of typing “01632 960 000”"),
        ("In an emergency call 999.", "Use a merge field instead of typing “999”"),
    ],
)
def test_a_template_that_names_a_number_it_cannot_fill_is_refused(make_user, body, refusal):
    with pytest.raises(ValidationError, match=refusal):
        rendering.check_body(f"Dear {{{{ recipient_name }}}},\n\n{body}")
    with pytest.raises(ValidationError):
        letter_template_revise(
            actor=make_user(Role.ADMINISTRATOR), kind=LetterKind.OUTCOME, title="T", body=body
        )


def test_a_phone_field_the_authority_has_not_configured_is_refused(worker):
    rendering.check_body("Call the {{ early_help_team }} on {{ early_help_phone }}.")
    AuthorityConfiguration.objects.create(early_help_phone="")
    with pytest.raises(ValidationError, match=re.escape("no number for {{ early_help_phone }}")):
        rendering.check_body("Call the {{ early_help_team }} on {{ early_help_phone }}.")
    # A template saved before the number was removed cannot be used to write a letter.
    contact = submit(worker, named_contact(worker))
    with pytest.raises(LetterError, match=re.escape("no number for {{ early_help_phone }}")):
        letter_text(contact=contact, kind=LetterKind.FAMILY, letter_id=uuid.uuid4())


def test_every_number_and_name_comes_from_the_authority_settings(worker):
    AuthorityConfiguration.objects.create(
        professionals_phone="03069 991111",
        public_phone="03069 992222",
        out_of_hours_phone="03069 993333",
        early_help_team_name="Family Help Hub",
        early_help_phone="03069 994444",
    )
    contact = submit(worker, named_contact(worker, **SCHOOL))
    text = letter_text(contact=contact, kind=LetterKind.ACKNOWLEDGEMENT, letter_id=uuid.uuid4())
    assert "call us on 03069 991111" in text  # a school: the professionals' line
    assert "Out of hours, call 03069 993333." in text
    neighbour = submit(worker, named_contact(worker))
    family = letter_text(contact=neighbour, kind=LetterKind.FAMILY, letter_id=uuid.uuid4())
    assert "call us on 03069 992222" in family  # a family: the public line


def test_other_support_cannot_point_at_a_number_that_is_not_there():
    settings = LetterSettings(other_support="Call Early Help on the number below.")
    with pytest.raises(ValidationError, match="Give no phone number here"):
        settings.full_clean()


def test_which_letters_are_checked_before_sending_is_a_setting(worker):
    LetterSettings.objects.create(acknowledgement_checked=True)
    contact = submit(worker, named_contact(worker))
    letter = contact.letters.get()
    assert letter.status == LetterStatus.TO_SEND
    assert deliver_queued() == []
    assert LetterSettings.objects.get().checked_before_sending(LetterKind.OUTCOME)
    assert LetterSettings().checked_before_sending(LetterKind.FAMILY)
    assert not LetterSettings().checked_before_sending(LetterKind.ACKNOWLEDGEMENT)
