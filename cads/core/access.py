"""Every view declares who may use it (brief: "every view declares who may use it").

Views are wrapped by exactly one of these decorators, which also tag the view with an
`Access` record; `tests/test_architecture.py` walks the URLconf and fails on any view
without one. Staff must have passed the two-factor step (django-otp) before any
permission-protected view runs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Access:
    """Who may use a view: `public`, signed in before two-factor, or holders of `permissions`."""

    kind: str  # "public" | "pre-two-factor" | "permission"
    permissions: tuple[str, ...] = ()


def is_two_factor_verified(request: HttpRequest) -> bool:
    """True when the user signed in with both password and TOTP code (or the demo bypass)."""
    user = request.user
    if not user.is_authenticated:
        return False
    if settings.CADS_DEMO_SKIP_TWO_FACTOR:
        return True
    return bool(getattr(user, "is_verified", lambda: False)())


def _tag(view: Callable[..., Any], access: Access) -> View:
    view.cads_access = access  # type: ignore[attr-defined]
    return view


def public(view: View) -> View:
    """Open to anyone: sign-in, error pages, health check. Use sparingly."""
    return _tag(view, Access(kind="public"))


def _redirect_to_sign_in(request: HttpRequest) -> HttpResponse:
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse(settings.LOGIN_URL)}?{query}")


def pre_two_factor(view: View) -> View:
    """Signed in with a password, not yet with a code: the two-factor set-up and check pages."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return _redirect_to_sign_in(request)
        return view(request, *args, **kwargs)

    return _tag(wrapped, Access(kind="pre-two-factor"))


def requires(*permissions: str) -> Callable[[View], View]:
    """Signed in with two factors and holding every one of `permissions` (at least one)."""
    if not permissions:
        raise ValueError("requires() needs at least one permission")

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return _redirect_to_sign_in(request)
            if not is_two_factor_verified(request):
                return HttpResponseRedirect(reverse("accounts:two-factor"))
            if not request.user.has_perms(permissions):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _tag(wrapped, Access(kind="permission", permissions=permissions))

    return decorator


def access_of(view: Callable[..., Any]) -> Access | None:
    """The access declaration of a view callable, or None when it has none."""
    return getattr(view, "cads_access", None)
