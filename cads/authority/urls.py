from django.urls import path

from cads.authority import views

app_name = "authority"

urlpatterns = [path("", views.configuration_edit, name="configuration")]
