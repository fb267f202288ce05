"""A social worker opens a call handler's draft and sees who is recording it, read only;
an administrator trying to make someone a team manager in the admin is told to use the
server command, and the form keeps what they typed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page, expect

from cads.accounts.roles import Role
from cads.contacts.services import contact_section_save, contact_start
from tests.browser.conftest import assert_accessible
from tests.browser.helpers import sign_in

SHOTS = Path(tempfile.gettempdir())


def test_a_colleague_sees_who_is_recording_a_draft(page: Page, make_user) -> None:
    handler = make_user(Role.CALL_HANDLER)
    handler.first_name, handler.last_name = "Jo", "Bloggs"
    handler.save()
    draft = contact_start(actor=handler, received_at=timezone.now())
    draft.immediate_risk = False
    draft.save()
    contact_section_save(
        actor=handler, contact=draft, section="concern", changes={"concern": "Bruises seen"}
    )
    sign_in(page, make_user(Role.CADS_SOCIAL_WORKER))
    page.goto(f"/contacts/{draft.pk}/concern/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "This contact is being recorded by Jo Bloggs"
    )
    expect(page.locator("main")).to_contain_text("Bruises seen")
    expect(page.locator("main form")).to_have_count(0)
    assert_accessible(page)
    page.screenshot(path=SHOTS / "draft-author-read-only.png", full_page=True)


def test_the_admin_refuses_a_privileged_role(page: Page, make_user) -> None:
    worker = make_user(Role.CALL_HANDLER, username="jo")
    sign_in(page, make_user(Role.ADMINISTRATOR))
    page.goto(f"/admin/accounts/user/{worker.pk}/change/")
    page.locator("#id_job_title").fill("Duty worker")
    manager = Group.objects.get(name=Role.TEAM_MANAGER)
    page.locator("#id_groups_from").select_option(str(manager.pk))
    page.locator("#id_groups_add").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("Team manager is a privileged role")
    expect(page.locator(".errorlist")).to_contain_text("manage.py grant_role jo")
    expect(page.locator("#id_job_title")).to_have_value("Duty worker")
    page.screenshot(path=SHOTS / "draft-author-admin-refusal.png", full_page=True)
