"""Malware scan of attachments through ClamAV's daemon (clamd), when one is configured.

The client speaks clamd's INSTREAM command itself (a few lines; the PyPI `clamd` package
has not been released since 2014): `zINSTREAM\\0`, then chunks each prefixed by their length
as a 4-byte big-endian number, a zero-length chunk to finish, and one reply ending in NUL,
"stream: OK" or "stream: <signature> FOUND" (clamd(8), "INSTREAM").

`CADS_CLAMD` is `tcp://host:port`, `unix:///path/clamd.ctl` or a bare socket path. Empty
means no scanner: files are accepted and marked "not_scanned". A configured scanner that
cannot be reached is reported as "error", and uploads are refused (fail closed).
"""

from __future__ import annotations

import logging
import socket
import struct
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

CLEAN = "clean"
INFECTED = "infected"
NOT_SCANNED = "not_scanned"
ERROR = "error"

CHUNK = 64 * 1024
MAX_REPLY = 4096


@dataclass(frozen=True)
class ScanResult:
    """What the scanner said: `status` is clean, infected, not_scanned or error;
    `signature` names what was found (e.g. "Eicar-Test-Signature"), `detail` why it failed."""

    status: str
    signature: str = ""
    detail: str = ""

    @property
    def acceptable(self) -> bool:
        return self.status in (CLEAN, NOT_SCANNED)


class ClamdError(Exception):
    """clamd could not be reached or gave an answer we do not understand."""


def _connect(address: str, timeout: float) -> socket.socket:
    parts = urlsplit(address)
    if parts.scheme == "tcp":
        if not parts.hostname or not parts.port:
            raise ClamdError(f"CADS_CLAMD needs a host and port: {address!r}")
        return socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    path = parts.path if parts.scheme == "unix" else address
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(path)
    except OSError:
        sock.close()
        raise
    return sock


def _read_reply(sock: socket.socket) -> str:
    reply = b""
    while not reply.endswith(b"\0") and len(reply) < MAX_REPLY:
        chunk = sock.recv(MAX_REPLY)
        if not chunk:
            break
        reply += chunk
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def instream(address: str, data: bytes, *, timeout: float) -> str:
    """Send `data` to clamd with INSTREAM and return its reply line."""
    try:
        with _connect(address, timeout) as sock:
            sock.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), CHUNK):
                chunk = data[start : start + CHUNK]
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            return _read_reply(sock)
    except OSError as exc:
        raise ClamdError(str(exc)) from exc


def parse_reply(reply: str) -> ScanResult:
    """Turn clamd's reply into a result; anything but OK or FOUND is an error."""
    _, _, verdict = reply.partition(": ")
    if verdict == "OK":
        return ScanResult(status=CLEAN)
    if verdict.endswith(" FOUND"):
        return ScanResult(status=INFECTED, signature=verdict.removesuffix(" FOUND"))
    return ScanResult(status=ERROR, detail=reply or "no reply")


def scan(data: bytes) -> ScanResult:
    """Scan `data` with the configured clamd, or say it was not scanned when none is."""
    address = settings.CADS_CLAMD
    if not address:
        return ScanResult(status=NOT_SCANNED)
    try:
        reply = instream(address, data, timeout=settings.CADS_CLAMD_TIMEOUT_SECONDS)
    except ClamdError as exc:
        logger.warning("ClamAV scan failed: %s", exc)
        return ScanResult(status=ERROR, detail=str(exc))
    result = parse_reply(reply)
    if result.status == ERROR:
        logger.warning("ClamAV gave an unexpected reply: %s", result.detail)
    return result
