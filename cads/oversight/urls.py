from django.urls import path

from cads.oversight import views

app_name = "oversight"

urlpatterns = [
    path("access-log/", views.access_log, name="access-log"),
    path(
        "records/<slug:record_type>/<str:record_id>/who-viewed/",
        views.who_viewed,
        name="who-viewed",
    ),
]
