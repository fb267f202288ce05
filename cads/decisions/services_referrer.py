"""Writes about feedback to the referrer: structured actions (what the referrer must do
next, who, by when) and the referrer's acknowledgement. Working Together 2023: feedback is
given to the referrer on the decisions taken. Letters are sent by the letters app."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.decisions.models import Decision, EarlyHelpRequest, ReferrerAction
from cads.decisions.summary import ADVICE_PLACEHOLDER, action_line
from cads.decisions.workflow import DecisionStatus


class ReferrerFeedbackError(ValueError):
    """Feedback that cannot be recorded as asked."""


def _check_not_returned(decision: Decision) -> None:
    if decision.status == DecisionStatus.RETURNED:
        raise ReferrerFeedbackError(
            "This decision was returned by a team manager: add actions to the new decision"
        )


@transaction.atomic
def referrer_action_add(
    *, actor: User, decision: Decision, action: str, who: str, by_when: datetime.date
) -> ReferrerAction:
    """Add one action for the referrer (for example, the school's DSL speaks to the parents).
    It is added to "what we ask you to do" in the summary the referrer reads, where the
    worker sees it when checking the outcome letter."""
    _check_not_returned(decision)
    if not action.strip() or not who.strip():
        raise ReferrerFeedbackError("Enter the action and who will do it")
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    item = ReferrerAction.objects.create(
        decision=locked, action=action.strip(), who=who.strip(), by_when=by_when,
        created_by=actor,
    )  # fmt: skip
    asks = locked.summary_asks.replace(ADVICE_PLACEHOLDER, "").strip()
    locked.summary_asks = "\n".join(
        filter(None, [asks, action_line(item.action, item.who, by_when)])
    )
    locked.save(update_fields=["summary_asks"])
    case_event_record(
        subject=decision.contact,
        actor=actor,
        kind="decision.referrer_action_added",
        new={"decision": str(decision.pk), "who": item.who, "by_when": by_when.isoformat()},
        reason=item.action,
    )
    return item


@transaction.atomic
def referrer_acknowledgement_record(
    *, actor: User, decision: Decision, acknowledged_on: datetime.date, note: str
) -> Decision:
    """Record that the referrer acknowledged the advice and actions (by phone, email…)."""
    _check_not_returned(decision)
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    old = locked.referrer_acknowledged_on
    locked.referrer_acknowledged_on = acknowledged_on
    locked.referrer_acknowledgement = note.strip()
    locked.save(update_fields=["referrer_acknowledged_on", "referrer_acknowledgement"])
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="decision.referrer_acknowledged",
        old={"acknowledged_on": old.isoformat() if old else None},
        new={"decision": str(locked.pk), "acknowledged_on": acknowledged_on.isoformat()},
        reason=locked.referrer_acknowledgement,
    )
    return locked


@transaction.atomic
def early_help_request_accept(
    *, actor: User, item: EarlyHelpRequest, note: str = ""
) -> EarlyHelpRequest:
    """An Early Help pathway advisor takes a stepped-down contact on; it leaves the tray.
    Accepting twice is refused, so the record keeps who took it on first."""
    locked = EarlyHelpRequest.objects.select_for_update().get(pk=item.pk)
    if locked.accepted_at is not None:
        raise ReferrerFeedbackError("This Early Help request has already been accepted")
    locked.accepted_at = timezone.now()
    locked.accepted_by = actor
    locked.accepted_note = note
    locked.save(update_fields=["accepted_at", "accepted_by", "accepted_note"])
    case_event_record(
        subject=locked.contact,
        actor=actor,
        kind="early_help.accepted",
        new={"early_help_request": str(locked.pk)},
        reason=note,
    )
    return locked
