"""URLs. Every view is wrapped by cads.core.access (tests/test_architecture.py checks)."""

from django.contrib import admin
from django.urls import include, path

from cads.accounts.urls import session_urlpatterns

urlpatterns = [
    path("", include("cads.core.urls")),
    path("", include("cads.accounts.urls")),
    path("session/", include((session_urlpatterns, "session"))),
    path("children-and-families/", include("cads.people.urls")),
    path("contacts/", include("cads.contacts.urls")),
    # The public online form: no account; professionals may confirm their email address.
    path("report-a-concern/", include(("cads.contacts.urls_online", "online"))),
    path("screening/", include("cads.screening.urls")),
    path("decisions/", include("cads.decisions.urls")),
    path("referrals/", include("cads.referrals.urls")),
    path("checks/", include("cads.checks.urls")),
    path("letters/", include("cads.letters.urls")),
    path("alerts/", include("cads.alerts.urls")),
    path("your-contacts/", include("cads.referrers.urls")),
    path("reporting/", include("cads.reporting.urls")),
    path("returns/", include("cads.returns.urls")),
    path("audit/", include("cads.oversight.urls")),
    path("authority-settings/", include("cads.authority.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "cads.core.views.bad_request"
handler403 = "cads.core.views.permission_denied"
handler404 = "cads.core.views.page_not_found"
handler500 = "cads.core.views.server_error"
