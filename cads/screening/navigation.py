"""This app's screens in the service navigation, registered when the app is ready
(cads.core.navigation): each item shown to holders of its permission."""

from __future__ import annotations

from cads.accounts.roles import MANAGE_TRAY, VIEW_OUT_OF_HOURS, VIEW_SCREENING
from cads.core import navigation as service_navigation
from cads.core.navigation import NavItem
from cads.screening.selectors import open_contacts


def register() -> None:
    service_navigation.register(
        NavItem("Work tray", "screening:tray", VIEW_SCREENING, order=70, counted=open_contacts),
        NavItem("Team overview", "screening:team", MANAGE_TRAY, order=90),
        NavItem("Out of hours", "screening:out-of-hours", VIEW_OUT_OF_HOURS, order=72),
    )
