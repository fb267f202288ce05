"""A name in a list is a view: the work tray and the front-door queue write one access-log
row for each contact and each child they show (ADR 0010: who looked at this child)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cads.accounts.roles import Role
from cads.audit.models import AccessLog
from cads.contacts.models import Contact
from cads.people.models import Person
from cads.screening.tests.helpers import submitted
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


def _logged(screen: str) -> set[tuple[str, str]]:
    return set(
        AccessLog.objects.filter(screen=screen).values_list("subject_type__model", "subject_id")
    )


def _shown(contacts: list[Contact]) -> set[tuple[str, str]]:
    people = Person.objects.filter(contacts__contact__in=contacts)
    return {("contact", str(c.pk)) for c in contacts} | {("person", str(p.pk)) for p in people}


@pytest.fixture
def contacts(make_user) -> list[Contact]:
    handler = make_user(Role.CALL_HANDLER)
    return [submitted(handler, family_name="Pryce"), submitted(handler, family_name="Hollis")]


def test_the_work_tray_logs_each_contact_and_child_shown(make_user, contacts) -> None:
    worker = signed_in_client(make_user(Role.CADS_SOCIAL_WORKER))
    response = worker.get(reverse("screening:tray"))
    assert "Maisie Hollis" in response.content.decode()
    assert _logged("screening:tray") == _shown(contacts)


def test_the_front_door_queue_logs_each_contact_and_child_shown(make_user, contacts) -> None:
    worker = signed_in_client(make_user(Role.CADS_SOCIAL_WORKER))
    response = worker.get(reverse("contacts:queue"))
    assert "Maisie Pryce" in response.content.decode()
    assert _logged("contacts:queue") == _shown(contacts)
