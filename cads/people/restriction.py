"""Restricted records: a named access list, and break-glass access that is logged and
alerts the team managers."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.audit.services import access_log_record, case_event_record
from cads.core.tasks import staff_email
from cads.people.models import BreakGlassAccess, Person, RecordAccess

# Break-glass lasts for a working session; after that the worker asks again.
BREAK_GLASS_WINDOW = datetime.timedelta(hours=8)


@transaction.atomic
def person_restrict(
    *, actor: User, person: Person, reason: str, note: str, users: list[User]
) -> Person:
    """Restrict a record to `users` (the actor is always on the list, so nobody locks
    themselves out of a record they are working)."""
    Person.objects.filter(pk=person.pk).update(restricted=True, restriction_reason=reason)
    person.restricted, person.restriction_reason = True, reason
    allowed = {u.pk: u for u in [*users, actor]}
    RecordAccess.objects.filter(person=person).exclude(user_id__in=allowed).delete()
    for user in allowed.values():
        RecordAccess.objects.get_or_create(person=person, user=user)
    case_event_record(
        subject=person,
        actor=actor,
        kind="person.restricted",
        new={"reason": reason, "access_list": sorted(u.username for u in allowed.values())},
        reason=note,
    )
    return person


@transaction.atomic
def person_unrestrict(*, actor: User, person: Person, note: str) -> Person:
    """Lift a restriction; the access list is kept on the timeline, not in force."""
    Person.objects.filter(pk=person.pk).update(restricted=False, restriction_reason="")
    person.restricted, person.restriction_reason = False, ""
    RecordAccess.objects.filter(person=person).delete()
    case_event_record(subject=person, actor=actor, kind="person.unrestricted", reason=note)
    return person


def _team_manager_ids() -> list[int]:
    return list(
        User.objects.filter(groups__name=Role.TEAM_MANAGER, is_active=True).values_list(
            "pk", flat=True
        )
    )


@transaction.atomic
def break_glass_open(
    *, request: HttpRequest, actor: User, person: Person, reason: str
) -> BreakGlassAccess:
    """Open a restricted record without being on its access list. The reason goes into the
    access log and the timeline, and every team manager gets an email that names no child."""
    access = BreakGlassAccess.objects.create(
        person=person,
        user=actor,
        reason=reason,
        expires_at=datetime.datetime.now(datetime.UTC) + BREAK_GLASS_WINDOW,
    )
    access_log_record(request=request, subject=person, break_glass_reason=reason)
    case_event_record(subject=person, actor=actor, kind="person.break_glass", reason=reason)
    link = settings.CADS_BASE_URL.rstrip("/") + reverse("people:break-glass-list")
    body = (
        f"{actor.get_full_name() or actor.username} used break-glass access to open a "
        f"restricted record.\n\nReview it in CADS: {link}\n"
    )
    managers = _team_manager_ids()
    transaction.on_commit(
        lambda: staff_email.defer(
            user_ids=managers, subject="Break-glass access to a restricted record", body=body
        )
    )
    return access
