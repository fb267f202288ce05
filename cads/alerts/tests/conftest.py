"""Fixtures for staff alerts: a screener, a team manager, and a moment on a Monday morning
so the working-day clocks give known deadlines (decision and acknowledgement both due on
Tuesday at 10:00 by default)."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable

import pytest

from cads.accounts.models import User
from cads.accounts.roles import Role

LONDON = zoneinfo.ZoneInfo("Europe/London")
MONDAY_10 = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)
TUESDAY_10 = MONDAY_10 + datetime.timedelta(days=1)


@pytest.fixture
def screener(make_user: Callable[..., User]) -> User:
    return make_user(Role.CADS_SOCIAL_WORKER, username="screener")


@pytest.fixture
def manager(make_user: Callable[..., User]) -> User:
    user = make_user(Role.TEAM_MANAGER, username="manager")
    User.objects.filter(pk=user.pk).update(email="team.manager@example.org")
    user.refresh_from_db()
    return user
