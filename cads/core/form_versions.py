"""The version a form was opened at, sent back with it (optimistic locking): a save that
does not match the record's version now is refused as stale, with the input kept."""

from __future__ import annotations

from django.http import HttpRequest


def posted_version(request: HttpRequest, *, missing: int | None = None) -> int:
    """The posted version; `missing` when the form sent none (if given). Anything unreadable
    (an empty or altered field) counts as stale, never as an error page."""
    value = request.POST.get("version")
    if value is None and missing is not None:
        return missing
    try:
        return int(value or "")
    except (ValueError, OverflowError):
        return 0
