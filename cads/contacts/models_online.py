"""Small records the public online form needs: rate-limit counters and the note that a
professional confirmed their email address with a one-time code.

Rate limits are counted in our own table rather than Django's DatabaseCache: one
`INSERT … ON CONFLICT DO UPDATE … RETURNING` is an atomic increment, where the cache's
`incr` reads then writes and lets parallel requests slip past the limit; and the table is
made by an ordinary migration, not by `createcachetable`."""

from __future__ import annotations

from django.db import models


class OnlineRateCount(models.Model):
    """Requests of one kind from one client address in one fixed time window.

    `bucket` is "post" (any page sent) or "submit" (a finished report); `client` is a keyed
    hash of the address, so the table never holds an IP address; `window_start` is the
    window's first moment (e.g. 10:42:00 for a one-minute window); rows older than a day
    are purged by the worker's sweep."""

    bucket = models.CharField(max_length=12)
    client = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["bucket", "client", "window_start"], name="online_rate_once_per_window"
            )
        ]
        indexes = [models.Index(fields=["window_start"], name="online_rate_window")]

    def __str__(self) -> str:
        return f"{self.bucket} x{self.count} from {self.window_start:%Y-%m-%d %H:%M}"


class OnlineEmailVerification(models.Model):
    """A professional proved they can read `email` (a six-digit code sent to it) before
    submitting the online form: screeners can trust the report comes from that address."""

    contact = models.OneToOneField(
        "contacts.Contact", on_delete=models.CASCADE, related_name="online_verification"
    )
    email = models.EmailField()
    verified_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.email} confirmed {self.verified_at:%Y-%m-%d %H:%M}"
