"""Duplicate review and merging, mounted at children-and-families/duplicates/. No app_name:
the names carry a `duplicate-` prefix so they sit safely in whichever namespace includes
them."""

from django.urls import path

from cads.people import views_duplicates as views

urlpatterns = [
    path("", views.duplicate_queue, name="duplicate-queue"),
    path("<int:pk>/", views.duplicate_pair, name="duplicate-pair"),
    path("<int:pk>/not-the-same-person/", views.duplicate_not_same, name="duplicate-not-same"),
    path("<int:pk>/merge/", views.duplicate_merge, name="duplicate-merge"),
    path("merges/<uuid:pk>/", views.duplicate_merge_record, name="duplicate-merge-record"),
    path("merges/<uuid:pk>/undo/", views.duplicate_merge_undo, name="duplicate-merge-undo"),
]
