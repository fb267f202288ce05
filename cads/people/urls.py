from django.urls import path

from cads.people import views

app_name = "people"

urlpatterns = [
    path("", views.person_list, name="person-list"),
    path("<uuid:pk>/", views.person_detail, name="person-detail"),
]
