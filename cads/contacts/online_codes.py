"""One-time codes that let a professional confirm their email address on the online form.

A code is 6 digits, lasts 15 minutes and allows 5 tries. Only a keyed hash of it is kept,
in the visitor's own server-side session: the code is useless without that session's
cookie, and a fresh session gets a fresh code, so guessing across sessions gains nothing.
Sends are capped per session and, in PostgreSQL, per recipient address (online_limits)."""

from __future__ import annotations

import enum
import secrets
import time
from typing import Any, Final

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.utils.crypto import constant_time_compare, salted_hmac

from cads.contacts.online_limits import CODE_EMAILS, rate_limit_hit, recipient_key

SESSION_KEY: Final = "online_code"
CODE_MINUTES: Final = 15
MAX_ATTEMPTS: Final = 5
# Each send is an email to an address the visitor typed: cap them so the form cannot be
# used to flood someone's inbox; the cap per recipient address (CODE_EMAILS) holds across
# sessions, and the per-client page limit applies as well.
MAX_SENDS: Final = 5


class CodeCheck(enum.Enum):
    RIGHT = "right"
    WRONG = "wrong"
    EXPIRED = "expired"
    TOO_MANY_TRIES = "too_many_tries"
    NOT_SENT = "not_sent"


def _digest(email: str, code: str) -> str:
    value = f"{email.strip().lower()}|{code}"
    return salted_hmac("cads.contacts.online_code", value, algorithm="sha256").hexdigest()


def code_sends(session: SessionBase) -> int:
    return int(session.get(SESSION_KEY, {}).get("sends", 0))


def code_issue(session: SessionBase, email: str) -> str | None:
    """A new code for `email` (replacing any earlier one), or None after MAX_SENDS in this
    session or after the per-address cap for `email` in this hour."""
    sends = code_sends(session)
    if sends >= MAX_SENDS or not rate_limit_hit(CODE_EMAILS, recipient_key(email)):
        return None
    code = f"{secrets.randbelow(10**6):06d}"
    session[SESSION_KEY] = {
        "email": email.strip().lower(),
        "digest": _digest(email, code),
        "expires": time.time() + CODE_MINUTES * 60,
        "attempts": 0,
        "sends": sends + 1,
    }
    return code


def code_check(session: SessionBase, email: str, code: str) -> CodeCheck:
    """Compare `code` with the one sent to `email`; every wrong try counts."""
    state: dict[str, Any] = dict(session.get(SESSION_KEY) or {})
    if not state.get("digest") or state.get("email") != email.strip().lower():
        return CodeCheck.NOT_SENT
    if state["attempts"] >= MAX_ATTEMPTS:
        return CodeCheck.TOO_MANY_TRIES
    if time.time() > state["expires"]:
        return CodeCheck.EXPIRED
    if constant_time_compare(state["digest"], _digest(email, code)):
        session[SESSION_KEY] = {"sends": state.get("sends", 0)}  # a code works once
        return CodeCheck.RIGHT
    state["attempts"] += 1
    session[SESSION_KEY] = state
    return CodeCheck.TOO_MANY_TRIES if state["attempts"] >= MAX_ATTEMPTS else CodeCheck.WRONG


def code_send(email: str, code: str) -> None:
    """Email the code from the worker. With CADS_SEND_CODES_INLINE (browser tests, whose
    live server has no worker running) the task function runs at once instead."""
    from cads.contacts.tasks import online_code_email  # noqa: PLC0415 - tasks.py imports this module

    if getattr(settings, "CADS_SEND_CODES_INLINE", False):
        online_code_email(email=email, code=code)
    else:
        online_code_email.defer(email=email, code=code)
