"""Record a new concern about the children of a closed contact: a new draft contact that
follows the old one (cads.contacts.follow_up). Thin: the form validates, the service
writes, the selector reads and logs."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cads.accounts.roles import ADD_CONTACT
from cads.accounts.selectors import signed_in_user
from cads.contacts.codes import Channel
from cads.contacts.follow_up import NotClosedError, contact_follow_up_start
from cads.contacts.forms_intake import FollowUpStartForm
from cads.contacts.selectors import contact_get_for_view, subjects_shown
from cads.contacts.services import is_out_of_hours_worker
from cads.core.access import requires


@requires(ADD_CONTACT)
def follow_up_start(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """ "Record a new concern about these children", from a closed contact."""
    user = signed_in_user(request)
    earlier = contact_get_for_view(request=request, user=user, pk=pk)
    now = timezone.localtime()
    initial = {
        "received_date": now.date(),
        "received_time": now.strftime("%H:%M"),
        "channel": Channel.OUT_OF_HOURS if is_out_of_hours_worker(user) else Channel.PHONE,
    }
    form = FollowUpStartForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            contact = contact_follow_up_start(
                actor=user,
                earlier=earlier,
                received_at=form.cleaned_data["received_at"],
                channel=form.cleaned_data["channel"],
            )
            return redirect("contacts:immediate-risk", contact.pk)
        except NotClosedError as refused:
            form.add_error(None, str(refused))
    subjects = earlier.subjects.select_related("person").order_by("role", "person__family_name")
    people = subjects_shown(request=request, viewer=user, subjects=subjects)
    context = {"form": form, "earlier": earlier, "people": people}
    return render(request, "contacts/intake/follow_up.html", context)
