"""Checking and storing an uploaded file, for every app that takes one (a contact's
documents, a partner's answer): the size limit, the type detected from the content (never
the sender's name or browser), a virus scan when ClamAV is configured (failing closed), and
a write under a random name outside the web root that nobody can guess."""

from __future__ import annotations

import hashlib
import os
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from cads.core import file_types, scanning

WRONG_TYPE = "The selected file must be a PDF, JPG, PNG, Word or Excel document"
ACTIVE = (
    "The selected file contains web page or script code, which could run when it is opened. "
    "Save it as a PDF, or copy the text into a plain text file, and upload that"
)
EMPTY = "The selected file is empty"
SCAN_FAILED = "The file could not be checked for viruses. Try again later."
INFECTED = (
    "The selected file contains a virus ({signature}) and has not been saved. "
    "Do not open it; ask the sender for a clean copy."
)
KB = 1024


class AttachmentRefusedError(Exception):
    """The upload was not saved; `message` says why in words for the error summary."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AttachmentIntegrityError(Exception):
    """The stored file is missing or no longer matches the SHA-256 taken when it arrived."""


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    kind: file_types.FileType
    scan_status: str
    sha256: str


def human_size(size: int) -> str:
    """Bytes as GOV.UK writes them: 20MB, 512KB, 900 bytes."""
    for unit, factor in (("GB", KB**3), ("MB", KB**2), ("KB", KB)):
        if size >= factor:
            return f"{round(size / factor, 1):g}{unit}"
    return f"{size} bytes"


def too_large_message() -> str:
    limit = human_size(settings.CADS_ATTACHMENT_MAX_BYTES)
    return f"The selected file must be smaller than {limit}"


def attachment_root() -> Path:
    return Path(settings.CADS_ATTACHMENT_ROOT)


def clean_name(name: str) -> str:
    """The sender's file name without any folders or control characters, for display."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return base[-255:] or "file"


def stored_name_for(name: str, kind: file_types.FileType) -> str:
    """The name a file is listed and downloaded under: the sender's, cleaned, with an
    extension that matches what the file really is (never `.hta` on text, `.pdf` on HTML)."""
    return file_types.name_for(clean_name(name), kind)[-255:]


def download_name(name: str, content_type: str) -> str:
    """The download name for a stored file, checked again against its type (files stored
    before the names were corrected keep the sender's extension in the database)."""
    extension = file_types.extension_for(content_type)
    if extension is None:
        return name
    return file_types.name_for(name, file_types.FileType(content_type, extension))


def upload_read(upload: UploadedFile) -> tuple[bytes, file_types.FileType]:
    """The upload's bytes and detected type, or AttachmentRefusedError saying why not."""
    limit = settings.CADS_ATTACHMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise AttachmentRefusedError(too_large_message())
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise AttachmentRefusedError(too_large_message())
    if not data:
        raise AttachmentRefusedError(EMPTY)
    kind = file_types.detect(data)
    if kind is None:
        raise AttachmentRefusedError(WRONG_TYPE)
    if kind.content_type == file_types.TEXT and file_types.is_active_text(data):
        raise AttachmentRefusedError(ACTIVE)
    return data, kind


def upload_scan(data: bytes) -> scanning.ScanResult:
    """Refuse an infected file, and fail closed when the scanner cannot run."""
    result = scanning.scan(data)
    if result.status == scanning.INFECTED:
        raise AttachmentRefusedError(INFECTED.format(signature=result.signature))
    if not result.acceptable:
        raise AttachmentRefusedError(SCAN_FAILED)
    return result


def upload_check(upload: UploadedFile) -> CheckedFile:
    """Read, type and scan an upload; nothing is stored yet."""
    data, kind = upload_read(upload)
    result = upload_scan(data)
    return CheckedFile(
        data=data, kind=kind, scan_status=result.status, sha256=hashlib.sha256(data).hexdigest()
    )


def upload_store(data: bytes, extension: str, *, folder: str = "") -> str:
    """Write the file under a random name nobody can guess; only this service reads it.
    Returns the stored name (relative to the attachment root)."""
    directory = attachment_root() / folder
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = f"{secrets.token_hex(20)}.{extension}"
    stored_name = f"{folder}/{name}" if folder else name
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    descriptor = os.open(attachment_root() / stored_name, flags, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return stored_name
