"""Restricted records: a named access list, break-glass access that is logged and alerts the
team managers, and the one place that decides how a person appears to a viewer (ADR 0010,
ADR 0025).

Every page, list, export, letter and audit screen that shows a person asks `shown_as` (one
person) or `people_shown` (a list, one query) and renders only the values they return: a
restricted person the viewer may not open is "A restricted record", with no name, date of
birth or address; a viewer who may not look people up at all (a partner, the
administrator) sees nothing of them. Where a restricted person lives now is withheld from
every record that shares the address (`address_withheld`), because a sibling's or a
parent's address is the child's whereabouts."""

from __future__ import annotations

import datetime
import enum
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import VIEW_PERSON, Role
from cads.audit.services import access_log_record, access_log_record_many, case_event_record
from cads.core.tasks import staff_email
from cads.people.models import AddressPeriod, BreakGlassAccess, Household, Person, RecordAccess

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


RESTRICTED = "A restricted record"
ADDRESS_WITHHELD = "Address withheld: someone with a restricted record lives here"


class Shown(enum.StrEnum):
    """How a person appears to a viewer."""

    VISIBLE = "visible"  # the viewer may open the record: name, date of birth, address
    RESTRICTED = "restricted"  # "A restricted record": that it exists, nothing else
    HIDDEN = "hidden"  # the viewer may not look people up at all: nothing


@dataclass(frozen=True)
class PersonShown:
    """A person as one viewer may see them: templates render these values, never the
    record, so nothing is decided in a template. `person` is None unless visible."""

    pk: uuid.UUID
    shown: Shown
    name: str
    given_name: str
    date_of_birth: datetime.date | None
    person: Person | None

    @property
    def visible(self) -> bool:
        return self.shown == Shown.VISIBLE

    def __str__(self) -> str:
        return self.name


def _unseen_ids(viewer: User, people: Iterable[Person]) -> set[uuid.UUID]:
    """The restricted people among `people` that `viewer` may not open: not on the access
    list and no unexpired break-glass. One query for the whole list."""
    restricted = {p.pk for p in people if p.restricted}
    if not restricted:
        return set()
    allowed = set(
        RecordAccess.objects.filter(person_id__in=restricted, user=viewer).values_list(
            "person_id", flat=True
        )
    ) | set(
        BreakGlassAccess.objects.filter(
            person_id__in=restricted, user=viewer, expires_at__gt=timezone.now()
        ).values_list("person_id", flat=True)
    )
    return restricted - allowed


def seen_by(viewer: User, prefix: str = "") -> Q:
    """The same decision as `people_shown`'s visible, as a filter for lists worked out in
    the database (`prefix` is the path to the person, for example "person__"): people the
    viewer may look up who are not restricted, on whose access list they are, or inside an
    unexpired break-glass window. Nobody, for a viewer who may not look people up."""
    if not viewer.has_perm(VIEW_PERSON):
        return Q(**{f"{prefix}pk__isnull": True})  # never true of a stored person
    granted = RecordAccess.objects.filter(user=viewer).values("person_id")
    broken = BreakGlassAccess.objects.filter(user=viewer, expires_at__gt=timezone.now())
    return (
        Q(**{f"{prefix}restricted": False})
        | Q(**{f"{prefix}pk__in": granted})
        | Q(**{f"{prefix}pk__in": broken.values("person_id")})
    )


def may_see(*, viewer: User, person: Person) -> bool:
    """The one restriction check: not restricted, on the access list, or inside an
    unexpired break-glass window."""
    return not _unseen_ids(viewer, [person])


def _as(viewer: User, person: Person, unseen: set[uuid.UUID]) -> PersonShown:
    if not viewer.has_perm(VIEW_PERSON):
        return PersonShown(person.pk, Shown.HIDDEN, "", "", None, None)
    if person.pk in unseen:
        return PersonShown(person.pk, Shown.RESTRICTED, RESTRICTED, "", None, None)
    return PersonShown(
        person.pk, Shown.VISIBLE, person.full_name, person.given_name, person.date_of_birth, person
    )


def initials_for_referrer(people: Iterable[Person]) -> dict[uuid.UUID, str]:
    """What a referrer following their own contact sees of each child: initials only
    (ADR 0032), and nothing for a restricted child, whose initials could still identify
    them to someone who knows the family."""
    return {
        p.pk: "" if p.restricted else "".join(n[:1].upper() for n in (p.given_name, p.family_name))
        for p in people
    }


def shown_as(*, viewer: User, person: Person) -> PersonShown:
    """How `person` appears to `viewer` (not logged: see `people_shown`)."""
    return _as(viewer, person, _unseen_ids(viewer, [person]))


def people_shown(
    *, request: HttpRequest | None, viewer: User, people: Iterable[Person]
) -> dict[uuid.UUID, PersonShown]:
    """Every person in a list as `viewer` may see them, by id. With `request`, each visible
    person is written to the access log: a name in a list is a view of the record."""
    people = list({p.pk: p for p in people}.values())
    unseen = _unseen_ids(viewer, people)
    shown = {p.pk: _as(viewer, p, unseen) for p in people}
    if request is not None:
        people_viewed(request=request, people=[s.person for s in shown.values() if s.person])
    return shown


def names_for(*, request: HttpRequest | None, viewer: User, people: Iterable[Person]) -> list[str]:
    """The names to print for `people`, in order: each name, or "A restricted record"."""
    people = list(people)
    shown = people_shown(request=request, viewer=viewer, people=people)
    return [shown[p.pk].name for p in people if shown[p.pk].shown != Shown.HIDDEN]


def people_viewed(*, request: HttpRequest, people: Iterable[Person]) -> None:
    """Log each person shown in a list, once, in one batch."""
    access_log_record_many(request=request, subjects=list({p.pk: p for p in people}.values()))


def may_see_all(*, viewer: User, people: Iterable[Person]) -> bool:
    """Whether `viewer` may open every one of `people` (one query for the list)."""
    return not _unseen_ids(viewer, list(people))


def require_sight(*, viewer: User, people: Iterable[Person]) -> None:
    """Refuse (403) unless `viewer` may open every one of `people`: reading and writing a
    restricted record need the same access (ADR 0025)."""
    if not may_see_all(viewer=viewer, people=people):
        raise PermissionDenied(RESTRICTED)


def withheld_households(
    *, viewer: User, household_ids: Iterable[uuid.UUID | None]
) -> set[uuid.UUID]:
    """The households among `household_ids` where a restricted person `viewer` may not open
    lives now: their address is where that person is, so it is withheld."""
    ids = {pk for pk in household_ids if pk is not None}
    if not ids:
        return set()
    living = Person.objects.filter(
        Q(household_id__in=ids)
        | Q(
            pk__in=AddressPeriod.objects.filter(household_id__in=ids, valid_to__isnull=True).values(
                "person_id"
            )
        ),
        restricted=True,
        merged_into__isnull=True,
    ).only("pk", "restricted", "household_id")
    unseen = _unseen_ids(viewer, living)
    return {p.household_id for p in living if p.pk in unseen and p.household_id}


def address_withheld(*, viewer: User, household: Household | None) -> bool:
    return household is not None and household.pk in withheld_households(
        viewer=viewer, household_ids=[household.pk]
    )
