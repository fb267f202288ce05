"""Service navigation by role: one table of items, each shown to holders of a permission.
Later issues add their screens here (queue, record a contact, partner checks…)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from django.http import HttpRequest
from django.urls import reverse

from cads.accounts.roles import (
    ADD_CONTACT,
    CHANGE_AUTHORITY,
    REVIEW_DUPLICATES,
    USE_SERVICE,
    VIEW_ACCESS_LOG,
    VIEW_CONTACT,
    VIEW_PERSON,
)
from cads.core.access import is_two_factor_verified


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str
    staff_only: bool = False


NAV_ITEMS: Final = (
    NavItem("Home", "core:home", USE_SERVICE),
    NavItem("Front door queue", "contacts:queue", VIEW_CONTACT),
    NavItem("Record a contact", "contacts:contact-start", ADD_CONTACT),
    NavItem("Your drafts", "contacts:drafts", ADD_CONTACT),
    NavItem("Consultations", "contacts:consultation-list", VIEW_CONTACT),
    NavItem("Children and families", "people:person-search", VIEW_PERSON),
    NavItem("Possible duplicates", "people:duplicate-queue", REVIEW_DUPLICATES),
    NavItem("Access log", "audit:access-log", VIEW_ACCESS_LOG),
    NavItem("Authority settings", "authority:configuration", CHANGE_AUTHORITY),
    NavItem("Users and organisations", "admin:index", CHANGE_AUTHORITY, staff_only=True),
)


def nav_for(request: HttpRequest) -> list[dict[str, object]]:
    """Navigation items the signed-in user may use, marking the current section."""
    user = request.user
    if not is_two_factor_verified(request):
        return []
    items = []
    for item in NAV_ITEMS:
        if not user.has_perm(item.permission) or (item.staff_only and not user.is_staff):
            continue
        href = reverse(item.url_name)
        home = item.url_name == "core:home"
        current = request.path == href if home else request.path.startswith(href)
        items.append({"label": item.label, "href": href, "current": current})
    return items
