"""Data quality: contacts naming people nobody has identified (ADR 0021), open or closed,
listed with the names outstanding and a link to screening, on the page and in the CSV;
a contact drops off once each person is identified or recorded as unidentifiable."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cads.accounts.roles import Role
from cads.contacts.named import named_person_cannot_identify
from cads.contacts.tests.intake_helpers import page
from cads.contacts.tests.named_helpers import siblings_report
from cads.reporting.data_quality import CHECKS_BY_SLUG
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


def test_contacts_with_people_not_yet_identified_are_listed(make_user) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    contact = siblings_report()
    rows = [(p.record, p.detail, p.url) for p in CHECKS_BY_SLUG["unidentified-people"].find()]
    assert rows == [
        (
            contact.reference,
            "Named, not yet identified: Ruby Ashdown, Finn Ashdown, Kim Ashdown",
            reverse("screening:screen", args=[contact.pk]),
        )
    ]
    client = signed_in_client(make_user(Role.TEAM_MANAGER))
    section = page(client.get(reverse("reporting:data-quality"))).select_one("#unidentified-people")
    assert "(1)" in section.select_one("h2").get_text()
    csv = client.get(reverse("reporting:data-quality-csv", args=["unidentified-people"]))
    assert "Ruby Ashdown, Finn Ashdown, Kim Ashdown" in csv.content.decode()

    for named in contact.named_people.all():
        named_person_cannot_identify(actor=worker, named=named, reason="Anonymous, no more given")
    assert list(CHECKS_BY_SLUG["unidentified-people"].find()) == []
