"""Acceptance journey (the whole record, ADR 0021): a neighbour reports two siblings through
the public online form, anonymously, with their names and address but no dates of birth.
The screener sees both as "named, not yet identified" on the work tray and the screening
page, tries a section 47 decision and is refused with a message naming the children, finds
one sibling already on record through the search filled in from the report and creates the
other, and decides a strategy discussion, which a team manager authorises without consent
and signs off. Two referrals follow; both children are in Annex A list 3 and in the CIN
census for the year. axe on every page; screenshots to /tmp/named-*.png."""

from __future__ import annotations

import datetime
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from cads.accounts.roles import Role
from cads.contacts.models import Contact
from cads.people.services import household_create, person_create
from cads.referrals.models import Referral
from cads.returns.services import annex_a_export, cin_census_export
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in
from tests.browser.online_form_steps import tell_the_concern

pytestmark = pytest.mark.django_db(transaction=True)
ADDRESS = "14 Larch Close, Wessex"
POSTCODE = "WX4 7QT"
REFUSED = (
    "Identify Ruby Ashdown and Finn Ashdown, or record why they cannot be identified, "
    "before deciding"
)


def shot(page: Page, name: str) -> None:
    page.screenshot(path=Path(tempfile.gettempdir()) / f"named-{name}.png", full_page=True)


def arrive(page: Page, heading: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)


def answer(page: Page, heading: str, choice: str) -> None:
    arrive(page, heading)
    page.get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Continue").click()


def add_child(page: Page, heading: str, given_name: str) -> None:
    arrive(page, heading)
    page.get_by_label("First name", exact=True).fill(given_name)
    page.get_by_label("Last name (optional)", exact=True).fill("Ashdown")
    page.get_by_label("Address (optional)", exact=True).fill(ADDRESS)
    page.get_by_label("Postcode (optional)", exact=True).fill(POSTCODE)
    page.get_by_label("I do not know their date of birth").check()
    page.get_by_role("button", name="Continue").click()


def report_two_siblings(page: Page) -> Contact:
    """A neighbour's anonymous report through /report-a-concern/: names and address only."""
    page.goto("/report-a-concern/")
    arrive(page, "Tell us you are worried about a child")
    page.get_by_role("button", name="Start now").click()
    answer(page, "Is a child in immediate danger now?", "No")
    answer(
        page,
        "Are you a member of the public or a professional?",
        "A member of the public, for example a relative, neighbour or friend",
    )
    add_child(page, "About the child", "Ruby")
    answer(page, "You have added 1 child", "Yes")
    add_child(page, "About the child (2)", "Finn")
    answer(page, "You have added 2 children", "No")
    answer(page, "Parents and carers", "No")
    tell_the_concern(
        page,
        "Ruby and Finn have been shouted at and hit in the garden; Finn had a black eye.",
        anonymous=True,
    )
    arrive(page, "Check your answers before sending your report")
    page.get_by_role("button", name="Send report").click()
    arrive(page, "Report sent")
    return Contact.objects.get()


def staff_page(browser: Browser, live_server) -> Page:
    page = browser.new_context(base_url=live_server.url).new_page()
    page.set_default_timeout(10_000)
    return page


def choose_role(page: Page, name: str) -> None:
    arrive(page, "Their role in this contact")
    expect(page.get_by_label("Child the concern is about")).to_be_checked()
    page.get_by_label("Where is the child now?").fill("Not known: the screener will ask school")
    page.get_by_role("button", name="Add to this contact").click()
    arrive(page, "Screening")
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text(f"{name} identified")


def identify_both(page: Page) -> None:
    """Ruby is on record already (found by names and address); Finn is created."""
    page.get_by_role("link", name="Find or add Ruby Ashdown").click()
    arrive(page, "Find or add Ruby Ashdown")
    expect(page.get_by_label("Last name")).to_have_value("Ashdown")
    shot(page, "4-search")
    page.get_by_role("link", name="Choose Ruby Ashdown").click()
    choose_role(page, "Ruby Ashdown")

    page.get_by_role("link", name="Find or add Finn Ashdown").click()
    arrive(page, "Find or add Finn Ashdown")
    page.get_by_role("button", name="Create a new record").click()
    arrive(page, "Create a record")
    expect(page.get_by_label("First name", exact=True)).to_have_value("Finn")
    page.get_by_label("Male", exact=True).check()
    page.get_by_label(f"Same address as others on this contact: {ADDRESS}").check()
    shot(page, "5-create")
    page.get_by_role("button", name="Create record and continue").click()
    choose_role(page, "Finn Ashdown")
    named = page.locator("[data-named-people]")
    expect(named.locator(".govuk-tag", has_text="Identified")).to_have_count(2)
    shot(page, "6-identified")


def decide_section_47(page: Page, contact: Contact) -> None:
    page.goto(f"/decisions/contact/{contact.pk}/new/")
    arrive(page, "Record a decision")
    page.get_by_label("Strategy discussion (section 47)", exact=True).check()
    page.get_by_label("Reasons for your decision").fill(
        "Physical harm to both children reported by a neighbour: section 47 threshold met."
    )
    page.get_by_role("button", name="Continue").click()


def write_summary_and_record(page: Page) -> None:
    """The decision form's second step: what the referrer will read, pre-filled."""
    arrive(page, "What the referrer will read")
    page.get_by_role("button", name="Record decision").click()


def test_two_named_siblings_are_identified_before_a_section_47(
    page: Page, browser: Browser, live_server, make_user, tmp_path: Path
) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    manager = make_user(Role.TEAM_MANAGER)
    home = household_create(actor=None, address=ADDRESS, postcode=POSTCODE)
    ruby = person_create(actor=None, household=home, given_name="Ruby", family_name="Ashdown",
                         sex="F", date_of_birth=datetime.date(2016, 9, 14))  # fmt: skip

    contact = report_two_siblings(page)
    shot(page, "1-report-sent")

    desk = staff_page(browser, live_server)
    sign_in(desk, worker)
    desk.goto("/screening/tray/")
    arrive(desk, "Work tray")
    row = desk.locator(f"tr[data-reference='{contact.reference}']")
    expect(row.locator("[data-named] li")).to_have_text(
        ["Ruby Ashdown Named, not yet identified", "Finn Ashdown Named, not yet identified"]
    )
    shot(desk, "2-tray")
    row.get_by_role("link", name=str(contact.reference)).click()
    arrive(desk, "What we already know")
    desk.get_by_role("link", name="Continue to screening").click()
    arrive(desk, "Screening")
    expect(desk.locator("[data-named-people]")).to_contain_text("Named, not yet identified")

    decide_section_47(desk, contact)
    arrive(desk, "Record a decision")
    expect(desk.locator(".govuk-error-summary")).to_contain_text(REFUSED)
    shot(desk, "3-refused")

    desk.goto(f"/screening/{contact.pk}/")
    identify_both(desk)

    office = staff_page(browser, live_server)
    sign_in(office, manager)
    office.goto(f"/checks/contact/{contact.pk}/without-consent/")
    office.get_by_label("Why should checks go ahead without consent?").fill(
        "Anonymous report of physical harm: telling the parents first could put the children "
        "at risk"
    )
    office.get_by_role("button", name="Authorise checks").click()

    decide_section_47(desk, contact)
    write_summary_and_record(desk)
    arrive(desk, "Decision")
    expect(desk.locator("main")).to_contain_text("Awaiting sign-off")

    office.goto("/decisions/awaiting-sign-off/")
    arrive(office, "Awaiting sign-off")
    office.get_by_role("link", name=str(contact.reference)).click()
    office.get_by_role("link", name="Sign off or return").click()
    arrive(office, "Sign off the decision")
    office.get_by_label("Yes, agree the decision").check()
    office.get_by_role("button", name="Save sign-off").click()
    arrive(office, "Decision")
    expect(office.locator("main")).to_contain_text("Agreed by Test Team manager")
    expect(office.get_by_role("link", name="Ruby Ashdown")).to_be_visible()
    expect(office.get_by_role("link", name="Finn Ashdown")).to_be_visible()
    shot(office, "7-signed-off")

    desk.context.close()
    office.context.close()

    referrals = Referral.objects.filter(contact=contact).select_related("child")
    children = {r.child.la_child_id: r.child.full_name for r in referrals}
    assert sorted(children.values()) == ["Finn Ashdown", "Ruby Ashdown"]
    assert ruby.la_child_id in children

    today = timezone.localdate()
    annex = tmp_path / "annex-a.xlsx"
    annex_a_export(actor=manager, as_of=today, output=annex)
    list_3 = load_workbook(annex, read_only=True)["List 3"]
    assert {row[0] for row in list(list_3.iter_rows(values_only=True))[1:]} == set(children)

    year = today.year + 1 if today.month >= 4 else today.year
    census = tmp_path / "cin-census.xml"
    cin_census_export(actor=manager, year=year, output=census, force=True)
    root = ET.parse(census).getroot()  # noqa: S314 - our own export, just written
    ids = {e.text for e in root.iter() if e.tag.endswith("LAchildID")}
    assert set(children) <= ids
