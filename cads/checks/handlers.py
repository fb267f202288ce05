"""What checks does at a contact's moments (registered in ChecksConfig.ready()): a contact
never closes while a partner check is open (Working Together 2023: the decision is made
with the partners' answers, or a manager cancels the check with a reason first)."""

from __future__ import annotations

from cads.checks.selectors import outstanding_checks
from cads.contacts.moments import ContactEvent, contact_closing
from cads.core.moments import Refusal


class OutstandingChecksError(Refusal):
    """Partner checks are still open on the contact."""


def refuse_close_with_open_checks(event: ContactEvent) -> None:
    count = outstanding_checks(event.contact).count()
    if count:
        raise OutstandingChecksError(
            f"{count} partner check{'s are' if count > 1 else ' is'} still open: a team manager "
            "must cancel outstanding checks, with a reason, before the contact can close"
        )


def register() -> None:
    contact_closing.register(refuse_close_with_open_checks, by="checks: no close while open")
