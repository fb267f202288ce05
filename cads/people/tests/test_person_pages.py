"""Person pages through the test client: search before create, the record page, editing
without overwriting a colleague, restricted records and break-glass."""

from __future__ import annotations

import datetime
import uuid

import pytest
from bs4 import BeautifulSoup
from procrastinate.contrib.django.models import ProcrastinateJob

from cads.accounts.roles import Role
from cads.audit.models import AccessLog, CaseEvent
from cads.people.models import BreakGlassAccess, Person, RelationshipKind, StatusKind
from cads.people.services import (
    household_create,
    person_create,
    person_status_add,
    relationship_add,
)

pytestmark = pytest.mark.django_db
SEARCH = "/children-and-families/search/"


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def family() -> dict[str, Person]:
    home = household_create(actor=None, address="12 Mill Lane\nWessex Town", postcode="WX1 2AB")
    mother = person_create(
        actor=None,
        household=home,
        given_name="Sarah",
        family_name="Hollis",
        date_of_birth=datetime.date(1990, 5, 1),
        sex="F",
    )
    child = person_create(
        actor=None,
        household=home,
        given_name="Amelia",
        family_name="Hollis",
        date_of_birth=datetime.date(2018, 3, 7),
        sex="F",
        nhs_number="9990000026",
    )
    relationship_add(
        actor=None,
        from_person=mother,
        to_person=child,
        kind=RelationshipKind.PARENT,
        parental_responsibility=True,
    )
    person_status_add(
        actor=None,
        person=child,
        kind=StatusKind.CHILD_PROTECTION,
        start_date=datetime.date(2026, 9, 1),
    )
    return {"mother": mother, "child": child}


def search(client, **params: str):
    return client.get(SEARCH, params)


def test_search_needs_something_to_search_for(client_for) -> None:
    response = search(client_for(Role.CALL_HANDLER), given_name="", family_name="")
    summary = page(response).select_one(".govuk-error-summary").get_text()
    assert "Enter at least a name, a date of birth or an identifier" in summary


def test_a_mistyped_nhs_number_is_explained_and_the_other_fields_kept(client_for) -> None:
    response = search(
        client_for(Role.CALL_HANDLER), family_name="Hollis", nhs_number="999 000 0027"
    )
    html = page(response)
    assert "The NHS number is not valid" in html.select_one(".govuk-error-summary").get_text()
    assert html.select_one("#id_family_name")["value"] == "Hollis"


def test_search_ranks_the_child_first_with_reasons_flags_and_logs_the_view(
    client_for, family
) -> None:
    client = client_for(Role.CALL_HANDLER)
    response = search(
        client,
        given_name="Millie",
        family_name="Hollis",
        date_of_birth_day="3",
        date_of_birth_month="7",
        date_of_birth_year="2018",
    )
    first = page(response).select(".govuk-table__body .govuk-table__row")[0]
    text = first.get_text(" ", strip=True)
    assert "Amelia Hollis" in text
    assert "Child protection plan" in text
    assert "day and month swapped" in text
    logged = AccessLog.objects.get(subject_id=str(family["child"].pk))
    assert "family_name=Hollis" in logged.search_terms


def test_create_only_after_a_search_and_prefilled_from_it(client_for) -> None:
    client = client_for(Role.CALL_HANDLER)
    response = client.get("/children-and-families/new/")
    assert response.status_code == 302
    assert response["Location"] == SEARCH
    results = page(search(client, given_name="Kai", family_name="Brennan"))
    create = results.find("a", string="Create a new record")["href"]
    form = page(client.get(create))
    assert form.select_one("#id_given_name")["value"] == "Kai"
    assert form.select_one("#id_family_name")["value"] == "Brennan"


def test_a_double_submitted_create_makes_one_record(client_for) -> None:
    client = client_for(Role.CALL_HANDLER)
    results = page(search(client, given_name="Kai", family_name="Brennan"))
    create = results.find("a", string="Create a new record")["href"]
    form = page(client.get(create))
    data = {
        "search": form.select_one("[name=search]")["value"],
        "creation_key": form.select_one("[name=creation_key]")["value"],
        "given_name": "Kai",
        "family_name": "Brennan",
        "sex": "M",
        "nhs_number": "999 000 0018",
    }
    first = client.post("/children-and-families/new/", data)
    second = client.post("/children-and-families/new/", data)
    assert first["Location"] == second["Location"]
    person = Person.objects.get(family_name="Brennan")
    assert person.nhs_number == "9990000018"
    assert person.la_child_id.startswith("WX")
    assert CaseEvent.objects.filter(kind="person.created", subject_id=str(person.pk)).count() == 1


def test_record_page_shows_family_household_and_flags(client_for, family) -> None:
    html = page(
        client_for(Role.CADS_SOCIAL_WORKER).get(f"/children-and-families/{family['child'].pk}/")
    )
    text = html.get_text(" ", strip=True)
    assert "Child protection plan" in text
    assert "943" not in text  # NHS number shown 999 000 0026 style
    assert "999 000 0026" in text
    network = html.find("h2", string="Family network").find_next("table").get_text(" ", strip=True)
    assert "Sarah Hollis Parent or carer Yes" in network
    assert "Sarah Hollis" in html.find("h3", string="Who lives here now").find_next("ul").get_text()


def test_a_stale_edit_is_refused_and_the_input_kept(client_for, family) -> None:
    child = family["child"]
    first, second = client_for(Role.CADS_SOCIAL_WORKER), client_for(Role.CALL_HANDLER)
    url = f"/children-and-families/{child.pk}/edit/"
    base = {"family_name": "Hollis", "given_name": "Amelia", "sex": "F", "version": "1"}
    assert first.post(url, base | {"school": "Oakfield Primary"}).status_code == 302
    response = second.post(url, base | {"school": "Riverside Academy"})
    html = page(response)
    assert "Someone else changed this record" in html.select_one(".govuk-error-summary").get_text()
    assert html.select_one("#id_school")["value"] == "Riverside Academy"
    child.refresh_from_db()
    assert child.school == "Oakfield Primary"


@pytest.fixture
def restricted(family) -> Person:
    child = family["child"]
    Person.objects.filter(pk=child.pk).update(restricted=True, restriction_reason="high_profile")
    return child


def test_others_see_that_a_restricted_record_matched_but_not_its_content(
    client_for, restricted
) -> None:
    client = client_for(Role.CALL_HANDLER)
    html = page(search(client, family_name="Hollis", given_name="Amelia"))
    rows = [
        r.get_text(" ", strip=True) for r in html.select(".govuk-table__body .govuk-table__row")
    ]
    hidden = [r for r in rows if "Restricted record" in r]
    assert hidden
    assert "Amelia" not in hidden[0]
    assert "2018" not in hidden[0]
    record = client.get(f"/children-and-families/{restricted.pk}/")
    assert record.status_code == 403
    assert "Amelia" not in record.content.decode()
    assert not AccessLog.objects.filter(subject_id=str(restricted.pk)).exists()


def test_break_glass_needs_a_reason_is_logged_and_alerts_the_manager(
    client_for, make_user, restricted, django_capture_on_commit_callbacks
) -> None:
    make_user(Role.TEAM_MANAGER, username="manager")
    client = client_for(Role.CALL_HANDLER)
    url = f"/children-and-families/{restricted.pk}/break-glass/"
    empty = page(client.post(url, {"reason": ""}))
    assert "Enter why you need to open" in empty.select_one(".govuk-error-summary").get_text()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Police on the line about an incident now"})
    assert response.status_code == 302
    assert "Amelia" in client.get(f"/children-and-families/{restricted.pk}/").content.decode()
    log = AccessLog.objects.filter(subject_id=str(restricted.pk)).exclude(break_glass_reason="")
    assert log.get().break_glass_reason == "Police on the line about an incident now"
    assert BreakGlassAccess.objects.get().user.username == "call-handler"
    job = ProcrastinateJob.objects.get(task_name="cads.staff_email")
    assert "Amelia" not in str(job.args)
    assert "Hollis" not in str(job.args)
    manager_page = client_for(Role.TEAM_MANAGER).get("/children-and-families/break-glass/")
    assert "Police on the line" in manager_page.content.decode()


def test_a_manager_restricts_a_record_to_named_people(client_for, make_user, family) -> None:
    colleague = make_user(Role.CADS_SOCIAL_WORKER, username="named-worker")
    manager = client_for(Role.TEAM_MANAGER)
    url = f"/children-and-families/{family['child'].pk}/restriction/"
    response = manager.post(
        url, {"reason": "staff_relative", "users": [colleague.pk], "note": "Relative of staff"}
    )
    assert response.status_code == 302
    child = Person.objects.get(pk=family["child"].pk)
    assert child.restricted
    assert set(child.access_list.values_list("user__username", flat=True)) == {
        "named-worker",
        "team-manager",
    }
    assert (
        client_for(Role.CALL_HANDLER).get(f"/children-and-families/{child.pk}/").status_code == 403
    )


@pytest.mark.parametrize("role", [Role.MASH_PARTNER, Role.REFERRER])
def test_partners_and_referrers_cannot_search_the_register(client_for, role: str) -> None:
    client = client_for(role)
    assert search(client, family_name="Hollis").status_code == 403
    assert client.get(f"/children-and-families/{uuid.uuid4()}/").status_code == 403


@pytest.mark.parametrize("version", ["", "x", "9" * 30])
def test_an_unreadable_version_is_a_stale_edit_not_an_error_page(
    client_for, family, version: str
) -> None:
    child = family["child"]
    url = f"/children-and-families/{child.pk}/edit/"
    sent = {"family_name": "Hollis", "given_name": "Amelia", "sex": "F", "version": version}
    response = client_for(Role.CADS_SOCIAL_WORKER).post(url, sent | {"school": "Oakfield"})
    assert response.status_code == 200
    assert "Someone else changed this record" in page(response).get_text()
    child.refresh_from_db()
    assert child.school != "Oakfield"


def test_the_edit_and_family_find_pages_log_the_person_shown(client_for, family) -> None:
    child = family["child"]
    worker = client_for(Role.CADS_SOCIAL_WORKER)
    assert worker.get(f"/children-and-families/{child.pk}/edit/").status_code == 200
    found = worker.get(f"/children-and-families/{child.pk}/family/")
    assert found.status_code == 200
    screens = AccessLog.objects.filter(subject_id=str(child.pk)).values_list("screen", flat=True)
    assert {"people:person-edit", "people:family-find"} <= set(screens)
