"""A draft is changed only by the person recording it and by team managers: a colleague who
opens it sees who is recording it and the answers so far, read only, and nothing they send
changes it."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from cads.accounts.roles import Role
from cads.audit.models import AccessLog
from cads.contacts.codes import ContactKind
from cads.contacts.drafts import DraftNotYoursError
from cads.contacts.models import Contact
from cads.contacts.services import contact_section_save, contact_start, contact_submit
from cads.contacts.tests.intake_helpers import page, ready_contact
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(make_user):
    user = make_user(Role.CALL_HANDLER)
    user.first_name, user.last_name = "Jo", "Bloggs"
    user.save()
    return user


@pytest.fixture
def draft(author) -> Contact:
    contact = contact_start(actor=author, received_at=timezone.now())
    contact.immediate_risk = False
    contact.save()
    return contact_section_save(
        actor=author, contact=contact, section="concern", changes={"concern": "Bruises seen"}
    )


def _heading(response) -> str:
    return page(response).h1.get_text(" ", strip=True)


@pytest.mark.parametrize("view", ["task-list", "section", "check-answers", "immediate-risk"])
def test_a_colleague_sees_who_is_recording_the_draft(make_user, draft, view) -> None:
    colleague = signed_in_client(make_user(Role.CADS_SOCIAL_WORKER, username="colleague"))
    args = [draft.pk, "concern"] if view == "section" else [draft.pk]
    response = colleague.get(reverse(f"contacts:{view}", args=args))
    assert response.status_code == 200
    assert _heading(response) == "This contact is being recorded by Jo Bloggs"
    assert "Bruises seen" in response.content.decode()  # the answers so far, read only
    assert page(response).select("main form") == []
    views = AccessLog.objects.filter(subject_id=str(draft.pk), actor__username="colleague")
    assert views.count() == 1


def test_a_colleague_cannot_change_or_submit_the_draft(make_user, draft) -> None:
    colleague = signed_in_client(make_user(Role.CADS_SOCIAL_WORKER, username="colleague"))
    url = reverse("contacts:section", args=[draft.pk, "concern"])
    response = colleague.post(url, {"version": draft.version, "concern": "Overwritten"})
    assert response.status_code == 403
    assert "being recorded by Jo Bloggs" in response.content.decode()
    check = reverse("contacts:check-answers", args=[draft.pk])
    assert colleague.post(check, {"submission_key": str(uuid.uuid4())}).status_code == 403
    risk = reverse("contacts:immediate-risk", args=[draft.pk])
    assert colleague.post(risk, {"at_risk": "yes"}).status_code == 403
    draft.refresh_from_db()
    assert draft.concern == "Bruises seen"
    assert draft.status == "draft"
    assert draft.rag != "red"


def test_the_services_refuse_a_colleague_too(make_user, draft) -> None:
    colleague = make_user(Role.CADS_SOCIAL_WORKER, username="colleague")
    with pytest.raises(DraftNotYoursError):
        contact_section_save(
            actor=colleague, contact=draft, section="concern", changes={"concern": "Mine"}
        )
    ready = ready_contact(draft.created_by)
    with pytest.raises(DraftNotYoursError):
        contact_submit(actor=colleague, contact=ready, submission_key=uuid.uuid4())


def test_the_author_and_a_team_manager_can_change_it(client_for, author, draft) -> None:
    url = reverse("contacts:section", args=[draft.pk, "concern"])
    mine = signed_in_client(author).post(url, {"version": draft.version, "concern": "Mine"})
    assert mine.status_code == 302
    draft.refresh_from_db()
    manager = client_for(Role.TEAM_MANAGER)
    assert manager.get(url).status_code == 200
    response = manager.post(url, {"version": draft.version, "concern": "Manager's"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.concern == "Manager's"


def test_a_colleagues_draft_consultation_is_read_only(make_user, author) -> None:
    consultation = contact_start(
        actor=author, received_at=timezone.now(), kind=ContactKind.CONSULTATION
    )
    colleague = signed_in_client(make_user(Role.CADS_SOCIAL_WORKER, username="colleague"))
    url = reverse("contacts:consultation-task", args=[consultation.pk])
    response = colleague.get(url)
    assert _heading(response) == "This consultation is being recorded by Jo Bloggs"
    assert colleague.post(url, {"action": "save", "version": 1}).status_code == 403
    convert = reverse("contacts:consultation-convert", args=[consultation.pk])
    assert colleague.post(convert, {"reason": "Mine now"}).status_code == 403
    consultation.refresh_from_db()
    assert consultation.kind == ContactKind.CONSULTATION
