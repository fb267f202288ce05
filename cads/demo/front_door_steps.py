"""The steps the demo front door is built from, each the service call a user's page makes:
record a contact section by section, open its history, screen it. Used only by
cads.demo.front_door."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import resolve, reverse
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import access_log_record
from cads.authority.selectors import office_hours
from cads.contacts.codes import Channel, Consent, SubjectRole
from cads.contacts.models import Contact
from cads.contacts.services import (
    contact_immediate_risk_record,
    contact_section_save,
    contact_start,
    contact_subject_add,
    contact_submit,
)
from cads.core.clocks import is_out_of_hours
from cads.deadlines.due import rag_due
from cads.people.models import Person, Relationship, RelationshipKind
from cads.screening.models import Screening, ThresholdIndicator, ThresholdLevel
from cads.screening.services import (
    screening_consent_call_record,
    screening_history_viewed,
    screening_open,
    screening_rerate,
    screening_threshold_record,
)

HOUR = datetime.timedelta(hours=1)


@dataclass
class Family:
    parents: list[Person] = field(default_factory=list)
    children: list[Person] = field(default_factory=list)


def demo_households() -> list[Family]:
    """Each household's parents and children, in the order the demo created them."""
    links = (
        Relationship.objects.filter(kind=RelationshipKind.PARENT)
        .select_related("from_person", "to_person")
        .order_by("to_person__created_at", "from_person__created_at")
    )
    families: dict[Any, Family] = {}
    for link in links:
        family = families.setdefault(link.to_person.household_id, Family())
        if link.from_person not in family.parents:
            family.parents.append(link.from_person)
        if link.to_person not in family.children:
            family.children.append(link.to_person)
    return list(families.values())


def demo_email(name: str) -> str:
    """A fictional address for a demo referrer, like jo.mercer@example.org."""
    words = [w for w in name.lower().replace(".", "").split() if w not in {"dr", "pc"}]
    return ".".join(words) + "@example.org"


def professional(
    name: str, role: str, source: str, organisation: str = "Wessex Community Health NHS Trust"
) -> dict[str, Any]:
    """The referrer section for a named professional (professionals are never anonymous)."""
    return {
        "referrer_name": name,
        "referrer_role": role,
        "referrer_organisation": organisation,
        "referrer_phone": "01632 960 123",
        # example.org is reserved for examples: letters to demo referrers go nowhere real.
        "referrer_email": demo_email(name),
        "referral_source": source,
        "referrer_identity_may_be_shared": True,
    }


def record_contact(
    actor: User,
    family: Family,
    children: list[Person],
    *,
    received_at: datetime.datetime,
    sections: dict[str, dict[str, Any]],
    channel: str = Channel.PHONE,
    at_risk: bool = False,
) -> Contact:
    """Record and submit a contact as the intake pages do: immediate risk first, the
    children and their parents, then each section, then submit."""
    contact = contact_start(actor=actor, received_at=received_at, channel=channel)
    contact = contact_immediate_risk_record(actor=actor, contact=contact, at_risk=at_risk)
    for child in children:
        contact_subject_add(
            actor=actor, contact=contact, person=child, role=SubjectRole.CHILD, whereabouts="Home"
        )
    for parent in family.parents:
        contact_subject_add(
            actor=actor,
            contact=contact,
            person=parent,
            role=SubjectRole.PARENT_CARER,
            parental_responsibility=True,
        )
    contact = contact_section_save(
        actor=actor, contact=contact, section="children-and-family", changes={}
    )
    for slug, changes in sections.items():
        contact = contact_section_save(actor=actor, contact=contact, section=slug, changes=changes)
    return contact_submit(actor=actor, contact=contact, submission_key=uuid.uuid4())


def open_history(worker: User, contact: Contact) -> Screening:
    """What opening the history screen does: the view is logged (the consent call is
    refused without that log), screening starts and the history is marked read."""
    request = HttpRequest()
    request.path = reverse("screening:history", args=[contact.pk])
    request.resolver_match = resolve(request.path)
    request.user = worker
    access_log_record(request=request, subject=contact)
    screening = screening_open(actor=worker, contact=contact)
    return screening_history_viewed(actor=worker, screening=screening)


def rate(worker: User, screening: Screening, rag: str, why: str) -> Screening:
    return screening_rerate(
        actor=worker, screening=screening, rag=rag, reason=why, expected_version=screening.version
    )


def screen(worker: User, contact: Contact, *, rag: str, why: str) -> Screening:
    """History read, RAG rated and the consent call made (consent was given at intake)."""
    screening = rate(worker, open_history(worker, contact), rag, why)
    return screening_consent_call_record(
        actor=worker,
        screening=screening,
        consent_call=Consent.GIVEN,
        not_sought_reason="",
        reason="",
        expected_version=screening.version,
    )


def threshold(worker: User, screening: Screening, number: int, rationale: str) -> Screening:
    """The level of need, with the level's first indicators."""
    level = ThresholdLevel.objects.get(number=number)
    return screening_threshold_record(
        actor=worker,
        screening=screening,
        level=level,
        indicators=ThresholdIndicator.objects.filter(level=level).order_by("pk")[:2],
        rationale=rationale,
        disagreement_reason="",
        expected_version=screening.version,
    )


def overdue_amber_received(now: datetime.datetime) -> datetime.datetime:
    """Yesterday, or the last day before it whose amber deadline has already passed (after
    a weekend, Friday's contact is the one overdue)."""
    received = now - datetime.timedelta(days=1, hours=2)
    for _ in range(14):
        if rag_due(received, "amber") < now - datetime.timedelta(minutes=30):
            break
        received -= datetime.timedelta(days=1)
    return received


def out_of_hours_received(now: datetime.datetime) -> datetime.datetime:
    """Within office hours: 22:40 last night, so the day team finds it in the tray. Out of
    hours: half an hour ago, so it waits for the next working day as the service queues it
    (the queue time is worked out at submit, which here is now)."""
    hours = office_hours()
    if is_out_of_hours(now, hours=hours):
        earlier = now - datetime.timedelta(minutes=30)
        return earlier if is_out_of_hours(earlier, hours=hours) else now
    yesterday = timezone.localtime(now).date() - datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time(22, 40)))
