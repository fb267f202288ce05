"""Two screeners opening a new contact's history at the same moment both get the one
screening (the second waits for the first and finds it), never an error page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.letters.tests.helpers import letter_templates_reseed
from cads.screening.models import Screening
from cads.screening.services import screening_open
from cads.screening.tests.helpers import submitted
from conftest import signed_in_client
from tests.concurrency import while_another_is_saving


@pytest.mark.django_db(transaction=True)
def test_two_screeners_opening_the_history_at_once_share_one_screening(
    make_user: Callable[..., User],
) -> None:
    letter_templates_reseed()
    contact = submitted(make_user(Role.CALL_HANDLER))
    first = make_user(Role.CADS_SOCIAL_WORKER, "first")
    second: Client = signed_in_client(make_user(Role.CADS_SOCIAL_WORKER, "second"))
    second.raise_request_exception = False
    with while_another_is_saving(lambda: screening_open(actor=first, contact=contact)):
        response = second.get(reverse("screening:history", args=[contact.pk]))
    assert response.status_code == 200
    screening = Screening.objects.get(contact=contact)
    assert screening.worker == first
