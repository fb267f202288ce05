"""What letters adds to a child's file (registered in LettersConfig.ready()): the letters
sent or owed on the person's contacts, for staff who may see letters."""

from __future__ import annotations

from django.urls import reverse

from cads.accounts.models import User
from cads.accounts.roles import VIEW_LETTER
from cads.letters.models import Letter
from cads.letters.workflow import LetterStatus
from cads.people import timeline
from cads.people.models import Person
from cads.people.timeline import TimelineEntry

# Letters still owed are open work (a failed one most of all).
OWED = (LetterStatus.TO_SEND, LetterStatus.QUEUED, LetterStatus.FAILED)


def letter_entries(viewer: User, person: Person) -> list[TimelineEntry]:
    if not viewer.has_perm(VIEW_LETTER):
        return []
    letters = (
        Letter.objects.filter(contact__subjects__person=person)
        .defer("pdf", "text")
        .select_related("contact")
        .distinct()
    )
    return [
        TimelineEntry(
            when=letter.sent_at or letter.created_at,
            kind="Letter",
            title=f"{letter.get_kind_display()} to {letter.recipient_name}",
            key=f"letter:{letter.pk}",
            url=reverse("letters:pdf", args=[letter.pk]) if letter.made else "",
            details=[letter.get_status_display(), f"Contact {letter.contact}"],
            open=letter.status in OWED,
        )
        for letter in letters
    ]


def register() -> None:
    timeline.register(letter_entries, by="letters: letters")
