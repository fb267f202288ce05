"""Letters that cannot be stuck (ADR 0024): a letter queued or sending for longer than
STUCK_AFTER with no delivery job waiting or running for it (the job failed on a database
error, or was lost) gets a new job. The job finds out what happened: it sends a queued
letter, and a letter left "sending" is asked about at GOV.UK Notify or marked "sent —
unconfirmed"; nothing is sent twice. A job held by a worker that died is still "doing":
the core sweep puts it back (cads.core.jobs), so it is left alone here."""

from __future__ import annotations

import datetime
import uuid
from typing import Final

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from cads.audit.services import case_event_record
from cads.letters.models import Letter
from cads.letters.services import _defer_delivery
from cads.letters.workflow import IN_DELIVERY

# Delivery takes seconds, its retries about a minute and a quarter (5, 10, 20, 40 s).
STUCK_AFTER: Final = datetime.timedelta(minutes=15)
DELIVERY_TASK: Final = "cads.letter_deliver"


def letters_stuck(at: datetime.datetime) -> QuerySet[Letter]:
    """Letters queued or sending since before `at` - STUCK_AFTER."""
    return Letter.objects.filter(status__in=IN_DELIVERY, status_at__lte=at - STUCK_AFTER)


def is_stuck(letter: Letter, at: datetime.datetime) -> bool:
    return letter.status in IN_DELIVERY and letter.status_at <= at - STUCK_AFTER


def _job_pending(letter_id: str) -> bool:
    return ProcrastinateJob.objects.filter(
        task_name=DELIVERY_TASK, args__letter_id=letter_id, status__in=("todo", "doing")
    ).exists()


def stuck_letters_requeue(at: datetime.datetime) -> int:
    """Give each stuck letter with no job a new one; return how many."""
    requeued = 0
    for pk in letters_stuck(at).values_list("pk", flat=True):
        if not _job_pending(str(pk)):
            requeued += _requeue(pk, at)
    return requeued


@transaction.atomic
def _requeue(pk: uuid.UUID, at: datetime.datetime) -> int:
    letter = Letter.objects.select_for_update().select_related("contact").get(pk=pk)
    if not is_stuck(letter, at):
        return 0  # it moved since it was found
    # Not a move between statuses: the clock restarts so it is not requeued at every sweep.
    letter.status_at = timezone.now()
    letter.save(update_fields=["status_at"])
    case_event_record(
        subject=letter.contact,
        actor=None,
        kind="letter.requeued",
        new={"letter": str(letter.pk), "status": letter.status},
        reason="No delivery job was waiting or running for this letter",
    )
    _defer_delivery(letter)
    return 1
