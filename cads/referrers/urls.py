"""A referrer's own contacts (kebab-case; every view declares its access)."""

from django.urls import path

from cads.referrers import views

app_name = "referrers"

urlpatterns = [
    path("", views.contacts_list, name="contacts"),
    path("letters/<uuid:pk>/", views.letter_read, name="letter"),
]
