"""Administrator screen for the authority configuration."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.accounts.roles import CHANGE_AUTHORITY
from cads.accounts.selectors import signed_in_user
from cads.authority.forms import AuthorityConfigurationForm
from cads.authority.services import authority_configuration_update, authority_get
from cads.core.access import requires


@requires(CHANGE_AUTHORITY)
def configuration_edit(request: HttpRequest) -> HttpResponse:
    """Edit the service name, phone numbers, opening hours, LA code and letterhead."""
    config = authority_get()
    form = AuthorityConfigurationForm(request.POST or None, instance=config)
    if request.method == "POST" and form.is_valid():
        authority_configuration_update(actor=signed_in_user(request), changes=form.cleaned_data)
        messages.success(request, "Authority settings saved")
        return redirect("authority:configuration")
    return render(request, "authority/configuration_edit.html", {"form": form})
