"""Words on the page as people read them: no label said twice, no brackets inside
brackets."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from cads.accounts.roles import Role
from cads.contacts.codes import Channel
from cads.contacts.services import contact_immediate_risk_record, contact_start
from cads.contacts.tests.intake_helpers import page
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


def test_an_out_of_hours_contact_says_out_of_hours_once(make_user) -> None:
    worker = make_user(Role.OUT_OF_HOURS_WORKER)
    contact = contact_start(actor=worker, received_at=timezone.now(), channel=Channel.OUT_OF_HOURS)
    contact = contact_immediate_risk_record(actor=worker, contact=contact, at_risk=False)
    shown = page(signed_in_client(worker).get(reverse("contacts:task-list", args=[contact.pk])))
    caption = shown.select_one(".govuk-caption-l").get_text(" ", strip=True)
    assert caption.count("Out of hours") == 1


def test_opening_hours_are_not_bracketed_inside_brackets(client) -> None:
    text = page(client.get(reverse("online:start"))).get_text(" ")
    assert "Monday to Friday, 9am to 5pm (except bank holidays)" in text
    assert "(Monday to Friday" not in text
    assert "bank holidays))" not in text
