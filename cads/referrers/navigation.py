"""This app's screen in the service navigation (cads.core.navigation)."""

from __future__ import annotations

from cads.accounts.roles import FOLLOW_OWN_CONTACTS
from cads.core import navigation as service_navigation
from cads.core.navigation import NavItem
from cads.referrers.selectors import instructions_waiting


def register() -> None:
    service_navigation.register(
        NavItem(
            "Your contacts",
            "referrers:contacts",
            FOLLOW_OWN_CONTACTS,
            order=15,
            counted=instructions_waiting,
        ),
    )
