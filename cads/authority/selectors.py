"""Reads of the authority configuration."""

from __future__ import annotations

from cads.authority.models import AuthorityConfiguration


def authority_configuration() -> AuthorityConfiguration:
    """The configuration row, or unsaved defaults before anything is stored."""
    return AuthorityConfiguration.objects.first() or AuthorityConfiguration()
