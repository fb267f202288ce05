"""Files a partner sends with their answer: the same checks as contact attachments
(size, type from the content, ClamAV scan failing closed: cads.contacts.attachments),
stored outside the web root with a random name under the same root, read back only
through a permission check, and the SHA-256 kept so a changed file is never served."""

from __future__ import annotations

import hashlib
import os
import secrets

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.checks.models import CheckAttachment, CheckRequest
from cads.checks.services import CheckRefusedError
from cads.checks.workflow import OPEN_STATUSES
from cads.contacts import file_types, scanning
from cads.contacts.attachments import (
    EMPTY,
    INFECTED,
    SCAN_FAILED,
    WRONG_TYPE,
    AttachmentIntegrityError,
    AttachmentRefusedError,
    attachment_root,
    clean_name,
    too_large_message,
)

CHECKS_FOLDER = "checks"


def _read_checked(upload: UploadedFile) -> tuple[bytes, file_types.FileType, str]:
    limit = settings.CADS_ATTACHMENT_MAX_BYTES
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise AttachmentRefusedError(too_large_message())
    if not data:
        raise AttachmentRefusedError(EMPTY)
    kind = file_types.detect(data)
    if kind is None:
        raise AttachmentRefusedError(WRONG_TYPE)
    result = scanning.scan(data)
    if result.status == scanning.INFECTED:
        raise AttachmentRefusedError(INFECTED.format(signature=result.signature))
    if not result.acceptable:  # fail closed when the scanner cannot run
        raise AttachmentRefusedError(SCAN_FAILED)
    return data, kind, result.status


def _write(data: bytes, extension: str) -> str:
    folder = attachment_root() / CHECKS_FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stored_name = f"{CHECKS_FOLDER}/{secrets.token_hex(20)}.{extension}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    descriptor = os.open(attachment_root() / stored_name, flags, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return stored_name


def check_attachment_add(
    *, actor: User, check: CheckRequest, upload: UploadedFile
) -> CheckAttachment:
    """Check, scan and store one file with the partner's answer to `check`."""
    if actor.organisation_id != check.organisation_id:
        raise CheckRefusedError("This check is addressed to another organisation")
    if check.status not in OPEN_STATUSES:
        raise CheckRefusedError("Files cannot be added to a finished check")
    data, kind, scan_result = _read_checked(upload)
    sha256 = hashlib.sha256(data).hexdigest()
    existing = check.attachments.filter(sha256=sha256).first()
    if existing is not None:  # a double click stores the file once
        return existing
    stored_name = _write(data, kind.extension)
    try:
        return _record(
            actor=actor,
            attachment=CheckAttachment(
                check_request=check,
                original_name=clean_name(upload.name or ""),
                stored_name=stored_name,
                content_type=kind.content_type,
                size=len(data),
                sha256=sha256,
                scan_result=scan_result,
                uploaded_by=actor,
            ),
        )
    except BaseException:
        (attachment_root() / stored_name).unlink(missing_ok=True)
        raise


@transaction.atomic
def _record(*, actor: User, attachment: CheckAttachment) -> CheckAttachment:
    attachment.save()
    case_event_record(
        subject=attachment.check_request.contact,
        actor=actor,
        kind="checks.attachment_added",
        new={
            "check": str(attachment.check_request_id),
            "attachment": str(attachment.pk),
            "content_type": attachment.content_type,
            "size": attachment.size,
            "sha256": attachment.sha256,
        },
    )
    return attachment


def check_attachment_bytes(attachment: CheckAttachment) -> bytes:
    """The stored file, refused when missing or changed since it arrived."""
    try:
        data = (attachment_root() / attachment.stored_name).read_bytes()
    except OSError as exc:
        raise AttachmentIntegrityError(str(attachment.pk)) from exc
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise AttachmentIntegrityError(str(attachment.pk))
    return data
