"""Named moments: what must follow a change in one app is registered by the app that does it.

A lower app publishes a moment ("a contact submitted", "a decision made final") and never
imports the apps that act on it; a higher app registers what it does at that moment in its
own `AppConfig.ready()`. Handlers run in the publisher's transaction, one after the other,
and an exception from any of them rolls the whole change back: unlike Django's signals with
`send_robust`, nothing that must follow a submission or a decision can be lost or half done
(ADR 0017).

A `Guard` is a moment that asks "may this happen?": each registered check raises a
`Refusal` (with the words the user reads) when it may not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from django.db import connection

Event = TypeVar("Event")
Handler = Callable[[Event], None]


class Refusal(Exception):  # noqa: N818 - a refusal is an outcome the user reads, not a bug
    """A guard's "no", in the service's own words."""


class NotInTransactionError(RuntimeError):
    """A moment was published outside a transaction: its handlers could half happen."""


@dataclass
class _Registry(Generic[Event]):
    name: str
    description: str
    handlers: dict[str, Handler[Event]] = field(default_factory=dict)

    def register(self, handler: Handler[Event], *, by: str) -> Handler[Event]:
        """Add `handler` under the registering app's name for it (registering the same name
        again replaces it, so a reloaded app never acts twice)."""
        self.handlers[by] = handler
        return handler

    def registered(self) -> list[str]:
        return list(self.handlers)

    def _run(self, event: Event) -> None:
        if not connection.in_atomic_block:
            raise NotInTransactionError(f"{self.name!r} must be published inside a transaction")
        for handler in list(self.handlers.values()):
            handler(event)


@dataclass
class Moment(_Registry[Event]):
    """Something that happened; what follows it runs in the same transaction."""

    def publish(self, event: Event) -> None:
        self._run(event)


@dataclass
class Guard(_Registry[Event]):
    """Something about to happen; each registered check may refuse it with a `Refusal`."""

    def check(self, event: Event) -> None:
        self._run(event)


MOMENTS: list[_Registry[object]] = []


def moment(name: str, description: str) -> Moment[Event]:
    """Declare a moment (in the publishing app's `moments.py`)."""
    declared: Moment[Event] = Moment(name, description)
    MOMENTS.append(declared)  # type: ignore[arg-type]
    return declared


def guard(name: str, description: str) -> Guard[Event]:
    """Declare a guard (in the app that asks, in its `moments.py`)."""
    declared: Guard[Event] = Guard(name, description)
    MOMENTS.append(declared)  # type: ignore[arg-type]
    return declared
