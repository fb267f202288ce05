"""Writes to the authority configuration."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.forms.models import model_to_dict

from cads.accounts.models import User
from cads.audit.services import case_event_record
from cads.authority.models import AuthorityConfiguration


@transaction.atomic
def authority_configuration_update(
    *, actor: User, changes: dict[str, Any]
) -> AuthorityConfiguration:
    """Apply `changes` to the configuration and record old and new values."""
    config = AuthorityConfiguration.objects.select_for_update().get(pk=authority_get().pk)
    before = model_to_dict(config, fields=list(changes))
    for field, value in changes.items():
        setattr(config, field, value)
    config.full_clean()
    config.save()
    changed_old = {k: v for k, v in before.items() if v != changes[k]}
    changed_new = {k: changes[k] for k in changed_old}
    case_event_record(
        subject=config,
        actor=actor,
        kind="authority.configuration_changed",
        old=changed_old,
        new=changed_new,
    )
    return config


def authority_get() -> AuthorityConfiguration:
    """The single configuration row, created with demo defaults on first use."""
    config, _ = AuthorityConfiguration.objects.get_or_create(singleton=True)
    return config
