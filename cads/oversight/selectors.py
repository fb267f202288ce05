"""What the access-log screens show of a record: its title and each view, as the reader may
see them. A manager reads who viewed a record; the audit screens never show more of a person
than the reader could see on the record itself (cads.people.restriction, ADR 0025): a
restricted person they may not open is "a restricted record", and the administrator, who
may not look people up, sees no person's name, search terms or break-glass reasons."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from cads.accounts.models import User
from cads.accounts.roles import VIEW_PERSON
from cads.audit.models import AccessLog
from cads.audit.selectors import access_log_for_subject
from cads.people.models import Person
from cads.people.restriction import Shown, shown_as
from cads.referrals.models import Referral

NOT_SHOWN = "Not shown: you may not see this person"


@dataclass(frozen=True)
class ViewRow:
    entry: AccessLog
    search_terms: str
    break_glass_reason: str


@dataclass(frozen=True)
class WhoViewed:
    title: str
    rows: list[ViewRow]


def _person_words(viewer: User, person: Person) -> tuple[str, bool]:
    """The person's name as `viewer` may read it, and whether they may read it."""
    seen = shown_as(viewer=viewer, person=person)
    if seen.shown == Shown.VISIBLE:
        return seen.name, True
    return ("a restricted record" if seen.shown == Shown.RESTRICTED else "a person's record"), False


def _title(viewer: User, subject: models.Model) -> tuple[str, bool]:
    if isinstance(subject, Person):
        return _person_words(viewer, subject)
    if isinstance(subject, Referral):
        name, may_read = _person_words(viewer, subject.child)
        return f"the referral for {name} ({subject.referral_date:%d/%m/%Y})", may_read
    # Contacts and checks are titled by their reference, which names nobody.
    return str(subject), viewer.has_perm(VIEW_PERSON)


def who_viewed(*, viewer: User, subject: models.Model, limit: int = 500) -> WhoViewed:
    """Everyone who viewed `subject`, newest first. The search terms (the person's name and
    birth date as typed) only to a reader who may see the person; break-glass reasons, the
    managers' review, to anyone who may look people up, never to the administrator."""
    title, may_read = _title(viewer, subject)
    reviews = viewer.has_perm(VIEW_PERSON)
    rows = [
        ViewRow(
            entry,
            entry.search_terms if may_read or not entry.search_terms else NOT_SHOWN,
            entry.break_glass_reason if reviews or not entry.break_glass_reason else NOT_SHOWN,
        )
        for entry in access_log_for_subject(subject=subject)[:limit]
    ]
    return WhoViewed(title=title, rows=rows)
