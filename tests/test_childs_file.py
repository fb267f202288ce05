"""A child's file (the person page): the timeline every app adds to through the registry in
cads.people (contacts with their RAG and outcome, decisions, referrals with assessment
dates, partner checks the viewer may see, letters, flags and restriction events; open work
first, then newest first) and the family network through contacts and households."""

from __future__ import annotations

import datetime
import uuid
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse

from cads.accounts.roles import Role
from cads.contacts.codes import ReferralSource, SubjectRole
from cads.contacts.models import Contact
from cads.contacts.services import contact_section_save, contact_subject_add, contact_submit
from cads.contacts.tests.intake_helpers import ready_contact
from cads.decisions.codes import Outcome
from cads.decisions.services import decision_record
from cads.decisions.tests.helpers import open_check, submitted_contact
from cads.people.models import Person, PersonStatus
from cads.people.restriction import person_restrict, person_unrestrict
from cads.people.services import person_create
from conftest import signed_in_client

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
MARCH = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)
APRIL = datetime.datetime(2026, 4, 14, 11, 0, tzinfo=LONDON)


@pytest.fixture
def staff(make_user):
    return {
        role: make_user(role)
        for role in (Role.CALL_HANDLER, Role.CADS_SOCIAL_WORKER, Role.TEAM_MANAGER)
    }


def second_contact(actor, child: Person) -> Contact:
    """A later contact about the same child, from a named referrer (owed a letter)."""
    contact = ready_contact(actor, received_at=APRIL, family_name="Other")
    contact.subjects.all().delete()
    contact_subject_add(actor=actor, contact=contact, person=child, role=SubjectRole.CHILD)
    contact = contact_section_save(
        actor=actor,
        contact=contact,
        section="referrer",
        changes={
            "referral_source": ReferralSource.SCHOOLS,
            "referrer_anonymous": False,
            "referrer_name": "Priya Shah",
            "referrer_organisation": "Wessex Primary School",
            "referrer_email": "p.shah@wessex-primary.example",
        },
    )
    return contact_submit(actor=actor, contact=contact, submission_key=uuid.uuid4())


@pytest.fixture
def file(staff):
    """Maisie: a March contact decided as an assessment (a referral, closed), an April
    contact still open with a police check and an acknowledgement owed, a child protection
    plan, and a restriction put on and lifted."""
    worker, manager = staff[Role.CADS_SOCIAL_WORKER], staff[Role.TEAM_MANAGER]
    with time_machine.travel(MARCH, tick=False):
        first = submitted_contact(worker, received_at=MARCH)
    with time_machine.travel(MARCH + datetime.timedelta(hours=2), tick=False):
        decision_record(
            actor=worker, contact=first, outcomes=[Outcome.ASSESSMENT], reasons="Assess"
        )
    child = first.subjects.get(role=SubjectRole.CHILD).person
    with time_machine.travel(APRIL, tick=False):
        second = second_contact(worker, child)
        open_check(second, worker)
    PersonStatus.objects.create(person=child, kind="cp", start_date=datetime.date(2026, 4, 1))
    person_restrict(actor=manager, person=child, reason="other", note="Press interest", users=[])
    person_unrestrict(actor=manager, person=child, note="No longer needed")
    return child, first, second


def entries(client, person: Person) -> list[tuple[str, bool, str]]:
    html = BeautifulSoup(
        client.get(reverse("people:person-detail", args=[person.pk])).content, "html.parser"
    )
    return [
        (
            str(li["data-kind"]),
            "Open" in li.select_one("p").get_text(),
            li.get_text(" ", strip=True),
        )
        for li in html.select("[data-timeline-entry]")
    ]


def test_the_timeline_has_every_apps_entries_open_work_first_then_newest(staff, file) -> None:
    child, first, _second = file
    found = entries(signed_in_client(staff[Role.TEAM_MANAGER]), child)
    kinds = [kind for kind, _, _ in found]
    assert set(kinds) == {
        "Contact", "Decision", "Referral", "Partner check", "Letter", "Flag", "Restriction"
    }  # fmt: skip
    opened = [open_ for _, open_, _ in found]
    assert opened == sorted(opened, reverse=True)  # open work at the top
    open_kinds = [k for k, o, _ in found if o]
    # The April contact, its check and its letter (all at 11:00 on 14 April), then the
    # referral from March still being assessed.
    assert set(open_kinds[:3]) == {"Partner check", "Letter", "Contact"}
    assert open_kinds[3:] == ["Referral"]
    # Then newest first: the restriction events today, the plan on 1 April, then March.
    closed = [k for k, o, _ in found if not o]
    assert closed == ["Restriction", "Restriction", "Flag", "Decision", "Contact"]

    text = {k: t for k, _, t in found}  # the last listed (the earliest) of each kind
    assert first.reference in text["Contact"]
    assert "Phone" in text["Contact"]
    assert "RAG:" in text["Contact"]
    assert "Outcome: Child and Family Assessment" in text["Contact"]
    assert "Assessment due 7 May 2026" in text["Referral"]
    assert "Wessex Police" in text["Partner check"]
    assert "Acknowledgement to Priya Shah" in text["Letter"]
    assert "Child protection plan started" in text["Flag"]


def test_a_contacts_reference_links_to_its_record(staff, file) -> None:
    child, first, _ = file
    client = signed_in_client(staff[Role.CADS_SOCIAL_WORKER])
    html = BeautifulSoup(
        client.get(reverse("people:person-detail", args=[child.pk])).content, "html.parser"
    )
    link = html.find("a", string=first.reference)
    assert link["href"] == reverse("contacts:record", args=[first.pk])


def test_the_timeline_shows_only_what_the_viewer_may_see(staff, file) -> None:
    child, _, _ = file
    # A call handler may see contacts, but not partner checks, decisions, referrals or letters.
    found = entries(signed_in_client(staff[Role.CALL_HANDLER]), child)
    kinds = {kind for kind, _, _ in found}
    assert kinds == {"Contact", "Flag", "Restriction"}
    assert not any("Outcome:" in text for _, _, text in found)


def test_the_family_network_includes_people_on_the_childs_contacts(staff) -> None:
    handler, manager = staff[Role.CALL_HANDLER], staff[Role.TEAM_MANAGER]
    contact = ready_contact(handler, family_name="Harrow")
    mother = person_create(actor=handler, given_name="Dawn", family_name="Harrow", sex="F")
    contact_subject_add(
        actor=handler, contact=contact, person=mother, role=SubjectRole.PARENT_CARER
    )
    contact = contact_submit(actor=handler, contact=contact, submission_key=uuid.uuid4())
    child = contact.subjects.get(role=SubjectRole.CHILD).person
    url = reverse("people:person-detail", args=[child.pk])

    html = BeautifulSoup(signed_in_client(handler).get(url).content, "html.parser")
    rows = [r.get_text(" ", strip=True) for r in html.select("[data-network-member]")]
    assert rows == [f"Dawn Harrow Parent or carer Not recorded Contact {contact.reference}"]

    person_restrict(actor=manager, person=mother, reason="domestic_abuse", note="Fled", users=[])
    html = BeautifulSoup(signed_in_client(handler).get(url).content, "html.parser")
    rows = [r.get_text(" ", strip=True) for r in html.select("[data-network-member]")]
    assert rows == ["A restricted record Not shown Not shown Not shown"]
    assert "Dawn" not in html.get_text()
