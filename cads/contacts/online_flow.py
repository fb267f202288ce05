"""The order of the online form's pages, which pages apply to whom, and where each page's
Continue and Back lead. One question per page where it helps (GOV.UK "question pages")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from django.urls import reverse

from cads.contacts.online import OnlineAnswers


def _always(answers: OnlineAnswers) -> bool:
    return True


def _professional(answers: OnlineAnswers) -> bool:
    return answers.is_professional


def _public(answers: OnlineAnswers) -> bool:
    return not answers.is_professional


def _named(answers: OnlineAnswers) -> bool:
    return not answers.is_anonymous


@dataclass(frozen=True)
class Step:
    name: str  # the URL name in the "online" namespace
    applies: Callable[[OnlineAnswers], bool]


STEPS: Final = (
    # Immediate risk first, as on every intake (issue 4), so the emergency advice comes
    # before anything else is asked.
    Step("immediate-risk", _always),
    Step("who-are-you", _always),
    Step("children", _always),
    Step("parents", _always),
    Step("worry", _always),
    Step("today", _always),
    Step("family-told", _always),
    Step("consent", _professional),
    Step("relationship", _public),
    Step("anonymous", _public),
    Step("your-details", _named),
    Step("confirm-email", _professional),
)
NAMES: Final = tuple(step.name for step in STEPS)
# Pages whose answers depend on being a member of the public or a professional: asked
# again when that answer changes.
ROLE_STEPS: Final = frozenset(
    {"consent", "relationship", "anonymous", "your-details", "confirm-email"}
)
CHECK: Final = "check-answers"


def url(name: str, *args: int, back_to_check: bool = False) -> str:
    address = reverse(f"online:{name}", args=args)
    return f"{address}?return=check" if back_to_check else address


def next_url(answers: OnlineAnswers, after: str, *, back_to_check: bool = False) -> str:
    """Where Continue goes: back to check answers after a change, else the next page that
    applies to this referrer."""
    if back_to_check:
        return url(CHECK)
    for step in STEPS[NAMES.index(after) + 1 :]:
        if step.applies(answers):
            return url(step.name)
    return url(CHECK)


def back_url(answers: OnlineAnswers, current: str, *, back_to_check: bool = False) -> str:
    """The Back link: the page before this one that applies, or the start page."""
    if back_to_check:
        return url(CHECK)
    for step in reversed(STEPS[: NAMES.index(current)]):
        if step.applies(answers):
            return url(step.name)
    return url("start")


def is_complete(answers: OnlineAnswers, name: str) -> bool:
    if name == "children":
        return bool(answers.children) and name in answers.answered
    return name in answers.answered


def first_unanswered(answers: OnlineAnswers) -> str | None:
    """The first page that applies and has not been answered, for check answers."""
    for step in STEPS:
        if step.applies(answers) and not is_complete(answers, step.name):
            return step.name
    return None
