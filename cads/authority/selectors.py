"""Reads of the authority configuration."""

from __future__ import annotations

from cads.authority.models import AuthorityConfiguration
from cads.core.clocks import OfficeHours


def authority_configuration() -> AuthorityConfiguration:
    """The configuration row, or unsaved defaults before anything is stored."""
    return AuthorityConfiguration.objects.first() or AuthorityConfiguration()


def office_hours() -> OfficeHours:
    """The office hours every working-hours clock uses, from the administrator's settings."""
    config = authority_configuration()
    return OfficeHours(opens=config.office_opens, closes=config.office_closes)
