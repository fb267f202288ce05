"""Values every page needs: navigation and the idle timeout (the authority's names and
numbers come from cads.authority.context_processors)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from cads.core.navigation import nav_for


def service(request: HttpRequest) -> dict[str, Any]:
    # A request refused before the authentication middleware ran (a Host not in
    # ALLOWED_HOSTS is refused by CommonMiddleware) has no user: render it signed out, so the
    # 400 page is a 400 and not a server error.
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "service_navigation": nav_for(request) if signed_in else [],
        "idle_timeout_seconds": settings.CADS_IDLE_TIMEOUT_MINUTES * 60 if signed_in else None,
        "idle_warning_seconds": settings.CADS_IDLE_WARNING_MINUTES * 60,
    }
