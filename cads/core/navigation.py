"""Service navigation by role: one table of items, each shown to holders of a permission."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from django.http import HttpRequest
from django.urls import reverse
from django.utils.module_loading import import_string

from cads.accounts.roles import (
    ADD_CONTACT,
    ALLOCATE_REFERRAL,
    CHANGE_AUTHORITY,
    CHANGE_REFERRAL,
    MANAGE_TRAY,
    RESPOND_CHECKS,
    REVIEW_DUPLICATES,
    SIGN_OFF_DECISION,
    USE_SERVICE,
    VIEW_ACCESS_LOG,
    VIEW_ALERT,
    VIEW_CONTACT,
    VIEW_DASHBOARD,
    VIEW_EARLY_HELP_REQUEST,
    VIEW_PERSON,
    VIEW_SCREENING,
)
from cads.core.access import is_two_factor_verified

TRAY_COUNT = "cads.screening.selectors.tray_count"


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str
    staff_only: bool = False
    # Dotted path of a function(user) -> int shown beside the label (open items).
    count: str = ""
    # Hidden from holders of this permission (they have a fuller screen for the same work).
    unless: str = ""


NAV_ITEMS: Final = (
    NavItem("Home", "core:home", USE_SERVICE),
    # MASH partners: checks addressed to their organisation (cads.checks).
    NavItem("Partner checks", "checks:partner-tray", RESPOND_CHECKS),
    # Screeners work from the work tray, which holds the same contacts with their clocks.
    NavItem("Front door queue", "contacts:queue", VIEW_CONTACT, unless=VIEW_SCREENING),
    NavItem("Record a contact", "contacts:contact-start", ADD_CONTACT),
    NavItem("Your drafts", "contacts:drafts", ADD_CONTACT),
    NavItem("Consultations", "contacts:consultation-list", VIEW_CONTACT),
    # Screening (issue 5): the work tray with its open count, and the manager's overview.
    NavItem("Work tray", "screening:tray", VIEW_SCREENING, count=TRAY_COUNT),
    # Staff alerts (issue 6): the user's own, with the number not yet read.
    NavItem("Your alerts", "alerts:list", VIEW_ALERT, count="cads.alerts.selectors.unread_count"),
    NavItem("Team overview", "screening:team", MANAGE_TRAY),
    # Decisions and referrals (issue 5): management oversight, allocation, the assessment
    # social worker's own tray, and the Early Help pathway advisors' tray.
    NavItem(
        "Awaiting sign-off",
        "decisions:sign-off-list",
        SIGN_OFF_DECISION,
        count="cads.decisions.selectors.sign_off_count",
    ),
    NavItem(
        "Referrals to allocate",
        "referrals:unallocated",
        ALLOCATE_REFERRAL,
        count="cads.referrals.selectors.unallocated_count",
    ),
    NavItem(
        "Your referrals",
        "referrals:yours",
        CHANGE_REFERRAL,
        count="cads.referrals.selectors.yours_count",
        unless=ALLOCATE_REFERRAL,  # managers allocate; their list is "Referrals to allocate"
    ),
    NavItem(
        "Early Help requests",
        "decisions:early-help-list",
        VIEW_EARLY_HELP_REQUEST,
        count="cads.decisions.selectors.early_help_count",
    ),
    NavItem("Children and families", "people:person-search", VIEW_PERSON),
    NavItem("Possible duplicates", "people:duplicate-queue", REVIEW_DUPLICATES),
    # Management information (issue 7): figures, the live backlog and data quality.
    NavItem("Management information", "reporting:dashboard", VIEW_DASHBOARD),
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
        if item.unless and user.has_perm(item.unless):
            continue
        href = reverse(item.url_name)
        home = item.url_name == "core:home"
        current = request.path == href if home else request.path.startswith(href)
        count = import_string(item.count)(user) if item.count else None
        items.append({"label": item.label, "href": href, "current": current, "count": count})
    return items
