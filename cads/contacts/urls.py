"""Staff contact pages: intake, consultations, drafts, the queue, attachments."""

from django.urls import include, path

app_name = "contacts"

urlpatterns = [
    # Before intake, so a section pattern such as <uuid:pk>/<slug>/ cannot catch attachments.
    path("", include("cads.contacts.urls_attachments")),
    path("", include("cads.contacts.urls_intake")),
    path("consultations/", include("cads.contacts.urls_consultation")),
]
