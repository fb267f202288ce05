"""Account writes: users, roles, two-factor devices. Each writes one case event."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from cads.accounts.models import Organisation, User
from cads.accounts.roles import PARTNER_ROLES, ROLE_PERMISSIONS
from cads.audit.services import case_event_record


def _check_role_fits_organisation(role: str, organisation: Organisation | None) -> None:
    if role not in ROLE_PERMISSIONS:
        raise ValidationError(f"Unknown role: {role}")
    # A MASH partner sees only what is shared with their organisation, so they need one.
    if role in PARTNER_ROLES and (organisation is None or not organisation.is_partner):
        raise ValidationError("A MASH partner must belong to a partner organisation")


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    first_name: str,
    last_name: str,
    role: str,
    organisation: Organisation | None,
    email: str = "",
    job_title: str = "",
) -> User:
    """Create a user with one role; administrators also get the admin site."""
    _check_role_fits_organisation(role, organisation)
    user = User.objects.create_user(
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        email=email,
        organisation=organisation,
        job_title=job_title,
        is_staff=role == "Administrator",
    )
    user.groups.add(Group.objects.get(name=role))
    case_event_record(
        subject=user,
        actor=actor,
        kind="user.created",
        new={"username": username, "role": role, "organisation": str(organisation or "")},
    )
    return user


@transaction.atomic
def two_factor_device_create(*, user: User, confirmed: bool = False) -> TOTPDevice:
    """Give `user` a new TOTP secret (replacing unconfirmed ones) for an authenticator app."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=confirmed)
    case_event_record(subject=user, actor=user, kind="user.two_factor_device_created")
    return device


@transaction.atomic
def two_factor_device_confirm(*, device: TOTPDevice) -> TOTPDevice:
    """Mark a device confirmed once the user has entered a correct code from it."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    case_event_record(subject=device.user, actor=device.user, kind="user.two_factor_confirmed")
    return device
