"""Bad requests get the GOV.UK error pages with the right status, never a server error."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_a_foreign_host_gets_the_400_page_not_a_server_error() -> None:
    # A real server shows the handler's page; the test client would raise instead.
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert b"Sorry, there is a problem with your request" in response.content
