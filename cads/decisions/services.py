"""Every write to decisions: propose (final at once unless it needs management oversight),
and a team manager's sign-off (agree, or return with comments). A final decision closes the
contact (unless partner checks are the outcome), makes referrals and Early Help requests.
Each service writes one decision event; the contact spine and the referrals app record
their own moves (contact closed, referrals created) in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.contacts.codes import Consent
from cads.contacts.models import Contact
from cads.contacts.moments import ContactEvent, contact_closing
from cads.contacts.progress import contact_close, contact_screening_start
from cads.contacts.workflow import Status
from cads.deadlines.due import decision_due
from cads.decisions.codes import DEFAULT_SIGN_OFF, WITHOUT_CONSENT, Outcome
from cads.decisions.models import Decision, EarlyHelpRequest, SignOffRule
from cads.decisions.moments import (
    DecisionEvent,
    DecisionProposal,
    decision_final,
    decision_proposed,
)
from cads.decisions.rules import children_refusal
from cads.decisions.summary import ReaderSummary, action_line, summary_defaults
from cads.decisions.workflow import DecisionStatus, check_transition


class DecisionError(ValueError):
    """A decision that cannot be recorded as asked; the message says why."""


def sign_off_triggers() -> frozenset[str]:
    """Outcomes (and "without consent") configured to need a team manager's sign-off."""
    rules = SignOffRule.objects.all()
    if not rules:
        return DEFAULT_SIGN_OFF
    return frozenset(rule.trigger for rule in rules if rule.needs_sign_off)


def sign_off_because(outcomes: Iterable[str], consent: str) -> list[str]:
    """Why a decision needs management oversight, in words (empty: it does not)."""
    triggers = sign_off_triggers()
    because = [f"{Outcome(code).label} needs sign-off" for code in outcomes if code in triggers]
    if consent != Consent.GIVEN and WITHOUT_CONSENT in triggers:
        because.append("The decision was made without consent")
    return because


def effects_refused(*, actor: User, contact: Contact, outcomes: list[str]) -> None:
    """For a decision that will wait for sign-off: refuse now what carrying it out would
    refuse later (a referral without consent or a manager's authorisation; closing while
    partner checks are open). A final decision needs no pre-check: its effects run in its
    own transaction and refuse there."""
    decision_proposed.check(
        DecisionProposal(contact=contact, outcomes=tuple(outcomes), actor=actor)
    )
    if Outcome.MASH_CHECKS not in outcomes:
        contact_closing.check(ContactEvent(contact=contact, actor=actor))


def _check_can_decide(contact: Contact, outcomes: list[str], reasons: str) -> None:
    if not outcomes:
        raise DecisionError("Select at least one outcome")
    if not reasons.strip():
        raise DecisionError("Enter the reasons for your decision")
    if contact.status == Status.CLOSED:
        raise DecisionError(
            "This contact is closed and cannot be reopened: record a new concern as a new contact"
        )
    if contact.status not in (Status.SUBMITTED, Status.IN_SCREENING):
        raise DecisionError("Only a submitted contact can have a decision")
    if Decision.objects.filter(contact=contact, status=DecisionStatus.AWAITING_SIGN_OFF).exists():
        raise DecisionError("A decision on this contact is already waiting for sign-off")
    if (refusal := children_refusal(contact, outcomes)) is not None:
        raise DecisionError(refusal)


@transaction.atomic
def decision_precheck(*, actor: User, contact: Contact, outcomes: list[str], reasons: str) -> None:
    """Refuse now, before the worker writes the referrer's summary, what recording the
    decision would refuse (a closed contact, open partner checks, no consent for a referral).
    Reads only: the guards' checks write nothing."""
    _check_can_decide(contact, outcomes, reasons)
    effects_refused(actor=actor, contact=contact, outcomes=outcomes)


def summary_prefilled(
    contact: Contact, outcomes: list[str], replaces: Decision | None
) -> ReaderSummary:
    """The summary the form starts from: the concern, the outcomes in plain English and the
    actions agreed on a returned decision this one replaces."""
    actions = (
        [action_line(a.action, a.who, a.by_when) for a in replaces.actions.all()]
        if replaces
        else []
    )
    return summary_defaults(contact, outcomes, actions)


def _carry_out(*, actor: User, decision: Decision) -> None:
    """What a final decision does: the Early Help request here; what other apps do
    (referrals, the referrer's outcome letter) registered for `decision_final`; then the
    contact closes unless partner checks are the outcome. All in this transaction."""
    if Outcome.EARLY_HELP in decision.outcomes:
        EarlyHelpRequest.objects.create(decision=decision, contact=decision.contact)
    decision_final.publish(DecisionEvent(decision=decision, actor=actor))
    if Outcome.MASH_CHECKS not in decision.outcomes:
        reason = f"{', '.join(decision.outcome_labels)}: {decision.reasons}"
        contact_close(actor=actor, contact=decision.contact, reason=reason)


@transaction.atomic
def decision_record(
    *,
    actor: User,
    contact: Contact,
    outcomes: list[str],
    reasons: str,
    open_case_worker: str = "",
    replaces: Decision | None = None,
    summary: ReaderSummary | None = None,
) -> Decision:
    """Record a decision with its reasons (internal) and the summary the referrer reads
    (pre-filled when not given), against the contact's decision deadline. It is final at
    once unless configured to need a team manager's sign-off."""
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    outcomes = [Outcome(code).value for code in dict.fromkeys(outcomes)]
    _check_can_decide(locked, outcomes, reasons)
    if locked.status == Status.SUBMITTED:
        locked = contact_screening_start(actor=actor, contact=locked)
    because = sign_off_because(outcomes, locked.consent)
    if because:
        effects_refused(actor=actor, contact=locked, outcomes=outcomes)
    target = DecisionStatus.AWAITING_SIGN_OFF if because else DecisionStatus.AGREED
    check_transition(DecisionStatus.PROPOSED, target)
    decision = Decision.objects.create(
        contact=locked,
        outcomes=outcomes,
        reasons=reasons.strip(),
        **(summary or summary_prefilled(locked, outcomes, replaces)).as_fields(),
        open_case_worker=open_case_worker.strip(),
        consent=locked.consent,
        status=target,
        sign_off_because=because,
        decided_by=actor,
        decided_at=timezone.now(),
        due_at=decision_due(locked),
        replaces=replaces,
    )
    case_event_record(
        subject=locked,
        actor=actor,
        kind="decision.proposed" if because else "decision.made",
        new={"decision": str(decision.pk), "outcomes": outcomes, "on_time": decision.on_time},
        reason=decision.reasons,
    )
    if target == DecisionStatus.AGREED:
        _carry_out(actor=actor, decision=decision)
    return decision


@transaction.atomic
def decision_sign_off(*, actor: User, decision: Decision, agree: bool, comments: str) -> Decision:
    """A team manager agrees the decision (it takes effect) or returns it with comments
    (the worker makes a new proposal). Management oversight is by someone other than the
    worker who decided."""
    locked = Decision.objects.select_for_update().select_related("contact").get(pk=decision.pk)
    target = DecisionStatus.AGREED if agree else DecisionStatus.RETURNED
    check_transition(locked.status, target)
    if not agree and not comments.strip():
        raise DecisionError("Enter your comments for the worker")
    if locked.decided_by_id == actor.pk:
        raise DecisionError("You cannot sign off your own decision: ask another team manager")
    # The children may have changed since it was proposed (a record unlinked, a merge):
    # agreeing carries it out, so the same rule applies again.
    if agree and (refusal := children_refusal(locked.contact, locked.outcomes)) is not None:
        raise DecisionError(refusal)
    locked.status = target
    locked.signed_off_by = actor
    locked.signed_off_at = timezone.now()
    locked.manager_comments = comments.strip()
    locked.save(update_fields=["status", "signed_off_by", "signed_off_at", "manager_comments"])
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="decision.agreed" if agree else "decision.returned",
        old={"status": DecisionStatus.AWAITING_SIGN_OFF},
        new={"decision": str(locked.pk), "status": target},
        reason=locked.manager_comments,
    )
    if agree:
        _carry_out(actor=actor, decision=locked)
    return locked
