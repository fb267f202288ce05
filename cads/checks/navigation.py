"""This app's screens in the service navigation, registered when the app is ready
(cads.core.navigation): each item shown to holders of its permission."""

from __future__ import annotations

from cads.accounts.roles import AUTHORISE_WITHOUT_CONSENT, RESPOND_CHECKS
from cads.checks.selectors import authorisations_waiting
from cads.core import navigation as service_navigation
from cads.core.navigation import NavItem


def register() -> None:
    service_navigation.register(
        NavItem("Partner checks", "checks:partner-tray", RESPOND_CHECKS, order=20),
        # Team managers: requests to authorise checks without consent (ADR 0011).
        NavItem(
            "Authorisations",
            "checks:authorisations",
            AUTHORISE_WITHOUT_CONSENT,
            order=105,
            counted=authorisations_waiting,
        ),
    )
