"""What a partner shared, found in a letter before it leaves (ADR 0023).

A partner's answer to a check was shared with CADS for safeguarding, not for the referrer or
the family (Information sharing advice 2024, golden rule 6: share only with those who need
it). No merge field carries it; this catches a worker pasting it into a letter's text. The
answer may go further only to a recipient an information-sharing record on that check names
(`InformationSharingRecord.onward_to`), recorded by the person who decided it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from cads.checks.models import CheckRequest, InformationSharingRecord
from cads.contacts.models import Contact

# Consecutive words of an answer that count as repeating it ("no trace", two words, is too
# common to say who it came from; six words in a row are the partner's own).
RUN: Final = 6
SHORTEST: Final = 3
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class PartnerWords:
    """A check whose answer a letter repeats."""

    check_id: str
    organisation: str


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _runs(words: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def repeats(answer: str, text: str) -> bool:
    """True when `text` repeats `answer`: a run of RUN words from it, or all of a shorter
    answer of at least SHORTEST words."""
    said = _words(answer)
    if len(said) < SHORTEST:
        return False
    size = min(RUN, len(said))
    return bool(_runs(said, size) & _runs(_words(text), size))


def onward_allowed(check: CheckRequest, recipient_email: str) -> bool:
    """An information-sharing record on this check allows its answer to go to this person."""
    email = recipient_email.strip().lower()
    return (
        bool(email)
        and InformationSharingRecord.objects.filter(
            check_request=check, shared=True, onward_to__iexact=email
        ).exists()
    )


def partner_words_in(contact: Contact, text: str, recipient_email: str) -> list[PartnerWords]:
    """The checks on `contact` whose answers `text` repeats without a record allowing this
    recipient to have them."""
    found = []
    for check in (
        CheckRequest.objects.filter(contact=contact)
        .exclude(response="")
        .select_related("organisation")
    ):
        if repeats(check.response, text) and not onward_allowed(check, recipient_email):
            found.append(PartnerWords(str(check.pk), check.organisation.name))
    return found
