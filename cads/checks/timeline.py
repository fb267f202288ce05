"""What checks adds to a child's file (registered in ChecksConfig.ready()): the partner
checks on the person's contacts, for staff who may see checks (partners never open a
child's file; they see only what is shared with their organisation, ADR 0011)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from cads.accounts.models import User
from cads.accounts.roles import VIEW_CHECKS
from cads.checks.models import CheckRequest
from cads.checks.workflow import OPEN_STATUSES
from cads.people import timeline
from cads.people.models import Person
from cads.people.timeline import TimelineEntry


def _details(check: CheckRequest) -> list[str]:
    details = [check.get_status_display(), f"Contact {check.contact}"]
    if check.status in OPEN_STATUSES:
        due = date_format(timezone.localtime(check.due_at), "j F Y, H:i")
        details.append(f"Due {due}")
    return details


def check_entries(viewer: User, person: Person) -> list[TimelineEntry]:
    if not viewer.has_perm(VIEW_CHECKS):
        return []
    checks = (
        CheckRequest.objects.filter(contact__subjects__person=person)
        .select_related("contact", "organisation")
        .distinct()
    )
    return [
        TimelineEntry(
            when=check.requested_at,
            kind="Partner check",
            title=str(check.organisation),
            key=f"check:{check.pk}",
            url=reverse("checks:contact-checks", args=[check.contact_id]),
            details=_details(check),
            open=check.status in OPEN_STATUSES,
        )
        for check in checks
    ]


def register() -> None:
    timeline.register(check_entries, by="checks: partner checks")
