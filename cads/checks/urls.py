"""Partner check URLs (kebab-case; every view declares its access in cads.core.access)."""

from django.urls import path

from cads.checks import views, views_authorisation, views_partner

app_name = "checks"

urlpatterns = [
    path("contact/<uuid:pk>/", views.contact_checks, name="contact-checks"),
    path("contact/<uuid:pk>/request/", views.request_new, name="request-new"),
    path("contact/<uuid:pk>/not-shared/", views.not_shared, name="not-shared"),
    path("contact/<uuid:pk>/without-consent/", views.consent_override, name="consent-override"),
    path(
        "contact/<uuid:pk>/ask-a-manager/",
        views_authorisation.ask_a_manager,
        name="ask-a-manager",
    ),
    path("authorisations/", views_authorisation.authorisations_list, name="authorisations"),
    path(
        "authorisations/<uuid:pk>/",
        views_authorisation.authorisation_answer_view,
        name="authorisation-answer",
    ),
    path("<uuid:pk>/cancel/", views.cancel, name="cancel"),
    path("<uuid:pk>/on-behalf/", views.on_behalf, name="on-behalf"),
    path("<uuid:pk>/files/<uuid:file_pk>/", views_partner.staff_attachment, name="file"),
    path("partner/", views_partner.partner_tray, name="partner-tray"),
    path("partner/<uuid:pk>/", views_partner.partner_check, name="partner-check"),
    path("partner/<uuid:pk>/files/", views_partner.partner_attachment_add, name="partner-upload"),
    path(
        "partner/<uuid:pk>/files/<uuid:file_pk>/",
        views_partner.partner_attachment,
        name="partner-file",
    ),
    path("partner/<uuid:pk>/complete/", views_partner.partner_complete, name="partner-complete"),
]
