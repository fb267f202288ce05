from django.urls import include, path

from cads.people import views, views_records

app_name = "people"

urlpatterns = [
    path("search/", views.person_search, name="person-search"),
    path("new/", views.person_create_view, name="person-create"),
    path("duplicates/", include("cads.people.urls_duplicates")),
    path("break-glass/", views_records.break_glass_list, name="break-glass-list"),
    path("<uuid:pk>/", views.person_detail, name="person-detail"),
    path("<uuid:pk>/edit/", views.person_edit, name="person-edit"),
    path("<uuid:pk>/address/", views_records.address_change, name="address-change"),
    path("<uuid:pk>/family/", views_records.family_member_find, name="family-find"),
    path(
        "<uuid:pk>/family/<uuid:other>/",
        views_records.family_member_link,
        name="family-link",
    ),
    path("<uuid:pk>/restriction/", views_records.person_restriction, name="restriction"),
    path("<uuid:pk>/break-glass/", views_records.break_glass, name="break-glass"),
]
