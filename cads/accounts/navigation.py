"""This app's screens in the service navigation, registered when the app is ready
(cads.core.navigation): each item shown to holders of its permission."""

from __future__ import annotations

from cads.accounts.roles import CHANGE_AUTHORITY, USE_SERVICE
from cads.core import navigation as service_navigation
from cads.core.navigation import NavItem


def register() -> None:
    service_navigation.register(
        NavItem("Home", "accounts:home", USE_SERVICE, order=10),
        NavItem(
            "Users and organisations",
            "admin:index",
            CHANGE_AUTHORITY,
            order=190,
            staff_only=True,
        ),
    )
