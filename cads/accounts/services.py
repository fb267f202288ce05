"""Account writes: users, roles, two-factor devices. Each writes one case event."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from cads.accounts.models import Organisation, User
from cads.accounts.roles import PARTNER_ROLES, ROLE_PERMISSIONS, Role
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


@transaction.atomic
def two_factor_reset(*, actor: User | None, user: User) -> int:
    """Delete every authenticator of `user`: at their next sign-in they add CADS to an app
    again. Nobody ever reads the old secret (ADR 0019). Returns how many were deleted."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    case_event_record(
        subject=user, actor=actor, kind="user.two_factor_reset", new={"devices": deleted}
    )
    return deleted


@transaction.atomic
def role_grant(*, actor: User | None, user: User, role: str, reason: str, by: str) -> User:
    """Give `user` a role; the Administrator role also opens the admin site. `by` says
    where it was done (privileged roles only by `manage.py grant_role`, ADR 0019)."""
    _check_role_fits_organisation(role, user.organisation)
    user.groups.add(Group.objects.get(name=role))
    if role == Role.ADMINISTRATOR and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    new = {"role": role, "by": by}
    case_event_record(subject=user, actor=actor, kind="user.role_granted", new=new, reason=reason)
    return user


@transaction.atomic
def superuser_grant(*, actor: User | None, user: User, reason: str, by: str) -> User:
    """Make `user` a superuser (every permission): on the server only (ADR 0019)."""
    user.is_superuser = True
    user.is_staff = True
    user.save(update_fields=["is_superuser", "is_staff"])
    case_event_record(
        subject=user, actor=actor, kind="user.superuser_granted", new={"by": by}, reason=reason
    )
    return user


@transaction.atomic
def role_change_record(*, actor: User | None, user: User, role: str, granted: bool) -> None:
    """Audit a role given or taken away in the admin site (the form saved the groups)."""
    if granted:
        case_event_record(subject=user, actor=actor, kind="user.role_granted", new={"role": role})
    else:
        case_event_record(subject=user, actor=actor, kind="user.role_removed", old={"role": role})


@transaction.atomic
def password_set_record(*, actor: User | None, user: User) -> None:
    """Audit a password set for `user` by someone else (never the password itself)."""
    kind = "user.password_set_by_administrator" if actor != user else "user.password_changed"
    case_event_record(subject=user, actor=actor, kind=kind)
