"""Jobs held by a worker that died (ADR 0024). A Procrastinate job a worker had started
stays "doing" for ever when that worker is killed or loses its machine: nothing else would
run it again. Procrastinate 3 records a heartbeat per worker (every ten seconds); a job
whose worker has not beaten for STALLED_AFTER, or whose worker row is gone, is stalled and
is put back to "todo" here, once per sweep, by Procrastinate's own SQL.

Every task is written to be safe to run twice (ADR 0003), so a retry is harmless: a letter
already sent is left alone, one whose send may have happened is marked "sent —
unconfirmed" for a person (cads.letters.delivery)."""

from __future__ import annotations

import datetime
import logging
from typing import Final

from django.db import DatabaseError, connection, transaction
from procrastinate import sql

logger = logging.getLogger(__name__)

# Six missed Procrastinate heartbeats: long past a busy moment, short beside a letter's day.
STALLED_AFTER: Final = datetime.timedelta(seconds=60)


def jobs_stalled(*, stalled_after: datetime.timedelta = STALLED_AFTER) -> list[tuple[int, str]]:
    """(id, task name) of every job in "doing" whose worker stopped beating."""
    with connection.cursor() as cursor:
        cursor.execute(
            sql.queries["select_stalled_jobs_by_heartbeat"],
            {
                "queue": None,
                "task_name": None,
                "seconds_since_heartbeat": stalled_after.total_seconds(),
            },
        )
        columns = [column.name for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return [(row["id"], row["task_name"]) for row in rows]


def stalled_jobs_retry(
    at: datetime.datetime, *, stalled_after: datetime.timedelta = STALLED_AFTER
) -> int:
    """Put every stalled job back to "todo", to run at `at`; return how many."""
    retried = 0
    for job_id, task_name in jobs_stalled(stalled_after=stalled_after):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    sql.queries["retry_job"],
                    {
                        "job_id": job_id,
                        "retry_at": at,
                        "new_priority": None,
                        "new_queue_name": None,
                        "new_lock": None,
                    },
                )
        except DatabaseError:
            continue  # it finished (or was retried) since it was found: nothing to do
        retried += 1
        logger.warning("job %s (%s) was held by a worker that stopped; retried", job_id, task_name)
    return retried
