"""Ids that arrive as text in a URL, checked before they reach the database."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404

# PostgreSQL's bigint: a larger number would be a database error, not "not found".
_BIGINT_MAX = 2**63 - 1


def pk_from_url(model: type[models.Model], raw: str) -> Any:
    """The primary key `raw` names for `model`, or 404 when it cannot be one (a malformed
    UUID, a number too large, a NUL byte): a bad link is "page not found", never an error."""
    field = model._meta.pk
    try:
        value = field.to_python(raw) if field is not None else raw
    except (ValidationError, ValueError, TypeError) as exc:
        raise Http404 from exc
    if isinstance(value, int) and not -_BIGINT_MAX <= value <= _BIGINT_MAX:
        raise Http404
    if isinstance(value, str) and "\x00" in value:
        raise Http404
    return value
