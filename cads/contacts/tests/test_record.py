"""The contact record page: every answer in the professional guidance's order, logged,
for staff only, a restricted child shown only as a restricted record, and "Add a document"
while the contact is open."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from cads.accounts.roles import Role
from cads.audit.models import AccessLog
from cads.contacts.codes import Consent, ConsentNotSoughtReason, ReferralSource, SubjectRole
from cads.contacts.models import Contact
from cads.contacts.services import contact_section_save, contact_subject_add, contact_submit
from cads.contacts.tests.intake_helpers import page, ready_contact
from cads.contacts.workflow import Status
from cads.people.restriction import person_restrict
from cads.people.services import person_create
from conftest import signed_in_client

pytestmark = pytest.mark.django_db

ANSWERS: dict[str, dict[str, Any]] = {
    "referrer": {
        "referral_source": ReferralSource.SCHOOLS,
        "referrer_anonymous": False,
        "referrer_name": "Priya Shah",
        "referrer_role": "Designated safeguarding lead",
        "referrer_organisation": "Wessex Primary School",
        "referrer_phone": "01632 960 001",
        "referrer_email": "p.shah@wessex-primary.example",
        "referrer_discussed_with": "Head teacher Alan Moss",
    },
    "consent": {
        "parents_told": "no",
        "consent": Consent.NOT_SOUGHT,
        "consent_not_sought_reason": ConsentNotSoughtReason.OTHER,
        "consent_reason_detail": "Mother's partner monitors her phone",
    },
    "concern": {
        "concern": "Bruise on the left cheek shaped like a hand",
        "concern_when": "Seen on Monday; third time this term",
        "happened_before": "yes",
        "referrer_witnessed": "no",
        "different_today": "She asked not to be sent home",
        "action_taken": "Spoke to mother in October; the breakfast club helped",
        "child_words": "Daddy Lee gets cross when I spill things",
        "strengths": "Warm relationship with her nan",
        "police_reference": "WX-2026-4471",
        "other_professionals": "School nurse Joan Pike; GP Dr Amin",
    },
    "relationship": {
        "how_well_known": "Class teacher for two years",
        "last_direct_contact": datetime.date(2026, 3, 20),
    },
    "outcome-sought": {
        "outcome_sought": "A social worker to visit the home this week",
        "referrer_threshold_view": "4",
    },
}
# The guidance's five sections, then the referrer, immediate risk and the documents.
ORDER = [
    "Children and family",
    "Consent",
    "The concern",
    "The referrer's relationship with the child and family",
    "The outcome the referrer wants",
    "Referrer",
    "Immediate risk",
    "Documents",
]


@pytest.fixture
def handler(make_user):
    return make_user(Role.CALL_HANDLER)


def full_contact(handler, *, submit: bool = True) -> Contact:
    contact = ready_contact(handler, family_name="Harrow")
    mother = person_create(actor=handler, given_name="Dawn", family_name="Harrow", sex="F")
    contact_subject_add(
        actor=handler,
        contact=contact,
        person=mother,
        role=SubjectRole.PARENT_CARER,
        parental_responsibility=True,
    )
    for slug, changes in ANSWERS.items():
        contact = contact_section_save(
            actor=handler, contact=contact, section=slug, changes=changes
        )
    if submit:
        contact = contact_submit(actor=handler, contact=contact, submission_key=uuid.uuid4())
    return contact


def add_link(html):
    found = [a for a in html.select("a") if a.get_text(strip=True).startswith("Add a document")]
    return found[0] if found else None


def record_url(contact: Contact) -> str:
    return reverse("contacts:record", args=[contact.pk])


def test_every_answer_is_on_the_record_in_the_guidance_order(handler) -> None:
    contact = full_contact(handler)
    response = signed_in_client(handler).get(record_url(contact))
    assert response.status_code == 200
    html = page(response)
    titles = [t.get_text(strip=True) for t in html.select(".govuk-summary-card__title")]
    assert titles == ORDER
    text = " ".join(html.get_text(" ").split())
    for changes in ANSWERS.values():
        for name, value in changes.items():
            if isinstance(value, str) and len(value) > 12:  # free text, as typed
                assert value in text, name
    for words in (
        "Schools",
        "Other reason",  # why consent was not sought
        "20 March 2026",
        "Level 4: specialist, child protection",
        "Maisie Harrow",
        "Where the child is now: School",
        "Dawn Harrow",
        "Has parental responsibility",
    ):
        assert words in text, words


def test_viewing_the_record_is_logged_for_the_contact_and_each_person(handler) -> None:
    contact = full_contact(handler)
    signed_in_client(handler).get(record_url(contact))
    logged = AccessLog.objects.filter(actor=handler, screen="contacts:record")
    kinds = {(log.subject_type.model, log.subject_id) for log in logged}
    assert ("contact", str(contact.pk)) in kinds
    for subject in contact.subjects.all():
        assert ("person", str(subject.person_id)) in kinds


def test_partners_never_see_the_record(handler, make_user) -> None:
    contact = full_contact(handler)
    partner = signed_in_client(make_user(Role.MASH_PARTNER))
    assert partner.get(record_url(contact)).status_code == 403


def test_a_restricted_child_is_only_a_restricted_record(handler, make_user) -> None:
    contact = full_contact(handler)
    child = contact.subjects.get(role=SubjectRole.CHILD).person
    manager = make_user(Role.TEAM_MANAGER)
    note = "A staff member's child"
    person_restrict(actor=manager, person=child, reason="staff_relative", note=note, users=[])
    worker = make_user(Role.CADS_SOCIAL_WORKER)

    text = page(signed_in_client(worker).get(record_url(contact))).get_text(" ")

    assert "A restricted record" in text
    assert "Maisie" not in text
    assert "Where the child is now" not in text
    person_type = ContentType.objects.get(app_label="people", model="person")
    assert not AccessLog.objects.filter(
        actor=worker, subject_type=person_type, subject_id=str(child.pk)
    ).exists()
    # The manager on the access list sees the child.
    assert "Maisie Harrow" in page(signed_in_client(manager).get(record_url(contact))).get_text()


def test_add_a_document_while_open_and_not_once_closed(handler) -> None:
    contact = full_contact(handler)
    client = signed_in_client(handler)
    add = add_link(page(client.get(record_url(contact))))
    assert add is not None
    assert add["href"] == reverse("contacts:attachments", args=[contact.pk])
    back = page(client.get(add["href"])).select_one(".govuk-back-link")
    assert back["href"] == record_url(contact)

    # Closed through the decision pages in practice; here the status is all that matters.
    Contact.objects.filter(pk=contact.pk).update(status=Status.CLOSED)
    html = page(client.get(record_url(contact)))
    assert add_link(html) is None
    assert "Closed" in html.get_text()


def test_a_screened_contact_no_longer_redirects_for_ever(handler) -> None:
    contact = full_contact(handler)
    Contact.objects.filter(pk=contact.pk).update(status=Status.IN_SCREENING)
    client = signed_in_client(handler)
    for name in ("contacts:confirmation", "contacts:task-list", "contacts:check-answers"):
        response = client.get(reverse(name, args=[contact.pk]), follow=True)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0] == record_url(contact)


def test_a_draft_is_shown_as_still_being_recorded(handler) -> None:
    contact = full_contact(handler, submit=False)
    html = page(signed_in_client(handler).get(record_url(contact)))
    assert "This contact is still being recorded" in html.get_text()
    assert html.find("a", string="Continue recording it")["href"] == reverse(
        "contacts:task-list", args=[contact.pk]
    )


def test_an_online_reports_people_are_shown_as_described(handler) -> None:
    from cads.contacts.online import ReportedPerson, online_contact_submit
    from cads.contacts.tests.test_online_service import answers

    contact = online_contact_submit(
        answers=answers(
            children=[
                ReportedPerson(given_name="Ruby", family_name="Ashdown", school="Elm Primary")
            ],
            parents=[ReportedPerson(given_name="Kim", relationship="mother", postcode="WX1 2AB")],
        ),
        submission_key=uuid.uuid4(),
    )
    rows = page(signed_in_client(handler).get(record_url(contact))).select("[data-reported-person]")
    described = {r.select_one("dt").get_text(strip=True): r.get_text(" ", strip=True) for r in rows}
    assert "School: Elm Primary" in described["Ruby Ashdown"]
    assert "Date of birth not known" in described["Ruby Ashdown"]
    assert "Mother" in described["Kim"]
    assert "WX1 2AB" in described["Kim"]
