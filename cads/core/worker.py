"""The background worker that comes back (`manage.py run_worker`, ADR 0024).

Procrastinate's own worker stops for good when its database connection goes ("Side task
listener failed ... stopping worker"): after any database restart nothing would send a
letter or raise an alert again. This supervisor runs the same Procrastinate worker in a
loop: when it stops without being asked, the supervisor waits (1, 2, 4 ... 30 seconds,
trying the database with one connection each time), then starts it again on fresh
connections. It writes the heartbeat (cads.core.heartbeat) from the worker's own event loop
every fifteen seconds, so a hung worker stops beating too.

The log says each thing once: started, lost the database (with the reason), back after
how long, stopped. Nothing is logged per retry, so an outage of an hour is two lines.
SIGTERM or SIGINT stops it gracefully (running jobs finish) and it exits 0; anything that
kills the process itself is left to what runs it (systemd `Restart=on-failure`, a
container restart policy, or the demo's loop in the Makefile)."""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import Sequence
from typing import Any, Final

import psycopg
from django.db import DatabaseError, close_old_connections, connection
from procrastinate import worker as procrastinate_worker
from procrastinate.contrib.django import app
from procrastinate.contrib.django.utils import connector_params

from cads.core import heartbeat

logger = logging.getLogger("cads.worker")

# Seconds to wait before each try to reconnect; the last repeats until the database answers.
BACKOFF: Final = (1, 2, 4, 8, 15, 30)


def database_answers() -> bool:
    """One short connection attempt with the worker's own settings."""
    try:
        psycopg.connect(**{**connector_params(), "connect_timeout": 3}).close()
    except psycopg.Error:
        return False
    return True


def _reason(exc: BaseException) -> str:
    """The root cause on one line (Procrastinate wraps psycopg's error in its own)."""
    while exc.__cause__ is not None:
        exc = exc.__cause__
    first = (str(exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first}"[:300]


class _Worker(procrastinate_worker.Worker):
    """Procrastinate's worker, noting when it was first asked to stop: when the supervisor
    did not ask, that is when the database went (a failed listener stops it)."""

    stop_called_at: float | None = None

    def stop(self) -> None:
        if self.stop_called_at is None:
            self.stop_called_at = time.monotonic()
        super().stop()


class WorkerSupervisor:
    """Run the Procrastinate worker until asked to stop, restarting it after it loses the
    database. `beat_seconds` and `backoff` are shortened by tests."""

    def __init__(
        self,
        *,
        queues: Sequence[str] | None = None,
        concurrency: int | None = None,
        beat_seconds: float = heartbeat.BEAT.total_seconds(),
        backoff: Sequence[float] = BACKOFF,
    ) -> None:
        self.identity = heartbeat.WorkerIdentity()
        self.options: dict[str, Any] = {}
        if queues:
            self.options["queues"] = list(queues)
        if concurrency:
            self.options["concurrency"] = concurrency
        self.beat_seconds = beat_seconds
        self.backoff = tuple(backoff)
        self.restarts = 0
        self.stop_requested = False
        self._worker: _Worker | None = None
        self._lost_at: float | None = None

    def run(self) -> int:
        """Run until SIGTERM/SIGINT; return the process exit status (0)."""
        queues = self.options.get("queues") or app.worker_defaults.get("queues") or ["all"]
        logger.info("worker %s started on queues %s", self.identity.name, ", ".join(queues))
        with app.replace_connector(app.connector.get_worker_connector()):  # type: ignore[attr-defined]
            asyncio.run(self._supervise())
        self._record_stopped()
        logger.info("worker %s stopped (restarted %s time(s))", self.identity.name, self.restarts)
        return 0

    def request_stop(self) -> None:
        self.stop_requested = True
        if self._worker is not None:
            self._worker.stop()

    async def _supervise(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.request_stop)
        while not self.stop_requested:
            reason = await self._run_once()
            if self.stop_requested:
                return
            lost_at = self._lost_at or time.monotonic()
            logger.error(
                "worker %s lost the database %.0f s ago (%s); reconnecting",
                self.identity.name,
                time.monotonic() - lost_at,
                reason,
            )
            if not await self._wait_for_database():
                return
            self.restarts += 1
            logger.warning(
                "worker %s reconnected after %.0f s; restarting it",
                self.identity.name,
                time.monotonic() - lost_at,
            )

    async def _run_once(self) -> str:
        """Run one Procrastinate worker until it stops; say why, when not asked to."""
        beat = asyncio.create_task(self._beat_forever(reconnected=self.restarts > 0))
        self._lost_at = None
        try:
            async with app.open_async():
                self._worker = _Worker(
                    app=app,
                    **{**app.worker_defaults, **self.options, "install_signal_handlers": False},
                )
                if self.stop_requested:  # asked to stop while connecting
                    return ""
                await self._worker.run()
        except Exception as exc:  # any failure is a reason to reconnect, never to give up
            return _reason(exc)
        finally:
            if self._worker is not None:
                self._lost_at = self._worker.stop_called_at
            self._worker = None
            beat.cancel()
        return "a connection failed and Procrastinate stopped"

    async def _wait_for_database(self) -> bool:
        """Back off until the database answers; False if asked to stop meanwhile."""
        for attempt in range(10**9):
            await self._sleep(self.backoff[min(attempt, len(self.backoff) - 1)])
            if self.stop_requested:
                return False
            if await asyncio.to_thread(database_answers):
                return True
        return False  # pragma: no cover - a billion tries

    async def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.stop_requested and time.monotonic() < deadline:
            await asyncio.sleep(min(0.2, seconds))

    async def _beat_forever(self, *, reconnected: bool) -> None:
        while True:
            try:
                await asyncio.to_thread(self._beat, reconnected)
                reconnected = False
            except DatabaseError:
                pass  # the worker notices the database going and the loss is logged once
            await asyncio.sleep(self.beat_seconds)

    def _beat(self, reconnected: bool) -> None:
        # Runs in a pool thread: its own Django connection, closed after each beat so a
        # database restart never leaves a dead one behind.
        close_old_connections()
        try:
            heartbeat.heartbeat_beat(self.identity, reconnected=reconnected)
        finally:
            connection.close()

    def _record_stopped(self) -> None:
        try:
            heartbeat.heartbeat_stopped(self.identity)
        except DatabaseError:
            logger.warning("worker %s could not record that it stopped", self.identity.name)
        finally:
            connection.close()
