"""Writes of a screening: open, history viewed, re-rate, consent call, threshold, reassign.
Each is atomic, locks the row, checks the version the user saw, and writes one audit event
on the contact's timeline."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.models import AccessLog
from cads.audit.services import case_event_record
from cads.contacts.codes import Consent
from cads.contacts.models import Contact
from cads.contacts.moments import ContactEvent, contact_rated_red
from cads.contacts.progress import contact_screening_start
from cads.contacts.services import RED
from cads.contacts.workflow import Status as ContactStatus
from cads.deadlines.due import rag_level
from cads.screening.models import Screening, ThresholdIndicator, ThresholdLevel
from cads.screening.workflow import Status, check_transition

HISTORY_SCREEN = "screening:history"


class StaleScreeningError(Exception):
    """Someone else saved the screening after this user opened it."""

    def __init__(self, current: Screening) -> None:
        super().__init__("Someone else saved this screening after you opened it")
        self.current = current


class HistoryNotViewedError(Exception):
    """The consent call came before the child's history was read."""


def _locked(screening: Screening, expected_version: int | None) -> Screening:
    locked = Screening.objects.select_for_update().get(pk=screening.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleScreeningError(locked)
    return locked


def _save(locked: Screening, fields: list[str]) -> None:
    # Screened once both calls a decision rests on are recorded: consent and threshold.
    if locked.status == Status.IN_PROGRESS and locked.consent_call and locked.threshold_level_id:
        check_transition(locked.status, Status.SCREENED)
        locked.status = Status.SCREENED
        fields = [*fields, "status"]
    locked.version += 1
    locked.save(update_fields=[*fields, "version", "updated_at"])


@transaction.atomic
def screening_open(*, actor: User, contact: Contact) -> Screening:
    """The first screener to open a submitted contact starts screening it and is its worker.
    Later openings change nothing. The one event is the contact's "screening started"."""
    existing = Screening.objects.filter(contact=contact).first()
    if existing is not None:
        return existing
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    # Two screeners opening a new contact at once: the second waits for the lock above and
    # then finds the first one's screening, rather than making a second one.
    existing = Screening.objects.filter(contact=locked).first()
    if existing is not None:
        return existing
    screening = Screening.objects.create(contact=locked, worker=actor, rag=locked.rag)
    if locked.status == ContactStatus.SUBMITTED:
        contact_screening_start(actor=actor, contact=locked)
    else:
        case_event_record(subject=locked, actor=actor, kind="screening.opened")
    return screening


@transaction.atomic
def screening_history_viewed(*, actor: User, screening: Screening) -> Screening:
    """Note the first time the history screen was read (the access log has every view)."""
    locked = _locked(screening, None)
    if locked.history_viewed_at is not None:
        return locked
    locked.history_viewed_at = timezone.now()
    _save(locked, ["history_viewed_at"])
    case_event_record(subject=locked.contact, actor=actor, kind="screening.history_viewed")
    return locked


@transaction.atomic
def screening_rerate(
    *, actor: User, screening: Screening, rag: str, reason: str, expected_version: int
) -> Screening:
    """Change the RAG rating. Issue 5: re-rating needs a reason and is on the timeline."""
    if not reason.strip():
        raise ValueError("Changing the RAG rating needs a reason")
    rag_level(rag)  # refuses a code with no configured level
    locked = _locked(screening, expected_version)
    old = locked.rag
    locked.rag = rag
    _save(locked, ["rag"])
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="screening.rerated",
        old={"rag": old},
        new={"rag": rag},
        reason=reason,
    )
    if rag == RED:  # the managers and the worker hear of a red contact at once (ADR 0014)
        contact_rated_red.publish(ContactEvent(contact=locked.contact, actor=actor))
    return locked


def history_viewed_by(user: User, contact: Contact) -> bool:
    """The access log proves the user opened the history screen for this contact."""
    return AccessLog.objects.filter(
        actor=user,
        subject_type=ContentType.objects.get_for_model(Contact),
        subject_id=str(contact.pk),
        screen=HISTORY_SCREEN,
    ).exists()


@transaction.atomic
def screening_consent_call_record(
    *,
    actor: User,
    screening: Screening,
    consent_call: str,
    not_sought_reason: str,
    reason: str,
    expected_version: int,
) -> Screening:
    """Seed 000, Lancashire finding: show the history before consent is discussed, so the
    consent call is refused until the access log shows this worker viewed the history."""
    if not history_viewed_by(actor, screening.contact):
        raise HistoryNotViewedError(
            "Read the child's history before you record the consent decision"
        )
    if consent_call != Consent.GIVEN and not reason.strip():
        raise ValueError("Give the reason consent was refused or not sought")
    locked = _locked(screening, expected_version)
    old = {"consent_call": locked.consent_call}
    locked.consent_call = consent_call
    locked.consent_not_sought_reason = (
        not_sought_reason if consent_call == Consent.NOT_SOUGHT else ""
    )
    locked.consent_call_reason = reason
    locked.consent_called_at = timezone.now()
    locked.consent_called_by = actor
    _save(
        locked,
        [
            "consent_call",
            "consent_not_sought_reason",
            "consent_call_reason",
            "consent_called_at",
            "consent_called_by",
        ],
    )
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="screening.consent_call",
        old=old,
        new={"consent_call": consent_call, "not_sought_reason": locked.consent_not_sought_reason},
        reason=reason,
    )
    return locked


@transaction.atomic
def screening_threshold_record(
    *,
    actor: User,
    screening: Screening,
    level: ThresholdLevel,
    indicators: Iterable[ThresholdIndicator],
    rationale: str,
    disagreement_reason: str,
    expected_version: int,
) -> Screening:
    """Record the level of need and the indicators that apply; disagreement with the
    referrer's view is worked out and stored so it can be counted (incumbents §6)."""
    locked = _locked(screening, expected_version)
    view = locked.contact.referrer_threshold_view
    disagrees = view.isdigit() and int(view) != level.number if view else None
    if disagrees and not disagreement_reason.strip():
        raise ValueError("Say why your level differs from the referrer's")
    old: dict[str, Any] = {
        "level": locked.threshold_level.number if locked.threshold_level else None
    }
    locked.threshold_level = level
    locked.threshold_rationale = rationale
    locked.disagrees_with_referrer = disagrees
    locked.disagreement_reason = disagreement_reason if disagrees else ""
    _save(
        locked,
        [
            "threshold_level",
            "threshold_rationale",
            "disagrees_with_referrer",
            "disagreement_reason",
        ],
    )
    chosen = list(indicators)
    locked.indicators.set(chosen)
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="screening.threshold",
        old=old,
        new={
            "level": level.number,
            "indicators": [i.pk for i in chosen],
            "disagrees_with_referrer": disagrees,
        },
        reason=rationale,
    )
    return locked


@transaction.atomic
def screening_reassign(
    *, actor: User, screening: Screening, worker: User, reason: str
) -> Screening:
    """A team manager moves a contact to another worker, with a reason (audited)."""
    if not reason.strip():
        raise ValueError("Reassigning a contact needs a reason")
    locked = _locked(screening, None)
    old = {"worker": locked.worker.username if locked.worker else None}
    locked.worker = worker
    _save(locked, ["worker"])
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="screening.reassigned",
        old=old,
        new={"worker": worker.username},
        reason=reason,
    )
    return locked
