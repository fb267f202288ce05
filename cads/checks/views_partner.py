"""Partner pages: the tray of checks addressed to the user's own organisation, one check
(question and shared information only; opening it is logged), the response with files,
and completing it. Another organisation's check is "not found" (404), never "forbidden",
so its existence is not disclosed. Staff download response files from here too."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from cads.accounts.roles import RESPOND_CHECKS, VIEW_CHECKS
from cads.accounts.selectors import signed_in_user
from cads.checks import selectors
from cads.checks.attachments import check_attachment_add, check_attachment_bytes
from cads.checks.forms import CheckAttachmentForm, ResponseForm
from cads.checks.models import CheckAttachment, CheckRequest
from cads.checks.services import CheckRefusedError, check_complete, check_respond
from cads.checks.workflow import OPEN_STATUSES
from cads.core.access import requires
from cads.core.uploads import AttachmentIntegrityError, AttachmentRefusedError, download_name


def _posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data, even when empty (an empty form must show its errors)."""
    return request.POST if request.method == "POST" else None


@requires(RESPOND_CHECKS)
def partner_tray(request: HttpRequest) -> HttpResponse:
    """Open checks for the user's organisation, soonest due first, then finished ones."""
    user = signed_in_user(request)
    checks = selectors.checks_for_partner(user)
    now = timezone.now()
    open_checks = [
        (check, selectors.time_left_in_words(check.due_at, now))
        for check in checks.filter(status__in=OPEN_STATUSES)
    ]
    finished = checks.exclude(status__in=OPEN_STATUSES).order_by("-completed_at")[:50]
    context = {"open_checks": open_checks, "finished": finished, "organisation": user.organisation}
    return render(request, "checks/partner_tray.html", context)


def _check_page(
    request: HttpRequest,
    check: CheckRequest,
    form: ResponseForm,
    upload: CheckAttachmentForm,
) -> HttpResponse:
    now = timezone.now()
    context = {
        "check": check,
        "form": form,
        "upload": upload,
        "time_left": selectors.time_left_in_words(check.due_at, now),
        "is_open": check.status in OPEN_STATUSES,
    }
    return render(request, "checks/partner_check.html", context)


@requires(RESPOND_CHECKS)
def partner_check(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The question and the shared information, and the partner's response."""
    user = signed_in_user(request)
    check = selectors.check_get_for_partner(request=request, user=user, pk=pk)
    form = ResponseForm(_posted(request), initial={"response": check.response})
    if request.method == "POST" and form.is_valid():
        try:
            check_respond(actor=user, check=check, response=form.cleaned_data["response"])
        except CheckRefusedError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Response saved. Complete the check when it is final.")
            return redirect("checks:partner-check", check.pk)
    return _check_page(request, check, form, CheckAttachmentForm())


@requires(RESPOND_CHECKS)
def partner_attachment_add(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Add a file to the response (content type checked, virus scanned)."""
    user = signed_in_user(request)
    check = selectors.check_get_for_partner(request=request, user=user, pk=pk)
    upload = CheckAttachmentForm(_posted(request), request.FILES or None)
    if request.method == "POST" and upload.is_valid():
        try:
            file = upload.cleaned_data["file"]
            added = check_attachment_add(actor=user, check=check, upload=file)
        except AttachmentRefusedError as exc:
            upload.add_error("file", exc.message)
        except CheckRefusedError as exc:
            upload.add_error("file", str(exc))
        else:
            messages.success(request, f"{added.original_name} added")
            return redirect("checks:partner-check", check.pk)
    form = ResponseForm(initial={"response": check.response})
    return _check_page(request, check, form, upload)


@requires(RESPOND_CHECKS)
def partner_complete(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Confirm the response is final; the screener is told it is complete."""
    user = signed_in_user(request)
    check = selectors.check_get_for_partner(request=request, user=user, pk=pk)
    error = ""
    if request.method == "POST":
        try:
            check_complete(actor=user, check=check)
        except CheckRefusedError as exc:
            error = str(exc)
        else:
            messages.success(request, "Check completed. Thank you.")
            return redirect("checks:partner-tray")
    context = {"check": check, "error": error}
    return render(request, "checks/partner_complete.html", context)


def _download(attachment: CheckAttachment) -> HttpResponse:
    """Send the file as a download, never displayed inline, never sniffed, never cached."""
    try:
        data = check_attachment_bytes(attachment)
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


@requires(RESPOND_CHECKS)
def partner_attachment(request: HttpRequest, pk: uuid.UUID, file_pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    check = selectors.check_get_for_partner(request=request, user=user, pk=pk)
    return _download(get_object_or_404(check.attachments, pk=file_pk))


@requires(VIEW_CHECKS)
def staff_attachment(request: HttpRequest, pk: uuid.UUID, file_pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    check = selectors.check_get_for_staff_logged(request=request, user=user, pk=pk)
    return _download(get_object_or_404(check.attachments, pk=file_pk))
