from django.urls import path

from cads.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("figures/<slug:slug>/csv/", views.figure_csv, name="figure-csv"),
    path("open-contacts/csv/", views.backlog_csv, name="backlog-csv"),
    path("data-quality/", views.data_quality, name="data-quality"),
    path("data-quality/<slug:slug>/csv/", views.data_quality_csv, name="data-quality-csv"),
]
