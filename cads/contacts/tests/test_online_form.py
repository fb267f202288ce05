"""The public online form through the test client: the journeys, check answers, the emergency
line on every page, and that no public page ever shows a record."""

from __future__ import annotations

import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import get_resolver

from cads.audit.models import CaseEvent
from cads.contacts.codes import Channel, ContactKind
from cads.contacts.models import Contact
from cads.contacts.workflow import Status
from cads.core.access import access_of
from tests.architecture import iter_routes

pytestmark = pytest.mark.django_db
P = "/report-a-concern/"
EMERGENCY = "In an emergency call 999. Out of hours call 03069 990099."

CHILD = {
    "given_name": "Amelia",
    "family_name": "Hollis",
    "date_of_birth_day": "7",
    "date_of_birth_month": "3",
    "date_of_birth_year": "2018",
    "address": "12 Mill Lane\nWessex Town",
    "postcode": "wx1 2ab",
    "school": "Mill Lane Primary",
}
PARENT = {
    "given_name": "Sarah",
    "family_name": "Hollis",
    "relationship": "Mother",
    "phone": "07700 900982",
}
CONCERN = "Amelia has bruises on her arms and says she is scared to go home."


def html(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def errors(response) -> list[str]:
    return [a.get_text(strip=True) for a in html(response).select(".govuk-error-summary__list a")]


def step(client: Client, page: str, data: dict[str, Any], expect: str | None = None) -> Any:
    """Post one page; it must be accepted (a redirect), to `expect` when given."""
    response = client.post(P + page, data)
    assert response.status_code == 302, errors(response) or response.status_code
    if expect is not None:
        assert response["Location"] == P + expect
    return response


def start(client: Client, *, risk: str = "no", who: str = "public") -> None:
    step(client, "immediate-danger/", {"immediate_risk": risk})
    step(client, "public-or-professional/", {"referrer_type": who}, "children/")
    step(client, "children/1/", CHILD, "children/")
    step(client, "children/", {"answer": "no"}, "parents-and-carers/")
    step(client, "parents-and-carers/", {"answer": "yes"}, "parents-and-carers/1/")
    step(client, "parents-and-carers/1/", PARENT, "parents-and-carers/")
    step(client, "parents-and-carers/", {"answer": "no"}, "what-is-worrying-you/")
    step(client, "what-is-worrying-you/", {"concern": CONCERN}, "what-happened-today/")
    step(client, "what-happened-today/", {"different_today": "She cried at school today."})
    step(client, "does-the-family-know/", {"parents_told": "no"})


def walk_public(client: Client, *, anonymous: bool = False, **kwargs: Any) -> None:
    start(client, **kwargs)
    step(
        client,
        "how-you-know-the-child/",
        {"relationship": "1B", "relationship_detail": "Neighbour"},
    )
    if anonymous:
        step(client, "stay-anonymous/", {"anonymous": "yes"}, "check-your-answers/")
        return
    step(client, "stay-anonymous/", {"anonymous": "no"}, "about-you/")
    details = {"name": "Pat Jones", "phone": "01632 960001", "identity_may_be_shared": "no"}
    step(client, "about-you/", details, "check-your-answers/")


PROFESSIONAL = {
    "name": "Dana Reid",
    "job_title": "Designated safeguarding lead",
    "organisation_type": "2A",
    "organisation": "Mill Lane Primary",
    "phone": "01632 960002",
    "email": "dana.reid@example.org",
    "how_well_known": "Amelia's school since reception",
}


def walk_professional(client: Client) -> None:
    start(client, who="professional")
    step(
        client,
        "parents-agreement/",
        {"consent": "not_sought", "consent_not_sought_reason": "risk_of_harm"},
    )
    step(client, "about-you/", PROFESSIONAL, "confirm-your-email/")


def submit(client: Client) -> Any:
    page = client.get(P + "check-your-answers/")
    assert page.status_code == 200, page.get("Location")
    key = html(page).select_one("input[name=submission_key]")["value"]
    return client.post(P + "check-your-answers/", {"submission_key": key})


def test_a_member_of_the_public_sends_a_report(client: Client) -> None:
    walk_public(client)
    response = submit(client)
    assert response["Location"] == P + "report-sent/"
    contact = Contact.objects.get()
    assert (contact.channel, contact.kind, contact.status) == (
        Channel.ONLINE,
        ContactKind.CONTACT,
        Status.SUBMITTED,
    )
    assert contact.created_by is None
    assert re.fullmatch(r"C-\d{4}-\d{6}", contact.reference or "")
    assert contact.referral_source == "1B"
    assert contact.referrer_name == "Pat Jones"
    assert contact.referrer_identity_may_be_shared is False
    assert contact.rag == ""
    assert contact.queue_from == contact.received_at
    confirmation = client.get(P + "report-sent/")
    panel = html(confirmation).select_one(".govuk-panel--confirmation")
    assert contact.reference in panel.get_text()
    events = CaseEvent.objects.filter(subject_id=str(contact.pk))
    # Recorded from the answers, then submitted through the one service every channel uses.
    assert sorted(e.kind for e in events) == ["contact.received_online", "contact.submitted"]


def test_reported_people_hold_the_children_and_parents_as_described(client: Client) -> None:
    walk_public(client)
    submit(client)
    people = Contact.objects.get().reported_people
    assert people == [
        {
            "role": "child",
            "given_name": "Amelia",
            "family_name": "Hollis",
            "date_of_birth": "2018-03-07",
            "relationship": "",
            "address": "12 Mill Lane\nWessex Town",
            "postcode": "WX1 2AB",
            "school": "Mill Lane Primary",
            "phone": "",
        },
        {
            "role": "parent_carer",
            "given_name": "Sarah",
            "family_name": "Hollis",
            "date_of_birth": None,
            "relationship": "Mother",
            "address": "",
            "postcode": "",
            "school": "",
            "phone": "07700 900982",
        },
    ]


def test_immediate_danger_shows_the_emergency_interruption_and_marks_red(client: Client) -> None:
    response = client.post(P + "immediate-danger/", {"immediate_risk": "yes"})
    assert response["Location"] == P + "call-999-now/"
    card = html(client.get(P + "call-999-now/")).select_one(".govuk-panel--interruption")
    assert card.h1.get_text() == "Call 999 now"
    assert "03069 990099" in card.get_text()
    assert card.select_one("a.govuk-button")["href"] == P + "public-or-professional/"
    walk_public(client, risk="yes")
    submit(client)
    contact = Contact.objects.get()
    assert contact.immediate_risk is True
    assert contact.rag == "red"
    assert "immediate danger" in client.get(P + "report-sent/").content.decode()


def test_a_double_click_on_send_makes_one_contact(client: Client) -> None:
    walk_public(client)
    page = client.get(P + "check-your-answers/")
    key = html(page).select_one("input[name=submission_key]")["value"]
    first = client.post(P + "check-your-answers/", {"submission_key": key})
    second = client.post(P + "check-your-answers/", {"submission_key": key})
    assert first["Location"] == second["Location"] == P + "report-sent/"
    assert Contact.objects.count() == 1


def test_an_anonymous_member_of_the_public_gives_no_details(client: Client) -> None:
    start(client)
    step(client, "how-you-know-the-child/", {"relationship": "1A"})
    step(client, "stay-anonymous/", {"anonymous": "no"})
    step(
        client,
        "about-you/",
        {"name": "Pat Jones", "phone": "01632 960001", "identity_may_be_shared": "yes"},
    )
    # Changes their mind from check answers: what they typed about themselves is not kept.
    step(client, "stay-anonymous/?return=check", {"anonymous": "yes"}, "check-your-answers/")
    submit(client)
    contact = Contact.objects.get()
    assert contact.referrer_anonymous is True
    assert contact.referral_source == "9"
    assert (contact.referrer_name, contact.referrer_phone) == ("", "")
    assert "stay anonymous" in client.get(P + "report-sent/").content.decode()


def test_professionals_cannot_stay_anonymous(client: Client) -> None:
    walk_public(client, anonymous=True)
    step(client, "public-or-professional/?return=check", {"referrer_type": "professional"})
    # The anonymity question is not for professionals: it sends them back.
    assert client.get(P + "stay-anonymous/").status_code == 302
    client.post(P + "stay-anonymous/", {"anonymous": "yes"})
    # Check answers asks the professional's own questions before it can be sent.
    response = client.get(P + "check-your-answers/")
    assert response["Location"] == P + "parents-agreement/?return=check"
    step(client, "parents-agreement/?return=check", {"consent": "given"})
    assert client.get(P + "check-your-answers/")["Location"] == P + "about-you/?return=check"
    step(client, "about-you/?return=check", PROFESSIONAL)
    assert client.get(P + "check-your-answers/")["Location"] == (
        P + "confirm-your-email/?return=check"
    )
    step(client, "confirm-your-email/?return=check", {"action": "skip"})
    submit(client)
    contact = Contact.objects.get()
    assert contact.referrer_anonymous is False
    assert contact.referral_source == "2A"
    assert contact.referrer_name == "Dana Reid"
    assert contact.consent == "given"


def test_check_answers_has_a_change_link_for_every_answer(client: Client) -> None:
    walk_public(client)
    page = html(client.get(P + "check-your-answers/"))
    rows = page.select(".govuk-summary-list__row")
    assert len(rows) >= 10
    for row in rows:
        link = row.select_one(".govuk-summary-list__actions a")
        assert link["href"].endswith("?return=check"), row.get_text()
        assert link.select_one(".govuk-visually-hidden").get_text().strip()
    step(
        client, "what-is-worrying-you/?return=check", {"concern": "Changed"}, "check-your-answers/"
    )
    assert "Changed" in client.get(P + "check-your-answers/").content.decode()


def test_several_children_with_add_another_and_remove(client: Client) -> None:
    step(client, "children/1/", CHILD, "children/")
    step(client, "children/", {"answer": "yes"}, "children/2/")
    step(
        client,
        "children/2/",
        CHILD
        | {
            "given_name": "Noah",
            "date_of_birth_day": "",
            "date_of_birth_month": "",
            "date_of_birth_year": "",
            "date_of_birth_unknown": "on",
        },
    )
    listing = html(client.get(P + "children/"))
    assert listing.h1.get_text() == "You have added 2 children"
    assert [dt.get_text() for dt in listing.select("dt")] == ["Amelia Hollis", "Noah Hollis"]
    step(client, "children/1/remove/", {"answer": "yes"}, "children/")
    listing = html(client.get(P + "children/"))
    assert [dt.get_text() for dt in listing.select("dt")] == ["Noah Hollis"]


def test_a_page_beyond_the_visitors_own_answers_is_not_found(client: Client) -> None:
    assert client.get(P + "children/3/").status_code == 404
    assert client.get(P + "children/1/remove/").status_code == 404
    assert client.get(P + "parents-and-carers/2/").status_code == 404


def test_the_confirmation_shows_only_this_visitors_own_reference(client: Client) -> None:
    walk_public(client)
    submit(client)
    reference = Contact.objects.get().reference
    assert reference
    stranger = Client()
    response = stranger.get(P + "report-sent/")
    assert response["Location"] == P
    assert reference not in stranger.get(P).content.decode()


def test_no_online_page_takes_a_record_id_and_all_are_public() -> None:
    routes = [r for r in iter_routes(get_resolver().url_patterns) if r.name.startswith("online:")]
    assert len(routes) == 21
    for route in routes:
        assert access_of(route.view).kind == "public", route.name
        assert not re.search(r"<(?!int:number>)", route.path), route.path


PAGES = [
    "",
    "immediate-danger/",
    "call-999-now/",
    "public-or-professional/",
    "children/1/",
    "parents-and-carers/",
    "what-is-worrying-you/",
    "what-happened-today/",
    "does-the-family-know/",
]


def emergency_first(response) -> str:
    """The text of the first thing in <main> (the warning icon is hidden from readers)."""
    first = html(response).select_one("main").find(True)
    assert first["id"] == "emergency-numbers"
    return " ".join(first.select_one(".govuk-warning-text__text").get_text().split())


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_emergency_numbers_first(client: Client, page: str) -> None:
    assert emergency_first(client.get(P + page)) == EMERGENCY


def test_the_later_pages_show_the_emergency_numbers_first(client: Client) -> None:
    walk_professional(client)
    for page in ["parents-agreement/", "about-you/", "confirm-your-email/", "enter-code/"]:
        assert emergency_first(client.get(P + page)) == EMERGENCY, page
    step(client, "confirm-your-email/", {"action": "skip"}, "check-your-answers/")
    assert emergency_first(client.get(P + "check-your-answers/")) == EMERGENCY
    submit(client)
    assert emergency_first(client.get(P + "report-sent/")) == EMERGENCY


def test_signed_out_visitors_see_the_authority_and_no_service_navigation(client: Client) -> None:
    page = html(client.get(P))
    assert "Wessex County Council" in page.select_one(".govuk-generic-header").get_text()
    assert page.select(".govuk-service-navigation__list") == []
