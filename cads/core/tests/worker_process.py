"""Helpers for tests that run the real worker as its own process: a TCP door between it and
PostgreSQL that a test can shut (the worker sees the database go, exactly as in a restart,
on any server), and starting `manage.py run_worker` against the test database."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection


def _upstream() -> socket.socket:
    """A new connection to the test database's server (a Unix socket or TCP)."""
    params = connection.settings_dict
    host, port = params["HOST"] or "127.0.0.1", int(params["PORT"] or 5432)
    if host.startswith("/"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(f"{host}/.s.PGSQL.{port}")
        return sock
    return socket.create_connection((host, port), timeout=5)


class DatabaseDoor:
    """Forwards 127.0.0.1:<port> to the database. `shut()` drops every connection and
    refuses new ones, as a stopped server does; `open()` lets them through again."""

    def __init__(self) -> None:
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._listener: socket.socket | None = None

    def open(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        listener.settimeout(0.1)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def shut(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        with self._lock:
            for sock in self._sockets:
                self._close(sock)
            self._sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = _upstream()
            except OSError:
                client.close()  # the server itself is down: refuse, as it would
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            with self._lock:
                self._sockets.update({client, upstream})
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        self._close(source)
        self._close(target)

    @staticmethod
    def _close(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()


def worker_start(door: DatabaseDoor, log: Path, **env: str) -> subprocess.Popen[bytes]:
    """`manage.py run_worker` as the service runs it (base settings, the test database's
    role), connecting through `door`, its log written to `log`."""
    params = connection.settings_dict
    user, password = quote(params["USER"], safe=""), quote(params["PASSWORD"] or "", safe="")
    url = f"postgres://{user}:{password}@127.0.0.1:{door.port}/{params['NAME']}"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_READ_DOT_ENV_FILE": "false",
        "DATABASE_URL": url,
        "CADS_LOG_FILE": "",
        "LOG_LEVEL": "INFO",
        **env,
    }
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_for(condition: Callable[[], object], seconds: float = 60) -> None:
    """Poll until `condition()` is true; fail the test after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"still waiting after {seconds} s")


def worker_stop(process: subprocess.Popen[bytes]) -> int:
    """SIGTERM, as systemd or `make stop` does; the exit status."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


@pytest.fixture
def _forget_new_jobs() -> Iterator[None]:
    """Delete the Procrastinate jobs a transactional test made: the test runner's flush
    leaves Procrastinate's own tables alone, and a later test counting jobs would see them.
    A periodic sweep's job stays (its periodic record points at it)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM procrastinate_jobs")
        (before,) = cursor.fetchone()
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM procrastinate_jobs WHERE id > %s AND id NOT IN "
            "(SELECT job_id FROM procrastinate_periodic_defers WHERE job_id IS NOT NULL)",
            [before],
        )
