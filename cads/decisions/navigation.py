"""This app's screens in the service navigation, registered when the app is ready
(cads.core.navigation): each item shown to holders of its permission."""

from __future__ import annotations

from cads.accounts.roles import SIGN_OFF_DECISION, VIEW_EARLY_HELP_REQUEST
from cads.core import navigation as service_navigation
from cads.core.navigation import NavItem
from cads.decisions.selectors import decisions_awaiting_sign_off, early_help_waiting


def register() -> None:
    service_navigation.register(
        NavItem(
            "Awaiting sign-off",
            "decisions:sign-off-list",
            SIGN_OFF_DECISION,
            order=100,
            counted=decisions_awaiting_sign_off,
        ),
        NavItem(
            "Early Help requests",
            "decisions:early-help-list",
            VIEW_EARLY_HELP_REQUEST,
            order=130,
            counted=early_help_waiting,
        ),
    )
