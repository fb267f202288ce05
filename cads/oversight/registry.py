"""Record types whose access log a manager can read, by the slug used in URLs."""

from __future__ import annotations

from typing import Final

from django.apps import apps
from django.db import models

# Later issues add "contact" and others here.
AUDITABLE_RECORDS: Final[dict[str, str]] = {
    "person": "people.Person",
    "contact": "contacts.Contact",
    "check": "checks.CheckRequest",
    "referral": "referrals.Referral",
}


def record_model(record_type: str) -> type[models.Model] | None:
    """The model class for a URL slug such as "person", or None if unknown."""
    dotted = AUDITABLE_RECORDS.get(record_type)
    return apps.get_model(dotted) if dotted else None
