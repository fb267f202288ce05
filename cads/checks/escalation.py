"""Overdue partner checks escalate to the team managers (issue 5: "overdue requests
escalate to the team manager and show in the queue"). Safe to run twice: a check is
escalated once."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.checks.selectors import overdue_checks
from cads.checks.services import check_escalate
from cads.core.tasks import staff_email


def _team_manager_ids() -> list[int]:
    managers = User.objects.filter(groups__name=Role.TEAM_MANAGER, is_active=True)
    return list(managers.values_list("pk", flat=True))


def _email_body(references: list[str], links: list[str]) -> str:
    # Email leaves the secure system: contact references and links only, never a name.
    lines = [f"{ref}: {link}" for ref, link in zip(references, links, strict=True)]
    return (
        "Partner checks are overdue and have been escalated to you.\n\n"
        + "\n".join(lines)
        + "\n\nChase the partner agency or cancel the check, with a reason, in CADS.\n"
    )


def checks_escalate_overdue(at: datetime.datetime) -> int:
    """Escalate every open check past its deadline and email the team managers once."""
    base = settings.CADS_BASE_URL.rstrip("/")
    references: list[str] = []
    links: list[str] = []
    for check in overdue_checks(at):
        if check_escalate(check=check, at=at):
            references.append(f"{check.contact} ({check.organisation})")
            links.append(base + reverse("checks:contact-checks", args=[check.contact_id]))
    if references:
        body = _email_body(references, links)
        managers = _team_manager_ids()
        transaction.on_commit(
            lambda: staff_email.defer(
                user_ids=managers, subject="Partner checks overdue", body=body
            )
        )
    return len(references)
