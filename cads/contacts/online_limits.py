"""Abuse protection for the public online form without third-party services: per-address
rate limits counted in PostgreSQL, and a cap on the size of what a page may send.

Defaults: 30 page posts a minute and 5 finished reports an hour from one address, and 5
code emails an hour to one email address (whatever session asks). A school
or council office may share one outgoing address, so the figures can be raised with
CADS_ONLINE_POSTS_PER_MINUTE and CADS_ONLINE_REPORTS_PER_HOUR; whoever hits a limit is told
to phone instead. Windows are fixed (not sliding): simple, and at worst twice the limit
gets through across a window boundary, which is enough to stop a flood."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Final

from django.conf import settings
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from cads.audit.services import client_address
from cads.contacts.models_online import OnlineRateCount

# Every text field has its own max length; this caps the whole request body too (the longest
# page, fully used with non-Latin text, stays well under it).
MAX_BODY_BYTES: Final = 100_000


@dataclass(frozen=True)
class Limit:
    bucket: str
    setting: str
    default: int
    window: datetime.timedelta

    @property
    def allowed(self) -> int:
        return int(getattr(settings, self.setting, self.default))


PAGE_POSTS: Final = Limit("post", "CADS_ONLINE_POSTS_PER_MINUTE", 30, datetime.timedelta(minutes=1))
REPORTS: Final = Limit("submit", "CADS_ONLINE_REPORTS_PER_HOUR", 5, datetime.timedelta(hours=1))
# Code emails per recipient address, whichever session or client asks: the cap protects the
# inbox of the person whose address was typed, so a new session must not reset it.
CODE_EMAILS: Final = Limit(
    "code", "CADS_ONLINE_CODES_PER_ADDRESS_PER_HOUR", 5, datetime.timedelta(hours=1)
)


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address: enough to count by, without storing an IP."""
    address = client_address(request) or "unknown"
    return salted_hmac("cads.contacts.online_rate", address, algorithm="sha256").hexdigest()


def recipient_key(email: str) -> str:
    """A keyed hash of an email address, to count code emails by without storing it."""
    address = email.strip().lower()
    return salted_hmac("cads.contacts.online_code_to", address, algorithm="sha256").hexdigest()


def _window_start(window: datetime.timedelta) -> datetime.datetime:
    seconds = int(window.total_seconds())
    now = int(timezone.now().timestamp())
    return datetime.datetime.fromtimestamp(now - now % seconds, tz=datetime.UTC)


def rate_limit_hit(limit: Limit, client: str) -> bool:
    """Count one request; True while the client is within the limit for this window."""
    table = OnlineRateCount._meta.db_table
    # One statement, so parallel requests each see their own count (an atomic increment).
    sql = (
        f"INSERT INTO {table} (bucket, client, window_start, count) VALUES (%s, %s, %s, 1) "  # noqa: S608
        f"ON CONFLICT (bucket, client, window_start) DO UPDATE SET count = {table}.count + 1 "
        "RETURNING count"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [limit.bucket, client, _window_start(limit.window)])
        (count,) = cursor.fetchone()
    return int(count) <= limit.allowed


def body_too_large(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > MAX_BODY_BYTES


def rate_counts_purge(*, before: datetime.datetime) -> int:
    """Delete counters whose window started before `before`; returns how many."""
    deleted, _ = OnlineRateCount.objects.filter(window_start__lt=before).delete()
    return deleted
