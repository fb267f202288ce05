"""This app's screens in the service navigation, registered when the app is ready
(cads.core.navigation): each item shown to holders of its permission."""

from __future__ import annotations

from cads.accounts.roles import REVIEW_DUPLICATES, VIEW_PERSON
from cads.core import navigation as service_navigation
from cads.core.navigation import NavItem


def register() -> None:
    service_navigation.register(
        NavItem("Children and families", "people:person-search", VIEW_PERSON, order=140),
        NavItem("Possible duplicates", "people:duplicate-queue", REVIEW_DUPLICATES, order=150),
    )
