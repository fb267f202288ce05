"""This app's screens in the service navigation, registered when the app is ready
(cads.core.navigation): each item shown to holders of its permission."""

from __future__ import annotations

from cads.accounts.roles import VIEW_ALERT
from cads.alerts.selectors import alerts_unread
from cads.core import navigation as service_navigation
from cads.core.navigation import NavItem


def register() -> None:
    service_navigation.register(
        NavItem("Your alerts", "alerts:list", VIEW_ALERT, order=80, counted=alerts_unread),
    )
