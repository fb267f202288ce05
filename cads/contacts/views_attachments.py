"""Attachment pages: a contact's files with the upload form, and the download, which is
the only way a stored file leaves the server (permission checked, access logged)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from cads.accounts.roles import ADD_CONTACT, VIEW_CONTACT
from cads.accounts.selectors import signed_in_user
from cads.contacts.attachments import (
    attachment_add,
    attachment_get_for_download,
    attachments_for,
)
from cads.contacts.forms_attachments import AttachmentForm
from cads.contacts.selectors import contact_get, contact_get_for_view
from cads.core.access import requires
from cads.core.uploads import (
    AttachmentIntegrityError,
    AttachmentRefusedError,
    download_name,
    human_size,
)


def _limit() -> str:
    return human_size(settings.CADS_ATTACHMENT_MAX_BYTES)


@requires(VIEW_CONTACT, ADD_CONTACT)
def attachments(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A contact's files and a form to add one (opening the page is logged)."""
    user = signed_in_user(request)
    if request.method != "POST":
        contact = contact_get_for_view(request=request, user=user, pk=pk)
        form = AttachmentForm(limit=_limit())
    else:
        contact = contact_get(user=user, pk=pk)
        form = AttachmentForm(request.POST, request.FILES, limit=_limit())
        if form.is_valid():
            try:
                added = attachment_add(
                    actor=user,
                    contact=contact,
                    upload=form.cleaned_data["file"],
                    description=form.cleaned_data["description"],
                )
            except AttachmentRefusedError as exc:
                form.add_error("file", exc.message)
            else:
                messages.success(request, f"{added.original_name} added")
                return redirect("contacts:attachments", contact.pk)
    context = {"contact": contact, "form": form, "attachments": attachments_for(contact)}
    return render(request, "contacts/attachments/attachment_list.html", context)


@requires(VIEW_CONTACT)
def attachment_download(
    request: HttpRequest, pk: uuid.UUID, attachment_pk: uuid.UUID
) -> HttpResponse:
    """Send the file as a download, never displayed inline, never sniffed, never cached."""
    try:
        attachment, data = attachment_get_for_download(
            request=request,
            user=signed_in_user(request),
            contact_pk=pk,
            attachment_pk=attachment_pk,
        )
    except AttachmentIntegrityError as exc:
        raise Http404("The file is not available") from exc
    response = HttpResponse(data, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True,
        filename=download_name(attachment.original_name, attachment.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
