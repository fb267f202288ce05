"""Referrals: trays, a referral, allocation, the completed assessment."""

from django.urls import path

from cads.referrals import views

app_name = "referrals"

urlpatterns = [
    path("yours/", views.yours, name="yours"),
    path("unallocated/", views.unallocated, name="unallocated"),
    path("<uuid:pk>/", views.referral_detail, name="referral-detail"),
    path("<uuid:pk>/allocate/", views.allocate, name="allocate"),
    path("<uuid:pk>/assessment-complete/", views.assessment_complete, name="assessment-complete"),
]
