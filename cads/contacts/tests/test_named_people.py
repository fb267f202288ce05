"""People named on a contact but not yet identified (ADR 0021): an online report's people
become named people as given; the screener links each to a record or records why they
cannot be identified, each step audited; a call handler may name someone without
searching; contacts from before are given their named people by the data migration."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact
from cads.contacts.models_named import NamedPerson, Resolution
from cads.contacts.named import (
    NamedPersonError,
    named_person_cannot_identify,
    named_person_link,
)
from cads.contacts.sections import missing_for_submit
from cads.contacts.tests.intake_helpers import error_summary, page, ready_contact
from cads.contacts.tests.named_helpers import ADDRESS, POSTCODE, siblings_report
from cads.people.services import person_create
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


def test_an_online_report_names_each_person_as_given() -> None:
    contact = siblings_report()
    named = list(contact.named_people.order_by("position"))
    assert [(n.full_name, n.role, n.resolution) for n in named] == [
        ("Ruby Ashdown", SubjectRole.CHILD, Resolution.NOT_YET),
        ("Finn Ashdown", SubjectRole.CHILD, Resolution.NOT_YET),
        ("Kim Ashdown", SubjectRole.PARENT_CARER, Resolution.NOT_YET),
    ]
    assert (named[0].address, named[0].postcode, named[0].date_of_birth) == (
        ADDRESS,
        POSTCODE,
        None,
    )
    assert named[2].relationship == "Mother"


def test_linking_a_named_child_puts_them_on_the_contact_with_who_and_when(make_user) -> None:
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    contact = siblings_report()
    ruby = contact.named_people.get(given_name="Ruby")
    person = person_create(actor=screener, given_name="Ruby", family_name="Ashdown", sex="F")
    before = CaseEvent.objects.count()

    named_person_link(
        actor=screener, named=ruby, person=person, role=SubjectRole.CHILD, whereabouts="School"
    )

    ruby.refresh_from_db()
    assert (ruby.resolution, ruby.person, ruby.resolved_by) == (Resolution.LINKED, person, screener)
    assert ruby.resolved_at is not None
    subject = contact.subjects.get()
    assert (subject.person, subject.role, subject.whereabouts) == (person, "child", "School")
    assert CaseEvent.objects.count() == before + 1  # one audit event for the whole step
    assert CaseEvent.objects.filter(kind="contact.named_person_identified").count() == 1
    with pytest.raises(NamedPersonError, match="Ruby Ashdown has already been resolved"):
        named_person_link(actor=screener, named=ruby, person=person, role=SubjectRole.CHILD)


def test_cannot_be_identified_needs_a_reason_and_keeps_it(make_user) -> None:
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    finn = siblings_report().named_people.get(given_name="Finn")
    with pytest.raises(NamedPersonError, match="Enter why they cannot be identified"):
        named_person_cannot_identify(actor=screener, named=finn, reason="  ")
    named_person_cannot_identify(actor=screener, named=finn, reason="No such child at school")
    finn.refresh_from_db()
    assert (finn.resolution, finn.reason) == (Resolution.CANNOT_IDENTIFY, "No such child at school")
    assert CaseEvent.objects.filter(kind="contact.named_person_not_identified").count() == 1


def test_the_data_migration_names_the_people_of_earlier_reports_once() -> None:
    contact = siblings_report()
    contact.named_people.all().delete()  # as before the change: reported_people only
    Contact.objects.filter(pk=contact.pk).update(
        reported_people=[
            *contact.reported_people,
            {"role": "child", "given_name": "Ivy", "date_of_birth": "2019-02-29"},  # no such day
        ]
    )
    migration = importlib.import_module(
        "cads.contacts.migrations.0006_named_people_from_reported_people"
    )
    migration.forwards(apps, None)
    migration.forwards(apps, None)
    names = list(contact.named_people.order_by("position").values_list("given_name", flat=True))
    assert names == ["Ruby", "Finn", "Kim", "Ivy"]
    assert contact.named_people.get(given_name="Ivy").date_of_birth is None


def test_a_call_handler_names_a_child_without_searching(make_user) -> None:
    handler = make_user(Role.CALL_HANDLER)
    contact = ready_contact(handler)
    contact.subjects.all().delete()
    assert "Add the child or children the concern is about" in missing_for_submit(contact)
    client = signed_in_client(handler)
    url = reverse("contacts:subject-name", args=[contact.pk])

    refused = client.post(url, {"role": "child"})
    assert error_summary(refused) == ["Enter their first name, or describe them"]

    done = client.post(
        url,
        {"role": "child", "given_name": "Ruby", "family_name": "Ashdown", "postcode": "wx47qt"},
    )
    assert done.status_code == 302
    ruby = NamedPerson.objects.get(contact=contact)
    assert (ruby.full_name, ruby.postcode, ruby.is_outstanding) == ("Ruby Ashdown", "WX4 7QT", True)
    assert missing_for_submit(contact) == []
    listed = page(client.get(reverse("contacts:children", args=[contact.pk])))
    assert "Ruby Ashdown" in listed.select_one("main").get_text()
    assert "Named, not yet identified" in listed.select_one("main").get_text()


def test_given_details_leave_out_what_was_not_given() -> None:
    named = NamedPerson(given_name="Ruby", date_of_birth=datetime.date(2016, 9, 14), school="Mill")
    assert named.given_details() == [("Date of birth", "14 September 2016"), ("School", "Mill")]
    assert NamedPerson().full_name == "Name not given"
