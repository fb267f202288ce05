"""Decisions, management oversight, feedback to the referrer and Early Help requests."""

from django.urls import path

from cads.decisions import views, views_early_help, views_feedback

app_name = "decisions"

urlpatterns = [
    path("contact/<uuid:pk>/new/", views.decision_record_view, name="decision-record"),
    path("awaiting-sign-off/", views.sign_off_list, name="sign-off-list"),
    path("early-help-requests/", views_feedback.early_help_list, name="early-help-list"),
    path(
        "early-help-requests/<uuid:pk>/",
        views_feedback.early_help_detail,
        name="early-help-detail",
    ),
    path(
        "early-help-requests/<uuid:pk>/accept/",
        views_feedback.early_help_accept,
        name="early-help-accept",
    ),
    path(
        "early-help-requests/<uuid:pk>/send-back/",
        views_early_help.early_help_return,
        name="early-help-return",
    ),
    path(
        "early-help-requests/<uuid:pk>/assessment/",
        views_early_help.early_help_assessment,
        name="early-help-assessment",
    ),
    path(
        "early-help-requests/<uuid:pk>/sent-back/",
        views_early_help.early_help_returned,
        name="early-help-returned",
    ),
    path("<uuid:pk>/", views.decision_detail, name="decision-detail"),
    path("<uuid:pk>/sign-off/", views.sign_off, name="sign-off"),
    path("<uuid:pk>/actions/new/", views_feedback.action_add, name="action-add"),
    path("<uuid:pk>/acknowledgement/", views_feedback.acknowledgement, name="acknowledgement"),
]
