"""Professional consultation pages, mounted at /contacts/consultations/ in the "contacts"
namespace (cads.contacts.urls)."""

from django.urls import path

from cads.contacts import views_consultation as views

urlpatterns = [
    path("", views.consultation_list, name="consultation-list"),
    path("start/", views.consultation_start, name="consultation-start"),
    path("<uuid:pk>/", views.consultation_task, name="consultation-task"),
    path("<uuid:pk>/recorded/", views.consultation_recorded, name="consultation-recorded"),
    path("<uuid:pk>/convert/", views.consultation_convert_view, name="consultation-convert"),
]
