"""Templates with merge fields: each outcome renders, unknown fields and tags are refused,
editing makes a new version, and the PDF carries the letterhead and the reference."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.decisions.codes import Outcome
from cads.letters import rendering
from cads.letters.models import LetterKind, LetterTemplate
from cads.letters.services import current_template, letter_send, letter_template_revise
from cads.letters.tests.helpers import named_contact, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


def test_default_templates_are_seeded_for_every_kind():
    for kind in LetterKind.values:
        assert current_template(kind).version == 1


@pytest.mark.parametrize("outcome", [o for o in Outcome if o != Outcome.ASSESSMENT])
def test_the_outcome_letter_renders_with_each_outcome(worker, outcome):
    contact = submit(worker, named_contact(worker))
    fields = rendering.merge_fields(
        contact, outcome_labels=[outcome.label], reasons="Needs met by the school nurse"
    )
    text = rendering.render_text(current_template(LetterKind.OUTCOME).body, fields)
    assert f"decided: {outcome.label}." in text
    assert "Dear Priya Shah," in text
    assert str(contact.reference) in text
    assert "about Maisie (reference" in text
    assert "In brief, this is why: Needs met by the school nurse" in text
    assert "{{" not in text
    assert "{%" not in text


def test_an_outcome_letter_without_reasons_leaves_the_reasons_paragraph_out(worker):
    contact = submit(worker, named_contact(worker))
    fields = rendering.merge_fields(contact, outcome_labels=["No further action"])
    text = rendering.render_text(current_template(LetterKind.OUTCOME).body, fields)
    assert "this is why" not in text


def test_templates_are_restricted_to_the_documented_fields_and_tags():
    rendering.check_body("Dear {{ referrer_name }}{% if reasons_summary %}, {% endif %}")
    with pytest.raises(ValidationError, match="not a merge field"):
        rendering.check_body("{{ contact.referrer_phone }}")
    with pytest.raises(ValidationError, match="cannot be used"):
        rendering.check_body("{% load static %}")
    with pytest.raises(ValidationError, match="Filters"):
        rendering.check_body("{{ reference|upper }}")


def test_editing_a_template_makes_a_new_version_and_keeps_the_old(worker, make_user):
    admin = make_user(Role.ADMINISTRATOR)
    old = current_template(LetterKind.ACKNOWLEDGEMENT)
    contact = submit(worker, named_contact(worker))
    letter = letter_send(
        actor=worker, contact=contact, kind=LetterKind.ACKNOWLEDGEMENT, idempotency_key="k1"
    )
    new = letter_template_revise(
        actor=admin,
        kind=LetterKind.ACKNOWLEDGEMENT,
        title="Thank you",
        body="Hello {{ reference }}",
    )
    assert new.version == 2
    old.refresh_from_db()
    assert old.body.startswith("Dear {{ referrer_name }}")
    letter.refresh_from_db()
    assert letter.template == old
    assert LetterTemplate.objects.filter(kind=LetterKind.ACKNOWLEDGEMENT).count() == 2
    assert CaseEvent.objects.filter(kind="letter_template.revised").count() == 1


def test_the_pdf_has_the_letterhead_and_the_reference(worker):
    """Neither pypdf nor pdfminer is installed, so the HTML handed to WeasyPrint is checked
    for the letterhead and reference, and the bytes stored for being a PDF."""
    contact = submit(worker, named_contact(worker))
    html_seen: list[str] = []
    real = rendering.render_pdf

    def spy(html: str) -> bytes:
        html_seen.append(html)
        return real(html)

    with mock.patch.object(rendering, "render_pdf", spy):
        letter = letter_send(
            actor=worker, contact=contact, kind=LetterKind.ACKNOWLEDGEMENT, idempotency_key="k"
        )
    (html,) = html_seen
    for line in ("Wessex County Council", "County Hall", "WX1 1AA"):
        assert f"<p>{line}</p>" in html
    assert f"Our reference: {contact.reference}" in html
    assert bytes(letter.pdf).startswith(b"%PDF")
    assert len(letter.sha256) == 64
