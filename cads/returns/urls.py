from django.urls import path

from cads.returns import views

app_name = "returns"

urlpatterns = [
    path("", views.returns_index, name="index"),
    path("cin-census/", views.cin_census, name="cin-census"),
    path("annex-a/", views.annex_a, name="annex-a"),
]
