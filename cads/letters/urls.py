"""Letters: preview and send, and open a sent letter."""

from django.urls import path

from cads.letters import views

app_name = "letters"

urlpatterns = [
    path("contact/<uuid:pk>/<slug:kind>/", views.letter_preview, name="preview"),
    path("<uuid:pk>/pdf/", views.letter_pdf, name="pdf"),
]
