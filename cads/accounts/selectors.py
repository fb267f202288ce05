"""Reads about users."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from cads.accounts.models import User


def signed_in_user(request: HttpRequest) -> User:
    """The request's user, for views already behind `requires` or `pre_two_factor`."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user
