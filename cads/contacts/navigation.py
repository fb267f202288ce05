"""This app's screens in the service navigation, registered when the app is ready
(cads.core.navigation): each item shown to holders of its permission."""

from __future__ import annotations

from cads.accounts.roles import ADD_CONTACT, VIEW_CONTACT, VIEW_SCREENING
from cads.core import navigation as service_navigation
from cads.core.navigation import NavItem


def register() -> None:
    service_navigation.register(
        # Screeners work from the work tray, which holds the same contacts with their clocks.
        NavItem(
            "Front door queue", "contacts:queue", VIEW_CONTACT, order=30, unless=VIEW_SCREENING
        ),
        NavItem("Record a contact", "contacts:contact-start", ADD_CONTACT, order=40),
        NavItem("Your drafts", "contacts:drafts", ADD_CONTACT, order=50),
        NavItem("Consultations", "contacts:consultation-list", VIEW_CONTACT, order=60),
    )
