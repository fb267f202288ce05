"""The numbers beside the service navigation's items: counted together in one query, each
the same as counting its own items."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.core.navigation import count_together

pytestmark = pytest.mark.django_db


def test_each_count_is_its_own_items_and_nothing_for_none(
    make_user: Callable[..., User],
) -> None:
    make_user(Role.CALL_HANDLER, "one")
    make_user(Role.CALL_HANDLER, "two")
    active = User.objects.filter(is_active=True).order_by("username")
    named_one = User.objects.filter(username="one").distinct()
    with CaptureQueriesContext(connection) as run:
        counts = count_together([active, User.objects.none(), named_one])
    assert counts == [active.count(), 0, 1]
    assert len(run.captured_queries) == 1
    assert count_together([]) == []
