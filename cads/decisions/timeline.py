"""What decisions adds to a child's file (registered in DecisionsConfig.ready()): each
decision on a contact the person is on, and, on each contact's entry, its current RAG
(cads.deadlines) and outcome, which the contacts app below cannot read."""

from __future__ import annotations

from django.urls import reverse

from cads.accounts.models import User
from cads.accounts.roles import VIEW_DECISION
from cads.contacts.models import Contact
from cads.contacts.timeline import contact_key
from cads.deadlines.due import contact_rag
from cads.deadlines.models import RagLevel
from cads.decisions.models import Decision
from cads.decisions.selectors import outcome_by_contact
from cads.decisions.workflow import DecisionStatus
from cads.people import timeline
from cads.people.models import Person
from cads.people.timeline import TimelineEntry


def decision_entries(viewer: User, person: Person) -> list[TimelineEntry]:
    if not viewer.has_perm(VIEW_DECISION):
        return []
    decisions = Decision.objects.filter(contact__subjects__person=person).select_related(
        "contact", "decided_by"
    )
    return [
        TimelineEntry(
            when=decision.decided_at,
            kind="Decision",
            title=", ".join(decision.outcome_labels),
            key=f"decision:{decision.pk}",
            url=reverse("decisions:decision-detail", args=[decision.pk]),
            details=[
                decision.get_status_display(),
                f"Contact {decision.contact}",
                f"By {decision.decided_by.get_full_name() or decision.decided_by.username}",
            ],
            open=decision.status == DecisionStatus.AWAITING_SIGN_OFF,
        )
        for decision in decisions.distinct()
    ]


def contact_details(viewer: User, entries: list[TimelineEntry]) -> None:
    """Add the RAG and, for those who may see decisions, the outcome to each contact."""
    by_key = {e.key: e for e in entries if e.key.startswith("contact:")}
    if not by_key:
        return
    contacts = Contact.objects.filter(pk__in=[k.split(":", 1)[1] for k in by_key]).select_related(
        "screening"
    )
    labels = dict(RagLevel.objects.values_list("code", "label"))
    outcomes = outcome_by_contact([c.pk for c in contacts])
    for contact in contacts:
        entry = by_key[contact_key(contact.pk)]
        rag = contact_rag(contact)
        entry.details.append(f"RAG: {labels.get(rag, rag) if rag else 'not yet rated'}")
        if viewer.has_perm(VIEW_DECISION):
            found = "; ".join(outcomes.get(contact.pk, [])) or "no decision yet"
            entry.details.append(f"Outcome: {found}")


def register() -> None:
    timeline.register(decision_entries, by="decisions: decisions")
    timeline.register_details(contact_details, by="decisions: contact RAG and outcome")
