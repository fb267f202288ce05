"""A professional confirms their email address with an emailed one-time code: 6 digits,
15 minutes, 5 tries, hashed in the session, sent by the worker with retries."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.test import Client
from procrastinate.contrib.django.models import ProcrastinateJob

from cads.contacts import online_codes
from cads.contacts.models import Contact
from cads.contacts.online_codes import CodeCheck, code_check, code_issue
from cads.contacts.tasks import online_code_email
from cads.contacts.tests.test_online_form import (
    PROFESSIONAL,
    P,
    html,
    step,
    submit,
    walk_professional,
)

pytestmark = pytest.mark.django_db
EMAIL = "dana.reid@example.org"


def run_code_job() -> str:
    """Run the queued email job as the worker would, and read the code from the email."""
    job = ProcrastinateJob.objects.filter(task_name="contacts.online_code_email").latest("id")
    online_code_email(**job.args)
    match = re.search(r"Your confirmation code is (\d{6})", str(mail.outbox[-1].body))
    assert match is not None
    return match.group(1)


def test_a_professional_confirms_their_email_with_the_code(client: Client) -> None:
    walk_professional(client)
    step(client, "confirm-your-email/", {"action": "send"}, "enter-code/")
    code = run_code_job()
    message = mail.outbox[-1]
    assert message.to == [EMAIL]
    assert "Amelia" not in str(message.body) + str(message.subject)  # nothing about the child
    stored = client.session[online_codes.SESSION_KEY]
    assert code not in [str(v) for v in stored.values()]  # only its keyed hash is kept
    wrong = "000000" if code != "000000" else "111111"
    response = client.post(P + "enter-code/", {"code": wrong})
    errors = [a.get_text() for a in html(response).select(".govuk-error-summary__list a")]
    assert errors == ["The code is not correct. Check the email and try again"]
    step(client, "enter-code/", {"code": f"{code[:3]} {code[3:]}"}, "check-your-answers/")
    assert "Confirmed with a code" in client.get(P + "check-your-answers/").content.decode()
    submit(client)
    contact = Contact.objects.get()
    assert contact.referrer_email == EMAIL
    assert contact.online_verification.email == EMAIL
    assert contact.referral_source == "2A"


def test_changing_the_email_afterwards_drops_the_confirmation(client: Client) -> None:
    walk_professional(client)
    step(client, "confirm-your-email/", {"action": "send"})
    step(client, "enter-code/", {"code": run_code_job()})
    step(client, "about-you/?return=check", PROFESSIONAL | {"email": "other@example.org"})
    submit(client)
    contact = Contact.objects.get()
    assert contact.referrer_email == "other@example.org"
    assert not hasattr(contact, "online_verification")


def test_a_professional_may_continue_without_confirming(client: Client) -> None:
    walk_professional(client)
    step(client, "confirm-your-email/", {"action": "skip"}, "check-your-answers/")
    assert not ProcrastinateJob.objects.filter(task_name="contacts.online_code_email").exists()


def test_the_code_task_retries() -> None:
    strategy = online_code_email.retry_strategy
    assert strategy is not None
    assert getattr(strategy, "max_attempts", None) == 5


def test_inline_sending_for_browser_tests(settings) -> None:
    settings.CADS_SEND_CODES_INLINE = True
    online_codes.code_send(EMAIL, "123456")
    assert "123456" in mail.outbox[-1].body
    assert not ProcrastinateJob.objects.filter(task_name="contacts.online_code_email").exists()


@pytest.fixture
def session() -> SessionStore:
    store = SessionStore()
    store.create()
    return store


def test_a_code_is_six_digits_and_works_once(session: SessionStore) -> None:
    code = code_issue(session, EMAIL)
    assert code is not None
    assert re.fullmatch(r"\d{6}", code)
    assert code_check(session, EMAIL.upper(), code) is CodeCheck.RIGHT
    assert code_check(session, EMAIL, code) is CodeCheck.NOT_SENT


def test_a_code_is_for_the_address_it_was_sent_to(session: SessionStore) -> None:
    code = code_issue(session, EMAIL)
    assert code is not None
    assert code_check(session, "someone@example.org", code) is CodeCheck.NOT_SENT


def test_a_code_expires_after_15_minutes(session: SessionStore) -> None:
    start = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        code = code_issue(session, EMAIL)
    assert code is not None
    with time_machine.travel(start + datetime.timedelta(minutes=15, seconds=1), tick=False):
        assert code_check(session, EMAIL, code) is CodeCheck.EXPIRED


def test_five_wrong_tries_use_up_the_code(session: SessionStore) -> None:
    code = code_issue(session, EMAIL)
    assert code is not None
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    results = [code_check(session, EMAIL, wrong) for _ in range(5)]
    assert results == [CodeCheck.WRONG] * 4 + [CodeCheck.TOO_MANY_TRIES]
    assert code_check(session, EMAIL, code) is CodeCheck.TOO_MANY_TRIES
    new = code_issue(session, EMAIL)  # a new code starts again
    assert new is not None
    assert code_check(session, EMAIL, new) is CodeCheck.RIGHT


def test_codes_sent_to_one_session_are_capped(session: SessionStore) -> None:
    sent = [code_issue(session, EMAIL) for _ in range(6)]
    assert all(sent[:5])
    assert sent[5] is None


def test_the_page_says_when_too_many_codes_were_sent(client: Client) -> None:
    walk_professional(client)
    for _ in range(online_codes.MAX_SENDS):
        step(client, "confirm-your-email/", {"action": "send"}, "enter-code/")
    response = client.post(P + "confirm-your-email/", {"action": "send"})
    assert "You have asked for too many codes" in response.content.decode()
    assert html(response).select("button[value=send]") == []


def _new_session() -> SessionStore:
    store = SessionStore()
    store.create()
    return store


def test_codes_sent_to_one_address_are_capped_across_sessions() -> None:
    # A fresh session (a new browser, cleared cookies) must not reset the count: the limit
    # protects the inbox of the person whose address was typed.
    sent = [code_issue(_new_session(), EMAIL) for _ in range(online_codes.MAX_SENDS)]
    assert all(sent)
    assert code_issue(_new_session(), EMAIL.upper()) is None
    assert code_issue(_new_session(), "someone.else@example.org") is not None


def test_the_cap_per_address_lifts_after_the_hour() -> None:
    start = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(online_codes.MAX_SENDS):
            code_issue(_new_session(), EMAIL)
        assert code_issue(_new_session(), EMAIL) is None
    with time_machine.travel(start + datetime.timedelta(hours=1), tick=False):
        assert code_issue(_new_session(), EMAIL) is not None


def test_the_page_says_when_an_address_has_had_too_many_codes() -> None:
    for _ in range(online_codes.MAX_SENDS):
        code_issue(_new_session(), EMAIL)
    client = Client()
    walk_professional(client)
    response = client.post(P + "confirm-your-email/", {"action": "send"})
    assert "You have asked for too many codes" in response.content.decode()
    assert not ProcrastinateJob.objects.filter(task_name="contacts.online_code_email").exists()
