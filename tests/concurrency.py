"""Two requests at once, made repeatable: another request's work runs in a thread inside a
transaction kept open for a moment after it finished, and the test's own request is sent in
that moment, so it meets the other's uncommitted rows and locks exactly as a double click
or a second user would. Tests using it need committed data (django_db(transaction=True))."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction

HOLD_SECONDS = 3.0


@contextmanager
def while_another_is_saving(work: Callable[[], object]) -> Iterator[None]:
    """Run `work` in another thread and keep its transaction open for HOLD_SECONDS after it
    finished; the body of the `with` runs in that window. The other's errors are raised."""
    finished = threading.Event()
    failed: list[BaseException] = []

    def other() -> None:
        try:
            with transaction.atomic():
                work()
                finished.set()
                time.sleep(HOLD_SECONDS)
        except BaseException as exc:  # raised in the test thread below
            failed.append(exc)
            finished.set()
        finally:
            connection.close()

    thread = threading.Thread(target=other)
    thread.start()
    finished.wait(timeout=30)
    try:
        yield
    finally:
        thread.join(timeout=30)
    if failed:
        raise failed[0]
