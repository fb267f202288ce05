"""The alerts sweep (issue 6: "a periodic job sweeps deadlines and raises alerts; it is safe
to run twice"). Registered with cads.core.sweeps in cads.alerts.tasks, so the worker's
five-minute deadline sweep runs it. Each alert is unique per recipient and subject
(Alert.alert_once_per_subject), so a second run at the same moment raises nothing new."""

from __future__ import annotations

import datetime

from cads.alerts import rules, selectors
from cads.core.heartbeat import workers_stale


def alerts_sweep(at: datetime.datetime) -> int:
    """Raise every alert now due; return how many new alerts were raised."""
    raised = 0
    # A safety net for red contacts not raised at once: online submissions, a new worker.
    for contact in selectors.open_red_contacts():
        raised += len(rules.red_contact_raise(contact=contact, at=at))
    for contact, due in selectors.decisions_due_soon(at):
        raised += len(rules.decision_due_raise(contact=contact, due=due, at=at))
    for contact, due in selectors.feedback_overdue(at):
        raised += len(rules.feedback_overdue_raise(contact=contact, due=due, at=at))
    for check in selectors.checks_overdue(at):
        raised += len(rules.check_overdue_raise(check=check, at=at))
    for letter in selectors.letters_failed():
        raised += len(rules.letter_failed_raise(letter=letter, at=at))
    for letter in selectors.letters_unconfirmed():
        raised += len(rules.letter_unconfirmed_raise(letter=letter, at=at))
    # A worker that died is noticed by another, or by itself once restarted (ADR 0024).
    for worker in workers_stale(at):
        raised += len(rules.worker_stale_raise(worker=worker, at=at))
    return raised
