"""Values every page needs: navigation and the idle timeout (the authority's names and
numbers come from cads.authority.context_processors)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from cads.core.navigation import nav_for


def service(request: HttpRequest) -> dict[str, Any]:
    signed_in = request.user.is_authenticated
    return {
        "service_navigation": nav_for(request),
        "idle_timeout_seconds": settings.CADS_IDLE_TIMEOUT_MINUTES * 60 if signed_in else None,
        "idle_warning_seconds": settings.CADS_IDLE_WARNING_MINUTES * 60,
    }
