"""Builders for screening tests: submitted contacts made through the real services."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from bs4 import BeautifulSoup

from cads.accounts.models import User
from cads.contacts.models import Contact
from cads.contacts.services import contact_submit
from cads.contacts.tests.intake_helpers import ready_contact


def submitted(
    actor: User,
    *,
    received_at: datetime.datetime | None = None,
    at_risk: bool = False,
    family_name: str = "Pryce",
) -> Contact:
    draft = ready_contact(actor, received_at=received_at, at_risk=at_risk, family_name=family_name)
    return contact_submit(actor=actor, contact=draft, submission_key=uuid.uuid4())


def soup(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def errors(response: Any) -> list[str]:
    return [a.get_text(strip=True) for a in soup(response).select(".govuk-error-summary__list a")]
