"""Acceptance journey (ADR 0024, letters at most once): a worker died between sending an
acknowledgement and recording it. The team manager sees it first on Letters to send under
an "Important" banner and in Your alerts, opens the contact, and records that the referrer
did receive it; it leaves the letters to check. axe runs on every page."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from cads.accounts.roles import Role
from cads.alerts.sweep import alerts_sweep
from cads.core.tests.worker_process import _forget_new_jobs
from cads.letters import delivery
from cads.letters.models import LetterKind
from cads.letters.tests.helpers import letter_templates_reseed, named_contact, submit
from cads.letters.workflow import LetterStatus
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("_forget_new_jobs"),
]
__all__ = ["_forget_new_jobs"]  # the fixture, used by name above
SHOTS = Path(tempfile.gettempdir())


def test_a_manager_checks_a_letter_that_may_not_have_been_sent(
    page: Page, live_server, make_user
) -> None:
    letter_templates_reseed()
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    manager = make_user(Role.TEAM_MANAGER)
    contact = submit(worker, named_contact(worker))
    letter = contact.letters.get(kind=LetterKind.ACKNOWLEDGEMENT)
    delivery._claim(str(letter.pk))  # a worker made it, sent it and died
    delivery.letter_deliver(letter_id=str(letter.pk))  # the retry cannot tell: unconfirmed
    alerts_sweep(timezone.now())

    sign_in(page, manager)
    page.goto(reverse("letters:owed"))
    banner = page.get_by_role("region", name="Important")
    expect(banner).to_contain_text("1 letter needs checking: it may not have been sent")
    expect(page.locator("#letters-check")).to_contain_text("Sent — unconfirmed")
    assert_accessible(page)
    page.screenshot(path=SHOTS / "unconfirmed-letter-1-letters-to-send.png", full_page=True)

    page.goto(reverse("alerts:list"))
    expect(page.locator("#unread-alerts")).to_contain_text("Letter sent — unconfirmed")
    assert_accessible(page)

    page.goto(reverse("letters:owed"))
    page.locator("#letters-check").get_by_role("link", name=contact.reference or "").click()
    page.goto(reverse("screening:history", args=[contact.pk]))  # the manager opens it
    page.goto(reverse("screening:screen", args=[contact.pk]))
    # The letters table sits in the box that lets wide tables scroll on their own.
    expect(page.locator("#letters ~ .cads-table-box table")).to_contain_text("Sent — unconfirmed")
    assert_accessible(page)
    page.screenshot(path=SHOTS / "unconfirmed-letter-2-contact.png", full_page=True)
    # The hidden words say which letter (Chromium names them as a separate block).
    arrived = re.compile(r"^It arrived\s*: acknowledgement to Priya Shah$")
    page.get_by_role("button", name=arrived).click()
    expect(page.locator("main .govuk-notification-banner")).to_contain_text(
        "Acknowledgement recorded as sent"
    )
    assert_accessible(page)

    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT
    page.goto(reverse("letters:owed"))
    expect(page.locator("#letters-check")).to_have_count(0)
