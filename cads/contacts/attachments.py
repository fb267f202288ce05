"""Attachments sent with a contact (Early Help assessment, chronology, photographs of
injuries): checked, stored outside the web root, and read back only through a permission
check that writes the access log.

A file is refused when it is too large, when its content is not an accepted type (the name
and the browser's claim are ignored: cads.contacts.file_types), or when the malware scan
finds something or cannot run although configured (fail closed: cads.contacts.scanning).
It is stored under CADS_ATTACHMENT_ROOT with a random name, and its SHA-256 is kept so a
file changed on disk is never served as the original.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import unicodedata
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from cads.accounts.models import User
from cads.audit.services import access_log_record, case_event_record
from cads.contacts import file_types, scanning
from cads.contacts.models import Attachment, Contact
from cads.contacts.selectors import contact_get
from cads.contacts.workflow import Status

logger = logging.getLogger(__name__)

WRONG_TYPE = "The selected file must be a PDF, JPG, PNG, Word or Excel document"
EMPTY = "The selected file is empty"
SCAN_FAILED = "The file could not be checked for viruses. Try again later."
INFECTED = (
    "The selected file contains a virus ({signature}) and has not been saved. "
    "Do not open it; ask the sender for a clean copy."
)
DISCARDED = "Files cannot be added to a discarded draft"
KB = 1024


class AttachmentRefusedError(Exception):
    """The upload was not saved; `message` says why in words for the error summary."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AttachmentIntegrityError(Exception):
    """The stored file is missing or no longer matches the SHA-256 taken when it arrived."""


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


def attachment_path(attachment: Attachment) -> Path:
    return attachment_root() / attachment.stored_name


def clean_name(name: str) -> str:
    """The sender's file name without any folders or control characters, for display."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return base[-255:] or "file"


def _read_checked(upload: UploadedFile) -> tuple[bytes, file_types.FileType]:
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
    return data, kind


def _scan(data: bytes) -> scanning.ScanResult:
    result = scanning.scan(data)
    if result.status == scanning.INFECTED:
        raise AttachmentRefusedError(INFECTED.format(signature=result.signature))
    if not result.acceptable:
        raise AttachmentRefusedError(SCAN_FAILED)
    return result


def _write(data: bytes, extension: str) -> str:
    """Write the file under a random name nobody can guess; only this service reads it."""
    root = attachment_root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    stored_name = f"{secrets.token_hex(20)}.{extension}"
    descriptor = os.open(root / stored_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return stored_name


def attachment_add(
    *, actor: User | None, contact: Contact, upload: UploadedFile, description: str
) -> Attachment:
    """Check, scan and store one file on `contact`, and record it on the timeline. The same
    file sent twice (a double click, a retried request) is stored once."""
    if contact.status == Status.DISCARDED:
        raise AttachmentRefusedError(DISCARDED)
    data, kind = _read_checked(upload)
    sha256 = hashlib.sha256(data).hexdigest()
    existing = contact.attachments.filter(sha256=sha256).first()
    if existing is not None:
        return existing
    result = _scan(data)
    stored_name = _write(data, kind.extension)
    try:
        return _record(
            actor=actor,
            contact=contact,
            attachment=Attachment(
                contact=contact,
                original_name=clean_name(upload.name or ""),
                stored_name=stored_name,
                content_type=kind.content_type,
                size=len(data),
                sha256=sha256,
                description=description,
                scan_result=result.status,
                uploaded_by=actor,
            ),
        )
    except BaseException:
        (attachment_root() / stored_name).unlink(missing_ok=True)
        raise


@transaction.atomic
def _record(*, actor: User | None, contact: Contact, attachment: Attachment) -> Attachment:
    attachment.save()
    case_event_record(
        subject=contact,
        actor=actor,
        kind="contact.attachment_added",
        new={
            "attachment": str(attachment.pk),
            "name": attachment.original_name,
            "content_type": attachment.content_type,
            "size": attachment.size,
            "sha256": attachment.sha256,
            "scan_result": attachment.scan_result,
            "description": attachment.description,
        },
    )
    return attachment


def attachments_for(contact: Contact) -> QuerySet[Attachment]:
    """A contact's files, oldest first, with who added them."""
    return contact.attachments.select_related("uploaded_by").order_by("uploaded_at")


def attachment_get_for_download(
    *, request: HttpRequest, user: User, contact_pk: uuid.UUID, attachment_pk: uuid.UUID
) -> tuple[Attachment, bytes]:
    """The file and its bytes, for a user who may see the contact; the view is logged.
    Raises AttachmentIntegrityError when the stored file is missing or was changed."""
    contact = contact_get(user=user, pk=contact_pk)
    attachment = get_object_or_404(contact.attachments, pk=attachment_pk)
    access_log_record(request=request, subject=contact)
    try:
        data = attachment_path(attachment).read_bytes()
    except OSError as exc:
        raise AttachmentIntegrityError(str(attachment.pk)) from exc
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        logger.error("Attachment %s does not match its SHA-256", attachment.pk)
        raise AttachmentIntegrityError(str(attachment.pk))
    return attachment, data
