"""Screening pages: the work tray, the team view, and one contact's screening."""

from django.urls import path

from cads.screening import views, views_named, views_out_of_hours, views_steps, views_warnings

app_name = "screening"

urlpatterns = [
    path("tray/", views.tray, name="tray"),
    path("team/", views.team, name="team"),
    path("out-of-hours/", views_out_of_hours.tray, name="out-of-hours"),
    path("<uuid:pk>/out-of-hours/", views_out_of_hours.actions, name="out-of-hours-actions"),
    path("<uuid:pk>/history/", views.history, name="history"),
    path("<uuid:pk>/", views_steps.screen, name="screen"),
    path("<uuid:pk>/rag/", views_steps.rerate, name="rerate"),
    path("<uuid:pk>/consent/", views_steps.consent, name="consent"),
    path("<uuid:pk>/acknowledged/", views_steps.acknowledge, name="acknowledge"),
    path("<uuid:pk>/threshold/", views_steps.threshold, name="threshold"),
    path("<uuid:pk>/reassign/", views.reassign, name="reassign"),
    path("<uuid:pk>/open-contact/", views_warnings.open_contact, name="open-contact"),
    # People the contact named and nobody has yet identified (ADR 0021).
    path("<uuid:pk>/named/<uuid:named>/find/", views_named.named_find, name="named-find"),
    path("<uuid:pk>/named/<uuid:named>/new-person/", views_named.named_create, name="named-create"),
    path(
        "<uuid:pk>/named/<uuid:named>/cannot-be-identified/",
        views_named.named_cannot,
        name="named-cannot",
    ),
    path("named/<uuid:named>/<uuid:person>/", views_named.named_choose, name="named-choose"),
]
