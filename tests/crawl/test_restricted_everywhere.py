"""A restricted child is shown only through the one restriction check, on every path
(ADR 0025): her relatives' pages, the screening history, the lists and exports, letters,
partner checks, linking a family member and the audit screens. Each test is something a
worker would see, and each failed before restriction was enforced beyond the person page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cads.audit.models import AccessLog
from cads.checks.selectors import information_to_share_default
from cads.letters.models import Letter
from cads.letters.workflow import LetterStatus
from cads.people.models import Relationship
from cads.people.services import relationship_add
from conftest import signed_in_client
from tests.crawl.world import RESTRICTED_GIVEN, SECRET_ADDRESS, World

pytestmark = pytest.mark.django_db
# As a worker reads them (cads.people.restriction).
RESTRICTED = "A restricted record"
ADDRESS_WITHHELD = "Address withheld"


def page(world: World, crawler: str, url: str) -> tuple[int, str]:
    response = signed_in_client(world.users[crawler]).get(url)
    return response.status_code, response.content.decode()


def text(html: str, selector: str) -> str:
    found = BeautifulSoup(html, "html.parser").select_one(selector)
    return found.get_text(" ", strip=True) if found else ""


# H1: relatives' pages and the history.


def test_her_mothers_page_says_a_restricted_record_lives_there_and_withholds_the_address(
    world: World,
) -> None:
    status, html = page(world, "call-handler", f"/children-and-families/{world.mother.pk}/")
    assert status == 200
    assert RESTRICTED_GIVEN not in html
    assert "14 June 2017" not in html
    assert SECRET_ADDRESS not in html
    assert ADDRESS_WITHHELD in html
    assert "Milo Hartley" in html
    assert RESTRICTED in html


def test_her_key_worker_sees_her_in_the_household(world: World) -> None:
    status, html = page(world, "key-worker", f"/children-and-families/{world.brother.pk}/")
    assert status == 200
    assert f"{RESTRICTED_GIVEN} Hartley" in html
    assert SECRET_ADDRESS in html


def test_the_screening_history_does_not_say_who_her_brother_lives_with(world: World) -> None:
    url = reverse("screening:history", args=[world.contacts["shared"].pk])
    status, html = page(world, "social-worker", url)
    assert status == 200
    assert RESTRICTED_GIVEN not in html
    assert RESTRICTED in html


# H2: linking a family member.


def test_a_family_name_search_to_link_gives_no_way_to_her_record(world: World) -> None:
    url = reverse("people:family-find", args=[world.other_child.pk]) + "?family_name=Hartley"
    status, html = page(world, "call-handler", url)
    assert status == 200
    assert "A restricted record matched" in html
    assert str(world.restricted.pk) not in html
    assert RESTRICTED_GIVEN not in html


def test_the_link_page_for_her_id_is_refused_and_names_nobody(world: World) -> None:
    url = reverse("people:family-link", args=[world.other_child.pk, world.restricted.pk])
    client = signed_in_client(world.users["call-handler"])
    shown = client.get(url)
    assert shown.status_code == 403
    assert RESTRICTED_GIVEN not in shown.content.decode()
    posted = client.post(url, {"kind": "sibling", "parental_responsibility": "not_known"})
    assert posted.status_code == 403
    assert not Relationship.objects.filter(from_person=world.other_child).exists()
    assert not Relationship.objects.filter(to_person=world.other_child).exists()


def test_linking_her_needs_the_access_reading_her_needs(world: World) -> None:
    with pytest.raises(PermissionDenied):
        relationship_add(
            actor=world.users["social-worker"],
            from_person=world.restricted,
            to_person=world.other_child,
            kind="sibling",
        )
    relationship_add(
        actor=world.users["key-worker"],
        from_person=world.restricted,
        to_person=world.other_child,
        kind="sibling",
    )


# H3: every list, export, letter and check.

LISTS: dict[str, str] = {
    "contacts:queue": "call-handler",
    "contacts:drafts": "call-handler",
    "screening:tray": "social-worker",
    "decisions:sign-off-list": "team-manager",
    "decisions:early-help-list": "early-help",
    "referrals:yours": "assessment-worker",
    "reporting:dashboard": "head-of-service",
    "reporting:data-quality": "head-of-service",
}


@pytest.mark.parametrize("name", LISTS)
def test_lists_name_her_only_as_a_restricted_record(world: World, name: str) -> None:
    status, html = page(world, LISTS[name], reverse(name))
    assert status == 200
    assert RESTRICTED_GIVEN not in html
    assert RESTRICTED in html


@pytest.mark.parametrize(
    "url",
    [
        "/reporting/open-contacts/csv/",
        "/reporting/data-quality/missing-ethnicity/csv/",
        "/reporting/data-quality/missing-nhs-number/csv/",
    ],
)
def test_exports_name_her_only_as_a_restricted_record(world: World, url: str) -> None:
    status, csv = page(world, "head-of-service", url)
    assert status == 200
    assert RESTRICTED_GIVEN not in csv
    assert RESTRICTED in csv
    assert "Milo Hartley" in csv or "missing" in url


def test_her_referral_and_early_help_request_name_her_only_as_restricted(world: World) -> None:
    for crawler, url in (
        ("assessment-worker", reverse("referrals:referral-detail", args=[world.ids["referral"]])),
        ("early-help", reverse("decisions:early-help-detail", args=[world.ids["early-help"]])),
    ):
        status, html = page(world, crawler, url)
        assert status == 200
        assert RESTRICTED_GIVEN not in html
        assert "14 June 2017" not in html


def test_a_letter_about_her_is_written_only_by_someone_with_access(world: World) -> None:
    url = reverse("letters:preview", args=[world.contacts["shared"].pk, "family"])
    status, html = page(world, "social-worker", url)
    assert status == 403
    assert RESTRICTED_GIVEN not in html
    assert SECRET_ADDRESS not in html
    status, html = page(world, "key-worker", url)
    assert status == 200
    assert RESTRICTED_GIVEN in html
    # The automatic acknowledgement waits for a person with access instead of going out.
    letter = Letter.objects.get(contact=world.contacts["shared"], kind="acknowledgement")
    assert letter.status == LetterStatus.TO_SEND
    other = Letter.objects.get(contact=world.contacts["other-family"], kind="acknowledgement")
    assert other.status == LetterStatus.SENT


def test_a_partner_check_is_not_prefilled_with_her_details(world: World) -> None:
    contact = world.contacts["shared"]
    default = information_to_share_default(contact, world.users["social-worker"])
    assert RESTRICTED_GIVEN not in default
    assert "14 June 2017" not in default
    assert "Milo Hartley" in default
    assert RESTRICTED_GIVEN in information_to_share_default(contact, world.users["key-worker"])


def test_a_name_in_a_list_is_a_logged_view_and_hers_is_not(world: World) -> None:
    page(world, "call-handler", reverse("contacts:queue"))
    logged = set(
        AccessLog.objects.filter(
            actor=world.users["call-handler"], screen="contacts:queue"
        ).values_list("subject_id", flat=True)
    )
    assert str(world.brother.pk) in logged
    assert str(world.restricted.pk) not in logged


# M1: the audit screens.


def test_who_viewed_her_is_titled_a_restricted_record_without_her_search_terms(
    world: World,
) -> None:
    url = reverse("oversight:who-viewed", args=["person", world.restricted.pk])
    status, html = page(world, "team-manager", url)
    assert status == 200
    assert text(html, "h1") == "Who viewed a restricted record"
    assert RESTRICTED_GIVEN not in html
    assert "2017-06-14" not in html
    status, html = page(world, "key-worker", url)  # not a manager: no access-log permission
    assert status == 403


def test_the_administrator_reads_no_persons_name_or_search_terms(world: World) -> None:
    url = reverse("oversight:who-viewed", args=["person", world.mother.pk])
    signed_in_client(world.users["call-handler"]).get(
        reverse("people:person-search") + "?family_name=Hartley&given_name=Jade"
    )
    status, html = page(world, "administrator", url)
    assert status == 200
    assert "Jade" not in html
    assert "Hartley" not in html
    assert "Not shown" in html
    status, html = page(world, "administrator", reverse("people:break-glass-list"))
    assert status == 200
    assert "Her school rang" not in html


def test_team_managers_review_break_glass_reasons_without_access(world: World) -> None:
    status, html = page(world, "team-manager", reverse("people:break-glass-list"))
    assert status == 200
    assert "Her school rang at 2am" in html
