"""Your alerts: the signed-in member of staff's own alerts, each linking to its contact,
and marking one as read. Reads in selectors, writes in services."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cads.accounts.roles import VIEW_ALERT
from cads.accounts.selectors import signed_in_user
from cads.alerts import selectors
from cads.alerts.services import alert_link, alert_mark_read
from cads.core.access import requires

# Enough to see what is new; older read alerts stay on each contact's timeline.
READ_SHOWN = 50


@requires(VIEW_ALERT)
def alert_list(request: HttpRequest) -> HttpResponse:
    """Unread alerts first (newest first), then the most recent read ones."""
    alerts = selectors.alerts_for_user(signed_in_user(request))
    unread = [(a, alert_link(a)) for a in alerts.filter(read_at__isnull=True)]
    read = [(a, alert_link(a)) for a in alerts.filter(read_at__isnull=False)[:READ_SHOWN]]
    caption = f"{len(unread)} unread alert{'' if len(unread) == 1 else 's'}"
    context = {"unread": unread, "read": read, "unread_caption": caption}
    return render(request, "alerts/list.html", context)


@require_POST
@requires(VIEW_ALERT)
def alert_read(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Mark one of your own alerts as read (404 for anyone else's)."""
    user = signed_in_user(request)
    alert = selectors.alert_get_for_user(user=user, pk=pk)
    alert_mark_read(actor=user, alert=alert)
    messages.success(request, f"Alert about {alert.about} marked as read")
    return redirect("alerts:list")
