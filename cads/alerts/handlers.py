"""What alerts does at a contact's moments (registered in AlertsConfig.ready()): a red
contact tells the team managers and the assigned worker at once, in the transaction that
made it red (ADR 0014), whatever the channel."""

from __future__ import annotations

from cads.alerts.rules import red_contact_raise
from cads.contacts.moments import ContactEvent, contact_rated_red


def raise_red_alert(event: ContactEvent) -> None:
    red_contact_raise(contact=event.contact, actor=event.actor)


def register() -> None:
    contact_rated_red.register(raise_red_alert, by="alerts: red contact at once")
