"""Attachment pages of a contact, mounted at /contacts/ in the "contacts" namespace."""

from django.urls import path

from cads.contacts import views_attachments as views

urlpatterns = [
    path("<uuid:pk>/attachments/", views.attachments, name="attachments"),
    path(
        "<uuid:pk>/attachments/<uuid:attachment_pk>/",
        views.attachment_download,
        name="attachment-download",
    ),
]
