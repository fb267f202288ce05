"""Nothing a signed-in user opens is kept by the browser or a proxy: a shared front-door
terminal's back button or cache must not show the next person a child's record, a CSV or a
letter (NCSC browser guidance; OWASP: Cache-Control no-store on sensitive responses)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cads.accounts.roles import Role
from cads.letters.models import Letter
from cads.letters.tests.helpers import deliver_queued, named_contact, submit
from cads.people.models import Sex
from cads.people.services import person_create
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


def _not_stored(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_a_person_page_is_not_stored(client_for) -> None:
    child = person_create(
        actor=None, given_name="Ellie", family_name="Marsh", date_of_birth=None, sex=Sex.FEMALE
    )
    response = client_for(Role.CADS_SOCIAL_WORKER).get(f"/children-and-families/{child.pk}/")
    assert response.status_code == 200
    assert _not_stored(response)


def test_a_csv_export_is_not_stored(client_for) -> None:
    response = client_for(Role.TEAM_MANAGER).get(reverse("reporting:backlog-csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert _not_stored(response)


def test_a_letter_pdf_is_not_stored(make_user) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    submit(worker, named_contact(worker))
    deliver_queued()
    letter = Letter.objects.get()
    response = signed_in_client(worker).get(reverse("letters:pdf", args=[letter.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert _not_stored(response)


def test_the_sign_in_page_and_static_files_stay_cacheable(client) -> None:
    # Only what a signed-in user sees is personal; the stylesheet is the same for everyone.
    stylesheet = client.get("/static/dist/application.css")
    assert stylesheet.status_code == 200
    assert not _not_stored(stylesheet)
    assert not _not_stored(client.get(reverse("accounts:sign-in")))
