"""The moments a contact goes through that other apps act on (cads.core.moments, ADR 0017).

Contacts publishes these and imports none of the apps that register for them: letters owes
the referrer's acknowledgement when a contact is submitted, alerts tells the managers of a
red contact at once, and checks refuses to let a contact close while a partner check is
open. `docs/architecture.md` lists who registers for each."""

from __future__ import annotations

from dataclasses import dataclass

from cads.accounts.models import User
from cads.contacts.models import Contact
from cads.core.moments import Guard, Moment, guard, moment


@dataclass(frozen=True)
class ContactEvent:
    contact: Contact
    actor: User | None


contact_submitted: Moment[ContactEvent] = moment(
    "contact submitted",
    "A contact joined the front-door queue with its reference, from any channel "
    "(staff intake, a converted consultation, out of hours, the public online form).",
)
contact_rated_red: Moment[ContactEvent] = moment(
    "contact rated red",
    "A contact became red: immediate risk at submission, or re-rated red by a screener.",
)
consultation_recorded: Moment[ContactEvent] = moment(
    "consultation recorded",
    "A professional consultation was recorded with the advice given and a reference.",
)
contact_closing: Guard[ContactEvent] = guard(
    "contact about to close",
    "A contact is about to close for good; a registered check may refuse it.",
)
