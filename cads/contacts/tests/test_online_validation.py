"""The online form's error messages: specific GOV.UK wording in an error summary linking to
the field, and nothing already typed lost."""

from __future__ import annotations

import pytest
from django.test import Client

from cads.contacts.codes import ReferralSource
from cads.contacts.forms_online_you import ORGANISATION_TYPES
from cads.contacts.online import PROFESSIONAL_SOURCES
from cads.contacts.tests.test_online_form import CHILD, PROFESSIONAL, P, html, start, step

pytestmark = pytest.mark.django_db


def summary(response) -> dict[str, str]:
    """Error summary messages and the field each one links to."""
    assert response.status_code == 200
    page = html(response)
    assert page.title.get_text().startswith("Error: ")
    return {
        a.get_text(strip=True): str(a["href"]) for a in page.select(".govuk-error-summary__list a")
    }


def test_a_child_without_a_date_of_birth_or_i_do_not_know(client: Client) -> None:
    data = CHILD | {"date_of_birth_day": "", "date_of_birth_month": "", "date_of_birth_year": ""}
    response = client.post(P + "children/1/", data)
    assert summary(response) == {
        "Enter the child's date of birth, for example 27 3 2019": "#id_date_of_birth_day"
    }
    # Nothing typed is lost.
    page = html(response)
    assert page.select_one("#id_given_name")["value"] == "Amelia"
    assert page.select_one("#id_address").get_text().strip() == "12 Mill Lane\nWessex Town"
    step(client, "children/1/", data | {"date_of_birth_unknown": "on"}, "children/")


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("7", "", "2018", "Child's date of birth must include a month"),
        ("31", "2", "2018", "Child's date of birth must be a real date"),
        ("7", "3", "18", "Year must include 4 numbers"),
        ("7", "3", "2999", "Child's date of birth must be today or in the past"),
    ],
)
def test_a_wrong_date_of_birth_says_what_is_wrong(
    client: Client, day: str, month: str, year: str, message: str
) -> None:
    data = CHILD | {
        "date_of_birth_day": day,
        "date_of_birth_month": month,
        "date_of_birth_year": year,
    }
    response = client.post(P + "children/1/", data)
    assert summary(response) == {message: "#id_date_of_birth_day"}


def test_a_child_needs_a_name_or_a_description_and_a_real_postcode(client: Client) -> None:
    response = client.post(P + "children/1/", CHILD | {"given_name": "", "postcode": "nonsense"})
    assert summary(response) == {
        "Enter the child's first name, or describe them if you do not know it": "#id_given_name",
        "Enter a real postcode, like SW1A 1AA": "#id_postcode",
    }


def test_each_question_page_names_what_to_answer(client: Client) -> None:
    expected = {
        "immediate-danger/": (
            "Select yes if a child is in immediate danger now",
            "#id_immediate_risk_0",
        ),
        "public-or-professional/": (
            "Select whether you are a member of the public or a professional",
            "#id_referrer_type_0",
        ),
        "what-is-worrying-you/": (
            "Enter what is worrying you about the child or children",
            "#id_concern",
        ),
        "does-the-family-know/": (
            "Select whether the child's family knows you are contacting us",
            "#id_parents_told_0",
        ),
    }
    for page, (message, target) in expected.items():
        assert summary(client.post(P + page, {})) == {message: target}, page


def test_text_longer_than_its_limit_is_refused_and_kept(client: Client) -> None:
    long = "a" * 5001
    response = client.post(P + "what-is-worrying-you/", {"concern": long})
    assert summary(response) == {
        "What is worrying you must be 5000 characters or fewer": "#id_concern"
    }
    assert html(response).select_one("#id_concern").get_text().strip() == long


def test_a_member_of_the_public_gives_a_way_to_contact_them(client: Client) -> None:
    start(client)
    step(client, "how-you-know-the-child/", {"relationship": "1A"})
    step(client, "stay-anonymous/", {"anonymous": "no"})
    response = client.post(P + "about-you/", {"name": "", "email": "not-an-email"})
    assert summary(response) == {
        "Enter your name": "#id_name",
        "Enter an email address in the correct format, like name@example.com": "#id_email",
        "Select yes if we can tell the family that you contacted us": (
            "#id_identity_may_be_shared_0"
        ),
    }
    response = client.post(P + "about-you/", {"name": "Pat", "identity_may_be_shared": "no"})
    assert summary(response) == {"Enter a phone number or an email address": "#id_phone"}
    response = client.post(
        P + "about-you/", {"name": "Pat", "phone": "call me", "identity_may_be_shared": "no"}
    )
    assert summary(response) == {
        "Enter a phone number, like 01632 960 001 or 07700 900 982": "#id_phone"
    }


def test_a_professional_gives_their_work_details(client: Client) -> None:
    start(client, who="professional")
    response = client.post(P + "about-you/", {})
    assert list(summary(response)) == [
        "Enter your name",
        "Enter your job title",
        "Select the type of organisation you work for",
        "Enter the name of your organisation",
        "Enter your work phone number",
        "Enter your work email address",
    ]
    step(client, "about-you/", PROFESSIONAL, "confirm-your-email/")


def test_a_professional_says_why_they_have_not_asked_for_consent(client: Client) -> None:
    start(client, who="professional")
    response = client.post(P + "parents-agreement/", {"consent": "not_sought"})
    assert summary(response) == {
        "Select why you have not asked them": "#id_consent_not_sought_reason_0"
    }
    response = client.post(
        P + "parents-agreement/",
        {"consent": "not_sought", "consent_not_sought_reason": "other"},
    )
    assert summary(response) == {"Tell us why you have not asked them": "#id_consent_reason_detail"}


def test_organisation_types_cover_every_professional_referral_source() -> None:
    assert set(ORGANISATION_TYPES) == {str(s) for s in PROFESSIONAL_SOURCES}
    assert ReferralSource.ANONYMOUS not in PROFESSIONAL_SOURCES
