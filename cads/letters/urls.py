"""Letters: preview and send, open, resend, receipt of instructions, letters owed."""

from django.urls import path

from cads.letters import views

app_name = "letters"

urlpatterns = [
    path("", views.letters_owed_list, name="owed"),
    path("contact/<uuid:pk>/<slug:kind>/", views.letter_preview, name="preview"),
    path("<uuid:pk>/send/", views.letter_prepare, name="prepare"),
    path("<uuid:pk>/pdf/", views.letter_pdf, name="pdf"),
    path("<uuid:pk>/resend/", views.letter_resend_view, name="resend"),
    path("<uuid:pk>/receipt/", views.letter_receipt_record, name="receipt"),
    path("<uuid:pk>/unconfirmed/", views.letter_unconfirmed_check_view, name="unconfirmed-check"),
    path("received/<str:token>/", views.letter_receipt_confirm, name="acknowledge"),
]
