"""Who gets which alert, and what it says (ADR 0014). Messages are shown in the app and name
no child: the reference and why is enough to find the work."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone

from cads.accounts.models import User
from cads.alerts.models import Alert, AlertKind
from cads.alerts.selectors import RED, administrators, team_managers
from cads.alerts.services import alert_raise
from cads.checks.models import AuthorisationRequest, CheckRequest
from cads.checks.workflow import AuthorisationStatus
from cads.contacts.models import Contact
from cads.core.models import WorkerHeartbeat
from cads.deadlines.due import contact_rag
from cads.letters.models import Letter


def _worker(contact: Contact) -> User | None:
    screening = getattr(contact, "screening", None)
    return screening.worker if screening is not None else None


def _when(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M on %-d %B %Y}"


def red_contact_raise(
    *, contact: Contact, actor: User | None = None, at: datetime.datetime | None = None
) -> list[Alert]:
    """A red contact (immediate risk at intake, or re-rated red by a screener): the team
    managers and the assigned worker, at once. Called on submission and on re-rating; the
    sweep raises any that were missed (a reassigned worker)."""
    if contact_rag(contact) != RED or not contact.reference:
        return []
    return alert_raise(
        kind=AlertKind.RED_CONTACT,
        recipients=[*team_managers(), _worker(contact)],
        contact=contact,
        object_id=str(contact.pk),
        message=f"{contact.reference} is rated red: act on it within the red timescale",
        at=at,
        actor=actor,
    )


def decision_due_raise(
    *, contact: Contact, due: datetime.datetime, at: datetime.datetime
) -> list[Alert]:
    """Working Together 2023: decide within one working day. An hour before the deadline the
    assigned worker is told, or the team managers when nobody is assigned."""
    worker = _worker(contact)
    verb = "was due" if due <= at else "is due"
    return alert_raise(
        kind=AlertKind.DECISION_DUE,
        recipients=[worker] if worker else team_managers(),
        contact=contact,
        object_id=str(contact.pk),
        message=f"The decision on {contact.reference} {verb} by {_when(due)}",
        at=at,
    )


def feedback_overdue_raise(
    *, contact: Contact, due: datetime.datetime, at: datetime.datetime
) -> list[Alert]:
    """Issue 6: overdue feedback is flagged like any other clock. The assigned worker
    acknowledges the referrer; the team managers when nobody is assigned."""
    worker = _worker(contact)
    return alert_raise(
        kind=AlertKind.FEEDBACK_OVERDUE,
        recipients=[worker] if worker else team_managers(),
        contact=contact,
        object_id=str(contact.pk),
        message=f"The referrer of {contact.reference} was due an acknowledgement by {_when(due)}",
        at=at,
    )


def check_overdue_raise(*, check: CheckRequest, at: datetime.datetime) -> list[Alert]:
    """The worker who asked, by email; the team managers in the app only, because the
    checks escalation (cads.checks.escalation) already emails them about the same check."""
    message = (
        f"The {check.organisation} check on {check.contact.reference} was due by "
        f"{_when(check.due_at)}"
    )

    def _raise(recipients: Iterable[User | None], email: bool) -> list[Alert]:
        return alert_raise(
            kind=AlertKind.CHECK_OVERDUE,
            recipients=recipients,
            contact=check.contact,
            object_id=str(check.pk),
            message=message,
            at=at,
            email=email,
        )

    return _raise([check.requested_by], True) + _raise(team_managers(), False)


def letter_failed_raise(*, letter: Letter, at: datetime.datetime) -> list[Alert]:
    """A letter the worker could not send: the team managers and whoever sent it."""
    return alert_raise(
        kind=AlertKind.LETTER_FAILED,
        recipients=[*team_managers(), letter.created_by],
        contact=letter.contact,
        object_id=str(letter.pk),
        message=(
            f"The {letter.get_kind_display().lower()} for {letter.contact.reference} "
            "could not be sent: check the address and send it again"
        ),
        at=at,
    )


def authorisation_requested_raise(*, request: AuthorisationRequest, actor: User) -> list[Alert]:
    """A worker asks for authorisation of checks without consent (ADR 0011): the team
    managers, who answer from their list of authorisations."""
    return alert_raise(
        kind=AlertKind.CONSENT_ASKED,
        recipients=[manager for manager in team_managers() if manager.pk != actor.pk],
        contact=request.contact,
        object_id=str(request.pk),
        message=(
            f"{request.requested_by.get_full_name() or request.requested_by} asks you to "
            f"authorise partner checks without consent on {request.contact.reference}"
        ),
        actor=actor,
    )


def authorisation_answered_raise(*, request: AuthorisationRequest, actor: User) -> list[Alert]:
    """The worker who asked hears the answer."""
    verdict = "authorised" if request.status == AuthorisationStatus.AUTHORISED else "not authorised"
    return alert_raise(
        kind=AlertKind.CONSENT_ANSWERED,
        recipients=[request.requested_by] if request.requested_by_id != actor.pk else [],
        contact=request.contact,
        object_id=str(request.pk),
        message=(
            f"Partner checks without consent on {request.contact.reference} were {verdict} "
            f"by {actor.get_full_name() or actor}"
        ),
        actor=actor,
    )


def letter_unconfirmed_raise(*, letter: Letter, at: datetime.datetime) -> list[Alert]:
    """A letter that may or may not have gone (ADR 0024): the team managers and whoever
    sent it check with the recipient and record the answer."""
    return alert_raise(
        kind=AlertKind.LETTER_UNCONFIRMED,
        recipients=[*team_managers(), letter.created_by],
        contact=letter.contact,
        object_id=str(letter.pk),
        message=(
            f"The {letter.get_kind_display().lower()} for {letter.contact.reference} "
            "may not have been sent: check with the recipient whether it arrived"
        ),
        at=at,
    )


def worker_stale_raise(*, worker: WorkerHeartbeat, at: datetime.datetime) -> list[Alert]:
    """A background worker stopped beating without stopping (killed, crashed, cut off):
    letters and alerts wait until one runs again. The administrators, once per worker."""
    return alert_raise(
        kind=AlertKind.WORKER_STALE,
        recipients=administrators(),
        contact=None,
        subject=worker,
        object_id=str(worker.pk),
        message=(
            f"The background worker {worker.name} was last seen at {_when(worker.last_seen_at)}"
            ": check that a worker is running"
        ),
        at=at,
    )
