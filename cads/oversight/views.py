"""Managers' view of the access log."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cads.accounts.roles import VIEW_ACCESS_LOG
from cads.accounts.selectors import signed_in_user
from cads.audit.selectors import access_log_recent
from cads.core.access import requires
from cads.core.ids import pk_from_url
from cads.oversight.registry import AUDITABLE_RECORDS, record_model
from cads.oversight.selectors import who_viewed as who_viewed_page


@requires(VIEW_ACCESS_LOG)
def who_viewed(request: HttpRequest, record_type: str, record_id: str) -> HttpResponse:
    """List everyone who viewed a record, newest first."""
    model = record_model(record_type)
    if model is None:
        raise Http404
    subject = model._default_manager.filter(pk=pk_from_url(model, record_id)).first()
    if subject is None:
        raise Http404
    page = who_viewed_page(viewer=signed_in_user(request), subject=subject)
    return render(
        request,
        "oversight/who_viewed.html",
        {"title": page.title, "record_type": record_type, "views": page.rows},
    )


@requires(VIEW_ACCESS_LOG)
def access_log(request: HttpRequest) -> HttpResponse:
    """The latest record views across the service, each linking to that record's log."""
    slugs = {dotted.split(".")[1].lower(): slug for slug, dotted in AUDITABLE_RECORDS.items()}
    rows = [
        {"entry": entry, "record_type": slugs.get(entry.subject_type.model)}
        for entry in access_log_recent()
    ]
    return render(request, "oversight/access_log.html", {"rows": rows})
