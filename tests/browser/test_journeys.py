"""Real journeys in Chromium: sign-in with two factors per role, the access log, the
authority settings with a mistake corrected, lockout, errors and the idle warning."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from cads.accounts.roles import Role
from cads.people.models import Sex
from cads.people.services import person_create
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

CASEWORK = ["Record a contact", "Your drafts", "Consultations"]
pytestmark = pytest.mark.django_db(transaction=True)


def navigation(page: Page) -> list[str]:
    links = page.locator(".govuk-service-navigation__list .govuk-service-navigation__link")
    return [text.strip() for text in links.all_inner_texts()]


@pytest.mark.parametrize(
    ("role", "expected_nav"),
    [
        (Role.CALL_HANDLER, ["Home", "Front door queue", *CASEWORK, "Children and families"]),
        (
            Role.CADS_SOCIAL_WORKER,
            [
                "Home",
                *CASEWORK,
                "Work tray",
                "Your alerts",
                "Children and families",
                "Possible duplicates",
            ],
        ),
        (
            Role.TEAM_MANAGER,
            [
                "Home",
                *CASEWORK,
                "Work tray",
                "Your alerts",
                "Team overview",
                "Awaiting sign-off",
                "Authorisations",
                "Referrals to allocate",
                "Early Help requests",
                "Children and families",
                "Possible duplicates",
                "Management information",
                "Access log",
            ],
        ),
        (Role.MASH_PARTNER, ["Home", "Partner checks"]),
    ],
)
def test_each_role_signs_in_with_two_factors_and_sees_its_navigation(
    page: Page,
    make_user,
    role: str,
    expected_nav: list[str],
) -> None:
    user = make_user(role)
    sign_in(page, user, check=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Test")
    expect(page.locator("main")).to_contain_text(role)
    assert navigation(page)[:-1] == expected_nav
    assert navigation(page)[-1].startswith("Sign out")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")


def test_manager_sees_who_viewed_a_child_record(page: Page, make_user) -> None:
    person_create(
        actor=None, given_name="Ellie", family_name="Marsh", date_of_birth=None, sex=Sex.FEMALE
    )
    sign_in(page, make_user(Role.TEAM_MANAGER))
    page.get_by_role("link", name="Children and families").click()
    page.get_by_label("Last name").fill("Marsh")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("link", name="Ellie Marsh").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ellie Marsh")
    assert_accessible(page)
    page.get_by_role("link", name="Who viewed this record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who viewed Ellie Marsh")
    # Two views: the search result that showed her, then the record itself.
    expect(page.locator("tbody tr")).to_have_count(2)
    expect(page.locator("tbody tr").first).to_contain_text("Test Team manager")
    assert_accessible(page)
    page.locator(".govuk-back-link", has_text="Access log").click()
    expect(page.locator("tbody tr")).to_have_count(2)
    assert_accessible(page)


def test_administrator_corrects_a_mistake_in_the_authority_settings(
    page: Page,
    make_user,
) -> None:
    sign_in(page, make_user(Role.ADMINISTRATOR))
    page.get_by_role("link", name="Authority settings").click()
    page.get_by_label("Authority name").fill("Borsetshire Council")
    page.get_by_label("DfE LA code").fill("93")
    page.get_by_role("button", name="Save settings").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the DfE local authority code as 3 digits, like 938")
    expect(page).to_have_title(re.compile(r"^Error: Authority settings"))
    # What was typed is kept.
    expect(page.get_by_label("Authority name")).to_have_value("Borsetshire Council")
    assert_accessible(page)
    summary.get_by_role("link").click()
    expect(page.get_by_label("DfE LA code")).to_be_focused()
    page.get_by_label("DfE LA code").fill("938")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Authority settings saved"
    )
    expect(page.locator(".govuk-generic-header")).to_contain_text("Borsetshire Council")
    assert_accessible(page)


def test_five_wrong_passwords_lock_the_account(page: Page, make_user, console_watch) -> None:
    user = make_user(Role.CALL_HANDLER)
    # The locked-out page is answered 429 Too Many Requests, which Chromium logs as a failed
    # load; the journey locks the account on purpose.
    console_watch.expect(
        "/sign-in/: Failed to load resource: the server responded with a status of 429"
    )
    page.goto("/sign-in/")
    for _ in range(5):
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is locked")
    assert_accessible(page)


def test_not_found_and_forbidden_pages(page: Page, make_user, console_watch) -> None:
    # Both pages are visited on purpose and answered 404 and 403, which Chromium logs as
    # failed loads.
    console_watch.expect(
        "/no-such-page/: Failed to load resource: the server responded with a status of 404"
    )
    console_watch.expect(
        "/authority-settings/: Failed to load resource: the server responded with a status of 403"
    )
    sign_in(page, make_user(Role.CALL_HANDLER))
    page.goto("/no-such-page/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)
    page.goto("/authority-settings/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You do not have permission to see this page"
    )
    assert_accessible(page)


def test_idle_warning_lets_the_user_stay_signed_in(page: Page, make_user, settings) -> None:
    settings.CADS_IDLE_TIMEOUT_MINUTES = 3
    settings.CADS_IDLE_WARNING_MINUTES = 1
    page.clock.install()
    sign_in(page, make_user(Role.CALL_HANDLER))
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("02:05")
    expect(dialog).to_contain_text("You will be signed out soon")
    expect(page.get_by_role("button", name="Stay signed in")).to_be_focused()
    assert_accessible(page)
    page.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("01:00")
    expect(dialog).to_be_hidden()
    # Left alone past the limit, the page signs the user out and says why.
    page.clock.fast_forward("03:00")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "You were signed out because you were inactive"
    )
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
