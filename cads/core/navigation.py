"""Service navigation by role: the items each app registers (in its AppConfig.ready()),
each shown to holders of a permission, in the order the apps give. Core holds the
mechanism and knows no app's screens, so it imports none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from cads.core.access import is_two_factor_verified


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str
    # Place in the navigation, smallest first (each app registers its own items).
    order: int
    staff_only: bool = False
    # A function(user) -> int shown beside the label (open items).
    count: Callable[[Any], int] | None = None
    # Hidden from holders of this permission (they have a fuller screen for the same work).
    unless: str = ""


NAV_ITEMS: dict[str, NavItem] = {}
HOME = "accounts:home"


def register(*items: NavItem) -> None:
    """Add (or replace, keyed by URL name) navigation items."""
    for item in items:
        NAV_ITEMS[item.url_name] = item


def nav_items() -> list[NavItem]:
    return sorted(NAV_ITEMS.values(), key=lambda item: item.order)


def nav_for(request: HttpRequest) -> list[dict[str, object]]:
    """Navigation items the signed-in user may use, marking the current section."""
    user = request.user
    if not is_two_factor_verified(request):
        return []
    items = []
    for item in nav_items():
        if not user.has_perm(item.permission) or (item.staff_only and not user.is_staff):
            continue
        if item.unless and user.has_perm(item.unless):
            continue
        href = reverse(item.url_name)
        home = item.url_name == HOME
        current = request.path == href if home else request.path.startswith(href)
        count = item.count(user) if item.count else None
        items.append({"label": item.label, "href": href, "current": current, "count": count})
    return items
