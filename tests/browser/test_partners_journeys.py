"""Acceptance journeys for the partners' and referrers' ends of the work: a check answered
by phone and recorded on the partner's behalf; an Early Help decline that comes back to the
screeners' work tray; an Early Help acceptance and its assessment's completion date; a
school's safeguarding lead following their own contacts and acknowledging instructions.
Every page: axe at 1280 px and 320 px, no console errors."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.checks.tests.conftest import ask, orgs  # noqa: F401 - the fixture, used by name
from cads.contacts.codes import Consent, ReferralSource
from cads.contacts.models import Contact
from cads.decisions.tests.helpers import stepped_down, submitted_contact
from cads.letters.models import Letter, LetterKind
from cads.letters.tests.helpers import deliver_queued, named_contact, submit
from conftest import signed_in_client
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in
from tests.browser.watch import console_errors

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_check_answered_by_phone_is_recorded_on_the_partners_behalf(
    page: Page,
    make_user,
    orgs,  # noqa: F811 - the fixture
) -> None:
    screener = make_user(Role.CADS_SOCIAL_WORKER)
    contact = submitted_contact(screener)
    Contact.objects.filter(pk=contact.pk).update(consent=Consent.GIVEN, rag="amber")
    ask(contact, screener, orgs["health"])
    errors = console_errors(page)
    sign_in(page, screener)

    page.goto(f"/checks/contact/{contact.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Record their answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Record the answer from Wessex Community Health NHS Trust"
    )
    page.get_by_role("button", name="Record the answer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter who gave the answer")
    assert_accessible(page)
    now = timezone.localtime()
    page.get_by_label("Who gave the answer?").fill("Sam Patel, health visitor")
    page.get_by_label("By phone").check()
    page.get_by_label("Day").fill(str(now.day))
    page.get_by_label("Month").fill(str(now.month))
    page.get_by_label("Year").fill(str(now.year))
    page.get_by_label("Time the answer was given").fill(now.strftime("%H:%M"))
    page.get_by_label("Their answer").fill("Known to health visiting; seen 3 weeks ago, well.")
    page.get_by_role("button", name="Record the answer").click()

    main = page.locator("main")
    expect(main.locator(".govuk-notification-banner")).to_contain_text(
        "Answer from Wessex Community Health NHS Trust recorded"
    )
    expect(main).to_contain_text("Given by Sam Patel, health visitor by phone")
    expect(main).to_contain_text("Shared by Wessex Community Health NHS Trust")
    expect(main).to_contain_text("recorded by")
    expect(main.get_by_text("Completed", exact=True)).to_have_count(1)
    assert_accessible(page)
    assert errors == []


def test_early_help_declines_a_step_down_and_it_comes_back_to_the_tray(
    page: Page, browser: Browser, live_server, make_user
) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER, username="deciding-worker")
    advisor = make_user(Role.EARLY_HELP_ADVISOR)
    decision = stepped_down(worker, "Family would welcome support with routines")
    reference = decision.contact.reference
    errors = console_errors(page)
    sign_in(page, advisor)
    page.get_by_role("link", name="Early Help requests").first.click()
    assert_accessible(page)
    page.get_by_role("link", name=reference).click()
    assert_accessible(page)
    page.get_by_role("link", name="Decline or return it to the front door").click()
    page.get_by_role("button", name="Send it back").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select whether")
    assert_accessible(page)
    page.get_by_label("Declined: Early Help will not take it on").check()
    page.get_by_label("Why?").fill("Mum declined Early Help; the school now reports bruising.")
    page.get_by_role("button", name="Send it back").click()
    expect(page.locator("main .govuk-notification-banner")).to_contain_text(
        f"{reference} sent back to the front door"
    )
    expect(page.locator("main")).to_contain_text("Declined")
    assert_accessible(page)

    context = browser.new_context(base_url=live_server.url)
    tray = context.new_page()
    tray.set_default_timeout(10_000)
    errors += console_errors(tray)
    sign_in(tray, worker)
    tray.goto("/screening/tray/")
    sent_back = tray.locator("#sent-back")
    expect(sent_back).to_contain_text("Sent back by Early Help")
    expect(sent_back).to_contain_text("school now reports bruising")
    assert_accessible(tray)
    sent_back.get_by_role("link", name=reference).click()
    expect(tray.get_by_role("heading", level=1)).to_have_text("Step-down declined by Early Help")
    assert_accessible(tray)
    tray.get_by_label("What happens now?").fill("New contact recorded for the bruising.")
    tray.get_by_role("button", name="Record what happens now").click()
    expect(tray.locator("main .govuk-notification-banner")).to_contain_text(
        f"What happens now recorded for {reference}"
    )
    expect(tray.locator("#sent-back")).to_have_count(0)
    context.close()
    assert errors == []


def test_early_help_accepts_a_step_down_and_records_when_its_assessment_completed(
    page: Page, make_user
) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER, username="deciding-worker")
    advisor = make_user(Role.EARLY_HELP_ADVISOR)
    decision = stepped_down(worker, "Family would welcome support with routines")
    reference = decision.contact.reference
    errors = console_errors(page)
    sign_in(page, advisor)
    page.goto(reverse("decisions:early-help-detail", args=[decision.early_help_request.pk]))
    page.get_by_role("button", name="Accept for Early Help").click()
    page.get_by_role("link", name=reference).click()
    page.get_by_role("link", name="Record when the Early Help assessment completed").click()
    # A completion date before Early Help accepted it is refused, and the boxes keep it.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.get_by_label("Day").fill(str(yesterday.day))
    page.get_by_label("Month").fill(str(yesterday.month))
    page.get_by_label("Year").fill(str(yesterday.year))
    page.get_by_role("button", name="Save completion date").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be the same as or after")
    expect(page.get_by_label("Day")).to_have_value(str(yesterday.day))
    assert_accessible(page)
    today = timezone.localdate()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_role("button", name="Save completion date").click()
    expect(page.locator("main .govuk-notification-banner")).to_contain_text(
        f"Assessment completion recorded for {reference}"
    )
    expect(page.locator("main")).to_contain_text(
        f"Early Help assessment completed {today.day} {today:%B %Y}"
    )
    assert_accessible(page)
    assert errors == []


def test_a_schools_safeguarding_lead_follows_their_contacts_and_acknowledges(
    page: Page, make_user
) -> None:
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    dsl = make_user(Role.REFERRER, username="robin")
    User.objects.filter(pk=dsl.pk).update(email="robin.teacher@example.org")
    mine = submit(
        worker,
        named_contact(
            worker,
            referrer_name="Robin Teacher",
            referrer_role="Designated safeguarding lead",
            referrer_organisation="Oakfield Primary School",
            referrer_email="robin.teacher@example.org",
            referral_source=ReferralSource.SCHOOLS,
        ),
    )
    someone_elses = submit(worker, named_contact(worker))
    staff = signed_in_client(worker)
    url = reverse("letters:preview", args=[mine.pk, LetterKind.INSTRUCTIONS])
    form = staff.get(url).context["form"]
    data = {name: str(form.initial.get(name, "")) for name in form.fields}
    data["text"] = "Dear Robin,\n\nKeep the child in school today; we will ring at 3pm."
    staff.post(url, data)
    deliver_queued()
    Letter.objects.filter(kind=LetterKind.INSTRUCTIONS).update(
        sent_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    errors = console_errors(page)

    sign_in(page, dsl)
    assert_accessible(page)
    page.get_by_role("link", name="Your contacts and the letters sent to you").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your contacts")
    rows = page.locator("#your-contacts tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(str(mine.reference))
    expect(rows.first).to_contain_text("MP")  # initials only
    expect(rows.first).to_contain_text("Received")
    main = page.locator("main")
    expect(main).not_to_contain_text("Maisie")
    expect(main).not_to_contain_text(str(someone_elses.reference))
    expect(page.locator("#instructions-waiting")).to_contain_text("To acknowledge")
    assert_accessible(page)

    page.locator("#instructions-waiting").get_by_role("link").click()
    expect(main).to_contain_text("Keep the child in school today")
    assert_accessible(page)
    page.get_by_role("button", name="Acknowledge the instructions").click()
    expect(page.locator("main .govuk-notification-banner")).to_contain_text(
        f"Instructions for {mine.reference} acknowledged"
    )
    expect(page.locator("#instructions-waiting")).to_have_count(0)
    expect(rows.first).to_contain_text("(acknowledged)")
    assert_accessible(page)
    assert errors == []
