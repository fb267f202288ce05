"""Files a partner sends with their answer: the same checks as contact attachments
(size, type from the content, ClamAV scan failing closed: cads.contacts.attachments),
stored outside the web root with a random name under the same root, read back only
through a permission check, and the SHA-256 kept so a changed file is never served."""

from __future__ import annotations

import hashlib

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.checks.models import CheckAttachment, CheckRequest
from cads.checks.services import CheckRefusedError
from cads.checks.workflow import OPEN_STATUSES
from cads.core.uploads import (
    AttachmentIntegrityError,
    attachment_root,
    stored_name_for,
    upload_check,
    upload_store,
)

CHECKS_FOLDER = "checks"


def check_attachment_add(
    *, actor: User, check: CheckRequest, upload: UploadedFile
) -> CheckAttachment:
    """Check, scan and store one file with the partner's answer to `check`."""
    if actor.organisation_id != check.organisation_id:
        raise CheckRefusedError("This check is addressed to another organisation")
    if check.status not in OPEN_STATUSES:
        raise CheckRefusedError("Files cannot be added to a finished check")
    checked = upload_check(upload)
    existing = check.attachments.filter(sha256=checked.sha256).first()
    if existing is not None:  # a double click stores the file once
        return existing
    stored_name = upload_store(checked.data, checked.kind.extension, folder=CHECKS_FOLDER)
    try:
        return _record(
            actor=actor,
            attachment=CheckAttachment(
                check_request=check,
                original_name=stored_name_for(upload.name or "", checked.kind),
                stored_name=stored_name,
                content_type=checked.kind.content_type,
                size=len(checked.data),
                sha256=checked.sha256,
                scan_result=checked.scan_status,
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
