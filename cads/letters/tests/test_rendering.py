"""Templates with merge fields: each outcome renders, unknown fields and tags are refused,
editing makes a new version, a member of the public's identity stays out of family letters,
and the PDF carries the letterhead and the reference (text read back with pypdf)."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.contacts.codes import ReferralSource
from cads.decisions.codes import REFERRAL_OUTCOMES, Outcome
from cads.decisions.models import Decision
from cads.decisions.summary import outcome_words, summary_defaults
from cads.letters import rendering
from cads.letters.merge import LetterInput, merge_fields
from cads.letters.models import LetterKind, LetterTemplate
from cads.letters.services import LetterError, Recipient, current_template, letter_template_revise
from cads.letters.services_send import letter_send
from cads.letters.tests.helpers import named_contact, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


def _decision(contact, outcome) -> Decision:
    """A decision with internal reasons and the summary pre-filled for the referrer."""
    summary = summary_defaults(contact, [outcome])
    return Decision(
        contact=contact,
        outcomes=[outcome],
        reasons="Needs met by the school nurse",
        **summary.as_fields(),
        decided_at=timezone.now(),
        due_at=timezone.now(),
    )


def test_a_template_is_seeded_for_every_kind():
    for kind in LetterKind.values:
        assert current_template(kind).body


@pytest.mark.parametrize("outcome", list(Outcome))
def test_the_outcome_letter_renders_with_each_outcome(worker, outcome):
    contact = submit(worker, named_contact(worker))
    letter = LetterInput(kind=LetterKind.OUTCOME, decision=_decision(contact, outcome))
    text = rendering.render_text(
        current_template(LetterKind.OUTCOME).body, merge_fields(contact, letter)
    )
    decided, next_steps = outcome_words([outcome])
    assert f"What we decided: {decided}" in text  # plain English, not the code label
    assert f"What happens now: {next_steps}" in text
    assert outcome.label not in text
    assert "Dear Priya Shah," in text
    assert str(contact.reference) in text
    assert "about Maisie." in text
    assert "What you told us: Children left alone overnight" in text
    assert "Needs met by the school nurse" not in text  # the internal reasons never
    # What other support may help, with the Early Help line from the authority settings:
    # only where the case is below the threshold.
    below = outcome not in REFERRAL_OUTCOMES
    assert ("Support may be available" in text) is below
    assert ("You can call the Early Help team on 03069 990002." in text) is below
    assert "call us on 03069 990000 and quote" in text  # a member of the public: the public line
    assert "number below" not in text
    assert "{{" not in text
    assert "{%" not in text


def test_templates_are_restricted_to_the_documented_fields_and_tags():
    rendering.check_body("Dear {{ referrer_name }}{% if reasons_summary %}, {% endif %}")
    with pytest.raises(ValidationError, match="not a merge field"):
        rendering.check_body("{{ contact.referrer_phone }}")
    with pytest.raises(ValidationError, match="cannot be used"):
        rendering.check_body("{% load static %}")
    with pytest.raises(ValidationError, match="Filters"):
        rendering.check_body("{{ reference|upper }}")
    with pytest.raises(ValidationError, match="parent or carer"):
        rendering.check_body("Told us by {{ referrer_name }}", LetterKind.FAMILY)


def test_editing_a_template_makes_a_new_version_and_keeps_the_old(worker, make_user):
    admin = make_user(Role.ADMINISTRATOR)
    old = current_template(LetterKind.ACKNOWLEDGEMENT)
    contact = submit(worker, named_contact(worker))
    new = letter_template_revise(
        actor=admin, kind=LetterKind.ACKNOWLEDGEMENT, title="Thank you", body="Hi {{ reference }}"
    )
    assert new.version == old.version + 1
    old.refresh_from_db()
    assert old.body.startswith("Dear {{ recipient_name }}")
    assert contact.letters.get().template == old  # the letter owed keeps its version
    assert LetterTemplate.objects.filter(kind=LetterKind.ACKNOWLEDGEMENT).count() == new.version
    assert CaseEvent.objects.filter(kind="letter_template.revised").count() == 1


def _family_fields(contact):
    letter = LetterInput(
        kind=LetterKind.FAMILY, decision=_decision(contact, Outcome.ADVICE), recipient_name="Mum"
    )
    return merge_fields(contact, letter)


def test_a_family_letter_never_carries_a_public_referrers_identity(worker):
    contact = submit(worker, named_contact(worker))  # a neighbour, did not agree to be named
    fields = _family_fields(contact)
    values = " ".join(str(v) for v in fields.values()).lower()
    for detail in ("priya", "shah", "priya.shah@example.org", "01632 960 123"):
        assert detail not in values
    assert "referrer_name" not in fields
    assert "what_you_told_us" not in fields
    assert fields["recipient_name"] == "Mum"


def test_a_public_referrer_who_agreed_or_a_professional_may_be_named(worker):
    agreed = submit(worker, named_contact(worker, referrer_identity_may_be_shared=True))
    assert _family_fields(agreed)["referrer_name"] == "Priya Shah"
    school = submit(
        worker,
        named_contact(worker, referral_source=ReferralSource.SCHOOLS, referrer_role="DSL"),
    )
    assert _family_fields(school)["referrer_name"] == "Priya Shah"


def test_a_family_letter_naming_a_public_referrer_is_refused(worker):
    contact = submit(worker, named_contact(worker))
    with pytest.raises(LetterError, match="did not agree to be named"):
        letter_send(
            actor=worker,
            contact=contact,
            kind=LetterKind.FAMILY,
            text="Dear Mrs Pryce,\n\nYour neighbour Priya Shah called us.",
            recipient=Recipient("Mrs Pryce", "pryce@example.org"),
            letter_id=uuid.uuid4(),
        )


def test_the_pdf_has_the_letterhead_the_address_and_the_reference(worker):
    contact = submit(worker, named_contact(worker))
    letter = letter_send(
        actor=worker,
        contact=contact,
        kind=LetterKind.FAMILY,
        text="Dear Mrs Pryce,\n\nWe are writing about Maisie.",
        recipient=Recipient("Mrs Pryce", "pryce@example.org", "1 Acacia Road\nWessex\nWX1 2BB"),
        letter_id=uuid.uuid4(),
    )
    reader = PdfReader(io.BytesIO(bytes(letter.pdf)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for line in ("Wessex County Council", "County Hall", "WX1 1AA", "1 Acacia Road"):
        assert line in text
    assert f"Our reference: {contact.reference}" in text
    assert "We are writing about Maisie." in text
    assert "If a child is in immediate danger, call 999 now." in text
    assert len(letter.sha256) == 64
