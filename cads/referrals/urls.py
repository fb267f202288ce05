"""Referrals: trays, a referral, allocation, the completed assessment."""

from django.urls import path

from cads.referrals import views, views_episode

app_name = "referrals"

urlpatterns = [
    path("yours/", views.yours, name="yours"),
    path("unallocated/", views.unallocated, name="unallocated"),
    path("<uuid:pk>/", views.referral_detail, name="referral-detail"),
    path("<uuid:pk>/allocate/", views.allocate, name="allocate"),
    path("<uuid:pk>/assessment-start/", views_episode.assessment_start, name="assessment-start"),
    path(
        "<uuid:pk>/assessment-complete/",
        views_episode.assessment_complete,
        name="assessment-complete",
    ),
    path("<uuid:pk>/section-47/", views_episode.section_47, name="section-47"),
    path("<uuid:pk>/no-further-action/", views_episode.no_further_action, name="nfa"),
    path("<uuid:pk>/close/", views_episode.close, name="close"),
    path("<uuid:pk>/upn-unknown/", views_episode.upn_unknown, name="upn-unknown"),
]
