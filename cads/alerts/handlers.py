"""What alerts does at other apps' moments (registered in AlertsConfig.ready()): a red
contact tells the team managers and the assigned worker at once, in the transaction that
made it red (ADR 0014), whatever the channel; a request to authorise checks without consent
tells the team managers, and its answer the worker who asked."""

from __future__ import annotations

from cads.alerts.rules import (
    authorisation_answered_raise,
    authorisation_requested_raise,
    red_contact_raise,
)
from cads.checks.moments import AuthorisationEvent, authorisation_answered, authorisation_requested
from cads.contacts.moments import ContactEvent, contact_rated_red


def raise_red_alert(event: ContactEvent) -> None:
    red_contact_raise(contact=event.contact, actor=event.actor)


def raise_authorisation_requested(event: AuthorisationEvent) -> None:
    authorisation_requested_raise(request=event.request, actor=event.actor)


def raise_authorisation_answered(event: AuthorisationEvent) -> None:
    authorisation_answered_raise(request=event.request, actor=event.actor)


def register() -> None:
    contact_rated_red.register(raise_red_alert, by="alerts: red contact at once")
    authorisation_requested.register(
        raise_authorisation_requested, by="alerts: managers asked to authorise"
    )
    authorisation_answered.register(raise_authorisation_answered, by="alerts: worker told")
