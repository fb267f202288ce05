"""Every write about letters: template versions; letters owed (written in the same
transaction as the submission, decision or consultation that owes them, with the worker's
job deferred in that transaction too, so a crash cannot lose one); preview, edit and send;
resend as a new record; acknowledging instructions. Each service is atomic and records one
case event. Delivery on the worker is cads.letters.delivery."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Final

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.checks.models import LawfulBasis
from cads.checks.selectors import consent_status_text
from cads.contacts.codes import ContactKind
from cads.contacts.models import Contact
from cads.decisions.codes import Outcome
from cads.decisions.models import Decision
from cads.letters import rendering
from cads.letters.due import letter_due, letter_settings
from cads.letters.merge import LetterInput, identity_withheld, merge_fields
from cads.letters.models import Letter, LetterKind, LetterTemplate
from cads.letters.tokens import acknowledge_url
from cads.letters.workflow import LetterStatus

# Attempts before a letter shows as failed (the task's RetryStrategy uses the same number).
MAX_ATTEMPTS: Final = 5
PLACEHOLDER: Final = "[Write here"  # left in a template for the person to fill in
# Why each kind of letter is shared (kept on the letter as its information-sharing record).
SHARING_REASONS: Final[dict[str, str]] = {
    LetterKind.ACKNOWLEDGEMENT: "Working Together 2023: the referrer is told their contact "
    "was received",
    LetterKind.OUTCOME: "Working Together 2023: feedback to the referrer on the decision",
    LetterKind.CONSULTATION_RECORD: "A record of the consultation and the advice agreed",
    LetterKind.INSTRUCTIONS: "What the school or professional must do next to safeguard the child",
    LetterKind.FAMILY: "Telling the parent or carer about the contact and what was decided",
}
NO_OUTCOME_LETTER: Final = frozenset({Outcome.ASSESSMENT, Outcome.MASH_CHECKS})


class LetterError(Exception):
    """The letter cannot be made: `message` says why in words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LetterDeliveryError(Exception):
    """Sending failed this time; the worker retries."""


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str = ""
    address: str = ""


def current_template(kind: str) -> LetterTemplate:
    template = LetterTemplate.objects.filter(kind=kind).order_by("-version").first()
    if template is None:
        raise LetterError(f"There is no template for {LetterKind(kind).label.lower()}")
    return template


@transaction.atomic
def letter_template_revise(
    *, actor: User | None, kind: str, title: str, body: str
) -> LetterTemplate:
    """Save a new version of a kind's template; earlier versions are kept unchanged."""
    rendering.check_body(body, kind)
    latest = (
        LetterTemplate.objects.select_for_update()
        .filter(kind=kind)
        .aggregate(latest=Max("version"))["latest"]
    )
    template = LetterTemplate.objects.create(
        kind=kind, version=(latest or 0) + 1, title=title.strip(), body=body, created_by=actor
    )
    case_event_record(
        subject=template,
        actor=actor,
        kind="letter_template.revised",
        new={"kind": kind, "version": template.version},
    )
    return template


def has_named_referrer(contact: Contact) -> bool:
    """A referrer who can be written to: not anonymous, named, with an email address."""
    return bool(not contact.referrer_anonymous and contact.referrer_name and contact.referrer_email)


def latest_final_decision(contact: Contact) -> Decision | None:
    return Decision.objects.filter(contact=contact, status="agreed").order_by("-decided_at").first()


def letter_text(*, contact: Contact, kind: str, letter_id: uuid.UUID, **extra: object) -> str:
    """The current template for `kind` filled in for `contact` (before any editing). A
    template that names a number the authority's settings cannot fill is refused here too
    (the settings may have changed since it was saved)."""
    decision = extra.get("decision")
    if decision is None and kind in (LetterKind.OUTCOME, LetterKind.FAMILY):
        decision = latest_final_decision(contact)
    link = acknowledge_url(letter_id) if kind == LetterKind.INSTRUCTIONS else ""
    letter = LetterInput(
        kind=kind,
        decision=decision if isinstance(decision, Decision) else None,
        recipient_name=str(extra.get("recipient_name") or ""),
        instructions=f"{PLACEHOLDER} what they must do next, and by when]",
        acknowledge_link=link,
    )
    body = current_template(kind).body
    try:
        rendering.check_numbers(body)
    except ValidationError as exc:
        raise LetterError(f"The letter template cannot be used: {exc.messages[0]}") from exc
    return rendering.render_text(body, merge_fields(contact, letter))


def _sharing(contact: Contact, kind: str) -> dict[str, object]:
    return {
        "lawful_basis": LawfulBasis.PUBLIC_TASK.label,
        "consent_status": consent_status_text(contact),
        "sharing_reasons": SHARING_REASONS[kind],
        "identity_withheld": kind == LetterKind.FAMILY and identity_withheld(contact),
    }


def _defer_delivery(letter: Letter) -> None:
    # Deferred inside the caller's transaction (Procrastinate's Django connector writes the
    # job through Django's connection): the job exists if and only if the letter does.
    from cads.letters.tasks import letter_deliver  # noqa: PLC0415 - tasks.py imports this module

    letter_deliver.defer(letter_id=str(letter.pk))


@transaction.atomic
def letter_owe(
    *,
    contact: Contact,
    kind: str,
    idempotency_key: str,
    recipient: Recipient,
    decision: Decision | None = None,
    automatic: bool | None = None,
) -> Letter:
    """Record a letter owed, with its due time. An automatic letter is queued for the
    worker to make and send; otherwise it is a draft, "to send", that a person checks and
    sends. The letter settings decide which (ADR 0023: check before sending by default)."""
    done = Letter.objects.filter(idempotency_key=idempotency_key).first()
    if done is not None:
        return done
    if automatic is None:
        automatic = not letter_settings().checked_before_sending(kind)
    # A letter about a restricted person is written by someone with access to them, never
    # made and sent by the worker on its own (ADR 0025): it waits, "to send".
    automatic = automatic and not contact.subjects.filter(person__restricted=True).exists()
    letter = Letter.objects.create(
        contact=contact,
        decision=decision,
        template=current_template(kind),
        kind=kind,
        due_at=letter_due(contact, kind),
        recipient_name=recipient.name,
        recipient_email=recipient.email,
        recipient_address=recipient.address,
        status=LetterStatus.QUEUED if automatic else LetterStatus.TO_SEND,
        idempotency_key=idempotency_key,
        **_sharing(contact, kind),
    )
    case_event_record(
        subject=contact,
        actor=None,
        kind="letter.owed",
        new={"letter": str(letter.pk), "kind": kind, "due_at": letter.due_at.isoformat()},
    )
    if automatic:
        _defer_delivery(letter)
    return letter


def _referrer(contact: Contact) -> Recipient:
    return Recipient(name=contact.referrer_name, email=contact.referrer_email)


def acknowledgement_owe(*, contact: Contact) -> Letter | None:
    """At submission (same transaction): acknowledge a named referrer with an email."""
    if contact.kind != ContactKind.CONTACT or not has_named_referrer(contact):
        return None
    return letter_owe(
        contact=contact,
        kind=LetterKind.ACKNOWLEDGEMENT,
        idempotency_key=f"acknowledgement:{contact.pk}",
        recipient=_referrer(contact),
    )


def outcome_letter_owe(*, decision: Decision) -> Letter | None:
    """At a final decision (same transaction) that is not a Child and Family Assessment
    (nor partner checks, which are not yet the outcome): tell the referrer. A draft for the
    worker or the signing manager to check and send, unless the settings send outcome
    letters automatically and the summary has nothing left to fill in."""
    if NO_OUTCOME_LETTER & set(decision.outcomes) or not has_named_referrer(decision.contact):
        return None
    unfinished = any(PLACEHOLDER in text for text in decision_summary(decision))
    checked = letter_settings().checked_before_sending(LetterKind.OUTCOME)
    return letter_owe(
        contact=decision.contact,
        kind=LetterKind.OUTCOME,
        idempotency_key=f"outcome:{decision.pk}",
        recipient=_referrer(decision.contact),
        decision=decision,
        automatic=not (checked or unfinished),
    )


def decision_summary(decision: Decision) -> list[str]:
    """The parts of the decision a letter may print: the summary written for the reader."""
    return [
        decision.summary_told_us,
        decision.summary_decided,
        decision.summary_next_steps,
        decision.summary_asks,
    ]


def consultation_record_owe(*, contact: Contact) -> Letter | None:
    """When a consultation is recorded (same transaction): its record is owed to the
    professional; a person checks and sends it."""
    name = contact.referrer_name or contact.referrer_organisation
    if contact.kind != ContactKind.CONSULTATION or not name:
        return None
    return letter_owe(
        contact=contact,
        kind=LetterKind.CONSULTATION_RECORD,
        idempotency_key=f"consultation:{contact.pk}",
        recipient=Recipient(name=name, email=contact.referrer_email),
    )
