"""A call handler looks up a family in which one child is restricted (ADR 0025): the search
finds the mother and brother with their address withheld, the mother's record lists "A
restricted record" in her household, and linking a relative offers no way to the restricted
child. Screenshots in /tmp/restrict-*.png."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from cads.accounts.roles import Role
from cads.people.models import Person, RelationshipKind
from cads.people.services import household_create, person_create, relationship_add
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(tempfile.gettempdir())


def seed() -> tuple[Person, Person]:
    home = household_create(actor=None, address="7 Larkspur Close\nWessex", postcode="WX9 7QT")
    born = {"Jade": datetime.date(1990, 2, 3), "Ottoline": datetime.date(2017, 6, 14)}
    mother, child = (
        person_create(
            actor=None, household=home, given_name=name, family_name="Hartley", sex="F",
            date_of_birth=born[name],
        )
        for name in ("Jade", "Ottoline")
    )  # fmt: skip
    relationship_add(
        actor=None,
        from_person=mother,
        to_person=child,
        kind=RelationshipKind.PARENT,
        parental_responsibility=True,
    )
    Person.objects.filter(pk=child.pk).update(restricted=True, restriction_reason="domestic_abuse")
    return mother, child


def test_a_restricted_childs_mother_and_the_family_link_search(page: Page, make_user) -> None:
    mother, child = seed()
    sign_in(page, make_user(Role.CALL_HANDLER))
    page.get_by_role("link", name="Children and families").click()
    page.get_by_label("Last name", exact=True).fill("Hartley")
    page.get_by_role("button", name="Search").click()
    results = page.locator("main table")
    expect(results).to_contain_text("Jade Hartley")
    expect(results).to_contain_text("Address withheld")
    expect(results).to_contain_text("A restricted record matched this search")
    expect(results).not_to_contain_text("Ottoline")
    expect(results).not_to_contain_text("Larkspur")
    assert_accessible(page)
    page.screenshot(path=SHOTS / "restrict-1-search.png", full_page=True)

    page.get_by_role("link", name="Jade Hartley").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jade Hartley")
    main = page.locator("main")
    expect(main).to_contain_text("Address withheld: someone with a restricted record lives here")
    expect(main).to_contain_text("A restricted record")
    expect(main).not_to_contain_text("Ottoline")
    expect(main).not_to_contain_text("14 June 2017")
    assert_accessible(page)
    page.screenshot(path=SHOTS / "restrict-2-mother.png", full_page=True)

    page.goto(f"/children-and-families/{mother.pk}/family/?family_name=Hartley")
    expect(main).to_contain_text("Only people on its access list can link or add it")
    assert str(child.pk) not in page.content()
    assert_accessible(page)
    page.screenshot(path=SHOTS / "restrict-3-family-find.png", full_page=True)
