"""The known week (dataset.py) and a team manager, shared by the reporting tests."""

from __future__ import annotations

import pytest

from cads.accounts.roles import Role
from cads.reporting.tests.dataset import build_week


@pytest.fixture
def week(make_user):
    return build_week(make_user)


@pytest.fixture
def manager(make_user):
    return make_user(Role.TEAM_MANAGER)
