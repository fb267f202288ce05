"""Staff alerts: your alerts and marking one as read (kebab-case)."""

from django.urls import path

from cads.alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.alert_list, name="list"),
    path("<uuid:pk>/read/", views.alert_read, name="read"),
]
