"""The demo data is fictional, complete (one user per role, a front door with work at each
stage) and safe to load twice."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from cads.accounts.models import Organisation, OrganisationKind, User
from cads.accounts.roles import ROLE_PERMISSIONS
from cads.audit.models import CaseEvent
from cads.checks.models import CheckRequest
from cads.checks.selectors import checks_for_partner
from cads.checks.workflow import Status as CheckStatus
from cads.contacts.models import Contact
from cads.decisions.models import Decision
from cads.decisions.selectors import decisions_awaiting_sign_off
from cads.demo.management.commands import load_demo_data
from cads.people.models import Person, PersonStatus
from cads.referrals.models import Referral
from cads.referrals.selectors import referrals_unallocated
from cads.screening.selectors import TrayRow, tray_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _credentials_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_demo_data, "CREDENTIALS_FILE", tmp_path / "demo-logins.txt")


def nhs_check_digit_ok(number: str) -> bool:
    total = sum(int(d) * (10 - i) for i, d in enumerate(number[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(number[9])


def test_demo_data_has_every_role_partners_and_fictional_families() -> None:
    call_command("load_demo_data", stdout=io.StringIO())
    roles = {group for user in User.objects.all() for group in user.role_names}
    assert roles == set(ROLE_PERMISSIONS)
    assert TOTPDevice.objects.filter(confirmed=True).count() == User.objects.count()
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == set(OrganisationKind.values)
    assert User.objects.get(username="police").organisation.kind == OrganisationKind.POLICE
    # A health partner answers health checks in the demo, as the police answer theirs.
    health = User.objects.get(username="health")
    assert health.organisation.kind == OrganisationKind.HEALTH
    assert health.role_names == ["MASH partner"]
    people = list(Person.objects.all())
    assert len(people) >= 8
    numbered = [p for p in people if p.nhs_number]
    # The planted duplicate has no NHS number, as a hurried call would record it.
    assert len(numbered) == len(people) - 1
    assert all(
        p.nhs_number.startswith("999") and nhs_check_digit_ok(p.nhs_number) for p in numbered
    )
    assert sum(p.restricted for p in people) == 1
    assert PersonStatus.objects.filter(kind="cp").count() == 1


def test_loading_twice_adds_nothing_and_keeps_the_password(tmp_path: Path) -> None:
    call_command("load_demo_data", stdout=io.StringIO())
    first = (tmp_path / "demo-logins.txt").read_text()
    counts = (User.objects.count(), Person.objects.count())
    call_command("load_demo_data", stdout=io.StringIO())
    assert (User.objects.count(), Person.objects.count()) == counts
    assert (tmp_path / "demo-logins.txt").read_text() == first
    assert "Password for every demo user: demo-" in first


# The front door, loaded on a Wednesday at 11:00 so every clock reads the same on any day.
WEDNESDAY_11AM = datetime.datetime(2026, 11, 4, 11, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def front_door() -> Iterator[None]:
    with time_machine.travel(WEDNESDAY_11AM, tick=False):
        call_command("load_demo_data", stdout=io.StringIO())
        yield


def user(username: str) -> User:
    return User.objects.get(username=username)


def _tray(username: str) -> list[TrayRow]:
    """The first page as the screener sees it."""
    page = tray_page(request=None, user=user(username))
    return [row for group in page.groups for row in group]


def test_the_tray_shows_the_red_contact_first_then_the_overdue_amber(front_door: None) -> None:
    page = tray_page(request=None, user=user("socialworker"))
    rows = [row for group in page.groups for row in group]
    # Red first, then each level; not yet rated above green, whose clock is longer than
    # the decision's one working day (ADR 0026).
    assert [row.rag.code if row.rag else None for row in rows] == [
        "red", "amber", None, "green", "green"
    ]  # fmt: skip
    red, amber, out_of_hours = rows[0], rows[1], rows[2]
    # Immediate risk first: the red contact came in an hour ago and nobody has opened it yet.
    assert red.contact.immediate_risk
    assert (red.time_left, red.contact.status, red.worker) == ("3 hours left", "submitted", None)
    # Then the nearest deadline: the amber received yesterday is overdue, in words.
    assert amber.time_left == "Overdue by 18 hours"
    assert amber.worker == user("socialworker")
    assert amber.children == ["Carly Davies", "Denise Davies"]
    # Last night's out-of-hours call, not yet rated, is about the red contact's household;
    # households group only inside one RAG level (ADR 0030), so it is not lifted to the red one.
    assert out_of_hours.contact.out_of_hours
    assert out_of_hours.contact.created_by == user("outofhours")
    assert out_of_hours.group_key == red.group_key
    assert [len(group) for group in page.groups] == [1, 1, 1, 1, 1]


def test_the_police_partner_sees_exactly_their_answered_request(front_door: None) -> None:
    (check,) = checks_for_partner(user("police"))
    assert check.status == CheckStatus.COMPLETED
    assert check.responded_by == user("police")
    school_check = CheckRequest.objects.exclude(pk=check.pk).get(contact=check.contact)
    assert school_check.organisation.kind == OrganisationKind.EDUCATION
    assert school_check.status == CheckStatus.REQUESTED
    assert check.contact.sharing_records.count() == 2


def test_the_manager_has_one_sign_off_and_one_referral_to_allocate(front_door: None) -> None:
    (decision,) = decisions_awaiting_sign_off(user("manager"))
    assert decision.outcomes == ["nfa"]
    assert decision.decided_by == user("socialworker")
    (referral,) = referrals_unallocated(user("manager"))
    assert referral.decision.outcomes == ["assessment"]
    assert referral.contact.status == "closed"


def test_every_front_door_item_has_its_audit_trail(front_door: None) -> None:
    contacts = list(Contact.objects.all())
    assert len(contacts) == 8
    (consultation,) = [c for c in contacts if c.kind == "consultation"]
    assert consultation.status == "consultation_recorded"
    assert not consultation.subjects.exists()
    for contact in contacts:
        kinds = set(
            CaseEvent.objects.filter(subject_id=str(contact.pk)).values_list("kind", flat=True)
        )
        assert {"contact.started", "contact.section_saved"} <= kinds
        assert kinds & {"contact.submitted", "consultation.recorded"}


def test_loading_the_front_door_twice_adds_nothing(front_door: None) -> None:
    def counts() -> tuple[int, ...]:
        return tuple(
            model.objects.count()
            for model in (Contact, CaseEvent, CheckRequest, Decision, Referral, Person)
        )

    before = counts()
    call_command("load_demo_data", stdout=io.StringIO())
    assert counts() == before


def test_an_out_of_hours_load_queues_that_contact_for_the_morning() -> None:
    evening = WEDNESDAY_11AM.replace(hour=20)
    with time_machine.travel(evening, tick=False):
        call_command("load_demo_data", stdout=io.StringIO())
        contact = Contact.objects.get(out_of_hours=True)
        assert contact.queue_from == evening.replace(day=5, hour=9)
        assert contact.pk not in [row.contact.pk for row in _tray("socialworker")]


def test_the_demo_has_sent_letters_in_the_mail_folder(front_door: None, settings) -> None:
    from django.core import mail

    from cads.letters.models import Letter

    sent = Letter.objects.filter(status="sent")
    assert sent.filter(kind="acknowledgement").count() >= 5  # named referrers with emails
    (outcome,) = sent.filter(kind="outcome")
    assert outcome.decision.outcomes == ["nfa"]
    assert outcome.recipient_email == "robin.teacher@example.org"
    assert bytes(outcome.pdf).startswith(b"%PDF")
    assert "What we decided: Children's social care will not take any further action." in (
        outcome.text
    )
    assert "An accidental injury" not in outcome.text  # the internal reasons never
    assert outcome.created_by.username == "manager"  # checked and sent at sign-off
    assert any(m.to == ["robin.teacher@example.org"] for m in mail.outbox)
    (record,) = Letter.objects.filter(kind="consultation_record")
    assert record.status == "to_send"  # the consultation record waits for a person
