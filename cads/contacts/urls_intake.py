"""Staff intake: record a contact, your drafts and the front-door queue (under /contacts/)."""

from django.urls import path

from cads.contacts import views_children, views_follow_up, views_intake, views_record

CHILDREN = "<uuid:pk>/children-and-family/"

urlpatterns = [
    path("new/", views_intake.contact_start_view, name="contact-start"),
    path("drafts/", views_intake.drafts, name="drafts"),
    path("queue/", views_intake.queue, name="queue"),
    # The contact record: every answer, for everyone who may see contacts (ADR 0020).
    path("<uuid:pk>/", views_record.contact_record_view, name="record"),
    # Before the general section route, which would otherwise take "task-list" as a slug.
    path("<uuid:pk>/task-list/", views_intake.task_list, name="task-list"),
    path("<uuid:pk>/immediate-risk/", views_intake.immediate_risk, name="immediate-risk"),
    path("<uuid:pk>/immediate-risk/act-now/", views_intake.act_now, name="act-now"),
    path("<uuid:pk>/check-answers/", views_intake.check_answers, name="check-answers"),
    path("<uuid:pk>/confirmation/", views_intake.confirmation, name="confirmation"),
    # Before the general section route, which would otherwise catch this section's slug;
    # reversing "contacts:section" with "children-and-family" gives this same path.
    path(CHILDREN, views_children.children_section, name="children"),
    path(f"{CHILDREN}find/", views_children.subject_search, name="subject-search"),
    path(f"{CHILDREN}new-person/", views_children.subject_create, name="subject-create"),
    path(f"{CHILDREN}<uuid:person>/", views_children.subject_role, name="subject-role"),
    path(f"{CHILDREN}<uuid:person>/remove/", views_children.subject_remove, name="subject-remove"),
    path("<uuid:pk>/new-concern/", views_follow_up.follow_up_start, name="follow-up"),
    path("<uuid:pk>/<slug:section>/", views_intake.section, name="section"),
]
