"""Attachments sent with a contact (Early Help assessment, chronology, photographs of
injuries): checked, stored outside the web root, and read back only through a permission
check that writes the access log.

A file is refused when it is too large, when its content is not an accepted type (the name
and the browser's claim are ignored: cads.core.file_types), or when the malware scan
finds something or cannot run although configured (fail closed: cads.core.scanning).
It is stored under CADS_ATTACHMENT_ROOT with a random name, and its SHA-256 is kept so a
file changed on disk is never served as the original.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from cads.accounts.models import User
from cads.audit.services import access_log_record, case_event_record
from cads.contacts.drafts import check_may_change
from cads.contacts.models import Attachment, Contact
from cads.contacts.selectors import contact_get
from cads.contacts.workflow import Status
from cads.core.uploads import (
    AttachmentIntegrityError,
    AttachmentRefusedError,
    attachment_root,
    stored_name_for,
    upload_read,
    upload_scan,
    upload_store,
)

logger = logging.getLogger(__name__)

DISCARDED = "Files cannot be added to a discarded draft"


def attachment_path(attachment: Attachment) -> Path:
    return attachment_root() / attachment.stored_name


def attachment_add(
    *, actor: User | None, contact: Contact, upload: UploadedFile, description: str
) -> Attachment:
    """Check, scan and store one file on `contact`, and record it on the timeline. The same
    file sent twice (a double click, a retried request) is stored once."""
    if contact.status == Status.DISCARDED:
        raise AttachmentRefusedError(DISCARDED)
    check_may_change(actor, contact)
    data, kind = upload_read(upload)
    sha256 = hashlib.sha256(data).hexdigest()
    existing = contact.attachments.filter(sha256=sha256).first()
    if existing is not None:
        return existing
    result = upload_scan(data)
    stored_name = upload_store(data, kind.extension)
    try:
        return _record(
            actor=actor,
            contact=contact,
            attachment=Attachment(
                contact=contact,
                original_name=stored_name_for(upload.name or "", kind),
                stored_name=stored_name,
                content_type=kind.content_type,
                size=len(data),
                sha256=sha256,
                description=description,
                scan_result=result.status,
                uploaded_by=actor,
            ),
        )
    except IntegrityError:
        # The same file sent at the same moment (a double click) was stored first by the
        # other request: one attachment per file and contact, and this copy is removed.
        (attachment_root() / stored_name).unlink(missing_ok=True)
        return contact.attachments.get(sha256=sha256)
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
