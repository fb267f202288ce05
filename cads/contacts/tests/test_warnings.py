"""Open contact and repeat warnings (ADR 0021): adding a child who has an open contact
shows it by reference and status, and the worker adds the new information to it as an
update (the draft discarded with that reason) or goes on with a reason; a repeat from the
same referrer about the same children within the window is confirmed before submit; a
restricted child's other contacts are never shown to someone without access."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.contacts.codes import ReferralSource, SubjectRole
from cads.contacts.models import Contact
from cads.contacts.models_named import ContactGoOn, ContactUpdate, WarningKind
from cads.contacts.services import contact_section_save, contact_start, contact_submit
from cads.contacts.tests.intake_helpers import error_summary, page, ready_contact
from cads.contacts.warnings import HIDDEN, open_contacts, repeat_contacts
from cads.contacts.workflow import Status
from cads.people.restriction import person_restrict
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler(make_user):
    return make_user(Role.CALL_HANDLER)


def sent(actor, **changes) -> Contact:
    draft = ready_contact(actor)
    if changes:
        draft = contact_section_save(
            actor=actor, contact=draft, section="referrer", changes=changes
        )
    return contact_submit(actor=actor, contact=draft, submission_key=uuid.uuid4())


def second_draft_adding(client, actor, child) -> tuple[Contact, object]:
    """A new draft, and the response to adding `child` to it as the child."""
    draft = contact_start(actor=actor, received_at=timezone.now())
    response = client.post(
        reverse("contacts:subject-role", args=[draft.pk, child.pk]),
        {"role": SubjectRole.CHILD, "whereabouts": "At school"},
    )
    return draft, response


def test_adding_a_child_with_an_open_contact_shows_it(handler) -> None:
    first = sent(handler)
    child = first.subjects.get().person
    client = signed_in_client(handler)
    draft, response = second_draft_adding(client, handler, child)
    assert response["Location"] == reverse("contacts:open-contact", args=[draft.pk])
    warning = page(client.get(response["Location"]))
    listed = warning.select_one("[data-other-contacts]").get_text(" ", strip=True)
    assert f"{first.reference}: awaiting screening" in listed
    assert "Maisie Pryce" in listed


def test_adding_to_the_open_contact_records_an_update_and_discards_the_draft(handler) -> None:
    first = sent(handler)
    client = signed_in_client(handler)
    draft, response = second_draft_adding(client, handler, first.subjects.get().person)
    refused = client.post(
        response["Location"], {"choice": str(first.pk), "text": "", "referrer": ""}
    )
    assert error_summary(refused) == ["Enter the new information", "Enter who gave the information"]
    done = client.post(
        response["Location"],
        {"choice": str(first.pk), "text": "Maisie came in hungry again", "referrer": "Mill Lane"},
    )
    assert done["Location"] == reverse("contacts:drafts")
    update = ContactUpdate.objects.get()
    assert (update.contact, update.from_contact, update.text, update.referrer) == (
        first,
        draft,
        "Maisie came in hungry again",
        "Mill Lane",
    )
    assert update.received_at == draft.received_at
    draft.refresh_from_db()
    assert draft.status == Status.DISCARDED
    discarded = CaseEvent.objects.get(kind="contact.discarded", subject_id=str(draft.pk))
    assert discarded.reason == (f"Added to {first.reference} as an update")


def test_going_on_needs_a_reason_which_is_recorded(handler) -> None:
    first = sent(handler)
    client = signed_in_client(handler)
    draft, response = second_draft_adding(client, handler, first.subjects.get().person)
    refused = client.post(response["Location"], {"choice": "go_on", "reason": ""})
    assert error_summary(refused) == ["Enter why this is a new contact"]
    done = client.post(response["Location"], {"choice": "go_on", "reason": "A new concern"})
    assert done["Location"] == reverse("contacts:children", args=[draft.pk])
    went = ContactGoOn.objects.get(contact=draft)
    assert (went.warning, went.shown, went.reason) == (
        WarningKind.OPEN_CONTACT,
        [first.reference],
        "A new concern",
    )
    # Answered once: changing the child's details does not ask again.
    again = client.post(
        reverse("contacts:subject-role", args=[draft.pk, first.subjects.get().person_id]),
        {"role": SubjectRole.CHILD, "whereabouts": "At home"},
    )
    assert again["Location"] == reverse("contacts:children", args=[draft.pk])


def test_a_restricted_childs_open_contact_is_not_revealed(handler, make_user) -> None:
    manager = make_user(Role.TEAM_MANAGER)
    first = sent(handler)
    child = first.subjects.get().person
    second = ready_contact(handler)
    second.subjects.all().update(person=child)
    person_restrict(actor=manager, person=child, reason="high_profile", note="", users=[])
    [hidden] = open_contacts(user=handler, contact=second)
    assert hidden.hidden
    assert hidden.contact is None
    [shown] = open_contacts(user=manager, contact=second)
    assert shown.contact == first
    assert "ask a manager" in HIDDEN


def named_referrer() -> dict[str, object]:
    return {
        "referral_source": ReferralSource.SCHOOLS,
        "referrer_anonymous": False,
        "referrer_name": "Dana Reid",
        "referrer_organisation": "Mill Lane Primary",
    }


def test_a_repeat_from_the_same_referrer_is_confirmed_before_submit(handler) -> None:
    first = sent(handler, **named_referrer())
    draft = ready_contact(handler)
    draft.subjects.all().update(person=first.subjects.get().person)
    contact_section_save(actor=handler, contact=draft, section="referrer", changes=named_referrer())
    client = signed_in_client(handler)
    url = reverse("contacts:check-answers", args=[draft.pk])
    shown = page(client.get(url)).select_one("[data-repeat-warning]").get_text(" ", strip=True)
    assert "within 24 hours" in shown
    assert first.reference in shown

    key = str(uuid.uuid4())
    refused = client.post(url, {"submission_key": key})
    assert refused.status_code == 400
    assert error_summary(refused) == ["Confirm this is new information, not the same contact again"]
    done = client.post(url, {"submission_key": key, "repeat_confirmed": "yes"})
    assert done["Location"] == reverse("contacts:confirmation", args=[draft.pk])
    went = ContactGoOn.objects.get(contact=draft)
    assert (went.warning, went.shown) == (WarningKind.REPEAT, [first.reference])


def test_no_repeat_outside_the_window_or_from_another_referrer(handler, settings) -> None:
    settings.CADS_REPEAT_CONTACT_HOURS = 2
    long_ago = timezone.now() - datetime.timedelta(hours=3)
    first = sent(handler, **named_referrer())
    Contact.objects.filter(pk=first.pk).update(received_at=long_ago)
    draft = ready_contact(handler)
    draft.subjects.all().update(person=first.subjects.get().person)
    draft = contact_section_save(
        actor=handler, contact=draft, section="referrer", changes=named_referrer()
    )
    assert repeat_contacts(user=handler, contact=draft) == []
    Contact.objects.filter(pk=first.pk).update(received_at=timezone.now())
    assert len(repeat_contacts(user=handler, contact=draft)) == 1
    other = named_referrer() | {"referrer_name": "Sam Cole", "referrer_organisation": ""}
    draft = contact_section_save(actor=handler, contact=draft, section="referrer", changes=other)
    assert repeat_contacts(user=handler, contact=draft) == []
