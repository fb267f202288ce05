"""Service navigation by role: the items each app registers (in its AppConfig.ready()),
each shown to holders of a permission, in the order the apps give. Core holds the
mechanism and knows no app's screens, so it imports none of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
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
    # A function(user) -> the open items whose number is shown beside the label.
    counted: Callable[[Any], QuerySet[Any]] | None = None
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
    """Navigation items the signed-in user may use, marking the current section, with the
    numbers beside them counted in one query (every page shows them)."""
    user = request.user
    if not is_two_factor_verified(request):
        return []
    shown = [
        item
        for item in nav_items()
        if user.has_perm(item.permission)
        and not (item.staff_only and not user.is_staff)
        and not (item.unless and user.has_perm(item.unless))
    ]
    counts = iter(count_together([item.counted(user) for item in shown if item.counted]))
    items = []
    for item in shown:
        href = reverse(item.url_name)
        home = item.url_name == HOME
        current = request.path == href if home else request.path.startswith(href)
        count = next(counts) if item.counted else None
        items.append({"label": item.label, "href": href, "current": current, "count": count})
    return items


def count_together(querysets: list[QuerySet[Any]]) -> list[int]:
    """How many rows each queryset holds, in one round trip instead of one each."""
    parts: list[str] = []
    params: list[Any] = []
    for queryset in querysets:
        try:
            sql, more = queryset.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # .none(): a user without the permission counts nothing
            parts.append("0")
            continue
        # The compiled SQL of a queryset, its values passed as parameters.
        parts.append(f"(SELECT count(*) FROM ({sql}) AS counted)")  # noqa: S608
        params += more
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return [int(n) for n in row] if row else [0] * len(parts)
