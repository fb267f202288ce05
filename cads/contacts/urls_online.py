"""The public online form, mounted at /report-a-concern/ (namespace "online"). Every view is
public (no account) and guarded against abuse (cads.contacts.online_pages.online_page)."""

from django.urls import path

from cads.contacts import views_online, views_online_people, views_online_submit

urlpatterns = [
    path("", views_online.start, name="start"),
    path("immediate-danger/", views_online.immediate_risk, name="immediate-risk"),
    path("call-999-now/", views_online.emergency, name="emergency"),
    path("public-or-professional/", views_online.who_are_you, name="who-are-you"),
    path("children/", views_online_people.children, name="children"),
    path("children/<int:number>/", views_online_people.child, name="child"),
    path("children/<int:number>/remove/", views_online_people.child_remove, name="child-remove"),
    path("parents-and-carers/", views_online_people.parents, name="parents"),
    path("parents-and-carers/<int:number>/", views_online_people.parent, name="parent"),
    path(
        "parents-and-carers/<int:number>/remove/",
        views_online_people.parent_remove,
        name="parent-remove",
    ),
    path("what-is-worrying-you/", views_online.worry, name="worry"),
    path("what-happened-today/", views_online.today, name="today"),
    path("does-the-family-know/", views_online.family_told, name="family-told"),
    path("parents-agreement/", views_online.consent, name="consent"),
    path("how-you-know-the-child/", views_online.relationship, name="relationship"),
    path("stay-anonymous/", views_online.anonymous, name="anonymous"),
    path("about-you/", views_online.your_details, name="your-details"),
    path("confirm-your-email/", views_online_submit.confirm_email, name="confirm-email"),
    path("enter-code/", views_online_submit.enter_code, name="enter-code"),
    path("check-your-answers/", views_online_submit.check_answers, name="check-answers"),
    path("report-sent/", views_online_submit.confirmation, name="confirmation"),
]
