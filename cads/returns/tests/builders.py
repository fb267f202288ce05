"""Small data sets for the returns tests: children, contacts, decisions and referrals as
rows (the front-door services that make them are tested in their own apps)."""

from __future__ import annotations

import datetime
import itertools
from typing import Any
from zoneinfo import ZoneInfo

from cads.accounts.models import User
from cads.contacts.codes import ContactKind, SubjectRole
from cads.contacts.models import Contact, ContactSubject
from cads.contacts.workflow import Status
from cads.core.clocks import add_working_days_to_date
from cads.decisions.codes import Outcome
from cads.decisions.models import Decision, EarlyHelpRequest
from cads.decisions.workflow import DecisionStatus
from cads.people.models import Person
from cads.referrals.models import AssessmentTeam, Referral
from cads.returns.census_data import CensusChild, Episode

LONDON = ZoneInfo("Europe/London")
_ids = itertools.count(1)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)


def child(**fields: Any) -> Person:
    n = next(_ids)
    values: dict[str, Any] = {
        "given_name": "Maisie",
        "family_name": f"Pryce{n}",
        "date_of_birth": datetime.date(2015, 6, 1),
        "sex": "F",
        "ethnicity": "WBRI",
        "la_child_id": f"WX{n:06d}",
    }
    values.update(fields)
    return Person.objects.create(**values)


def contact(
    children: list[Person], received: datetime.date, *, source: str = "2A", **fields: Any
) -> Contact:
    made = Contact.objects.create(
        reference=f"C-TEST-{next(_ids):06d}",
        kind=ContactKind.CONTACT,
        status=Status.CLOSED,
        received_at=at(received),
        referral_source=source,
        **fields,
    )
    for person in children:
        ContactSubject.objects.create(contact=made, person=person, role=SubjectRole.CHILD)
    return made


def decision(on: Contact, by: User, outcomes: list[str]) -> Decision:
    return Decision.objects.create(
        contact=on,
        outcomes=outcomes,
        reasons="Test decision",
        status=DecisionStatus.AGREED,
        decided_by=by,
        decided_at=on.received_at,
        due_at=on.received_at,
    )


def referral(
    person: Person,
    referred: datetime.date,
    by: User,
    *,
    outcomes: tuple[str, ...] = (Outcome.ASSESSMENT,),
    source: str = "2A",
    **fields: Any,
) -> Referral:
    """A referral made on the day it was received (the assessment starts that day)."""
    made_contact = contact([person], referred, source=source)
    made = Referral.objects.create(
        contact=made_contact,
        decision=decision(made_contact, by, list(outcomes)),
        child=person,
        referral_date=referred,
        referral_source=source,
        assessment_due=add_working_days_to_date(referred, 45),
        **fields,
    )
    Referral.objects.filter(pk=made.pk).update(created_at=at(referred, 15))
    made.refresh_from_db()
    return made


def early_help(on: Contact, by: User, *, accepted: datetime.date | None = None) -> None:
    request = EarlyHelpRequest.objects.create(
        decision=decision(on, by, [Outcome.EARLY_HELP]), contact=on
    )
    EarlyHelpRequest.objects.filter(pk=request.pk).update(
        created_at=on.received_at, accepted_at=at(accepted) if accepted else None
    )


def team(name: str = "Assessment Team North") -> AssessmentTeam:
    return AssessmentTeam.objects.get_or_create(name=name)[0]


# --- Plain census records for the rule tests (no database) -------------------------------


def episode(**fields: Any) -> Episode:
    values: dict[str, Any] = {
        "referral_id": None,
        "referral_date": datetime.date(2025, 9, 1),
        "source": "2A",
        "primary_need": "N1",
        "assessment_start": datetime.date(2025, 9, 2),
        "assessment_end": datetime.date(2025, 10, 20),
        "factors": ("16A",),
    }
    values.update(fields)
    return Episode(**values)


def census_child(**fields: Any) -> CensusChild:
    values: dict[str, Any] = {
        "person_id": None,
        "name": "Maisie Pryce",
        "la_child_id": "WX000001",
        "upn": "",
        "date_of_birth": datetime.date(2022, 6, 1),
        "sex": "F",
        "ethnicity": "WBRI",
        "episodes": (episode(),),
    }
    values.update(fields)
    return CensusChild(**values)
