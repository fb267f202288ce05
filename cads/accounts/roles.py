"""Roles are Django groups with permissions; this table is the single source of truth.

`sync_roles()` makes the groups match the table. It runs after every `migrate`, so a new
deployment and a test database both get the same roles without a separate step.
"""

from __future__ import annotations

from typing import Any, Final

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

USE_SERVICE = "accounts.use_service"
VIEW_PERSON = "people.view_person"
ADD_PERSON = "people.add_person"
CHANGE_PERSON = "people.change_person"
# Restricting a record and choosing its access list is a manager's decision.
RESTRICT_PERSON = "people.add_recordaccess"
MERGE_PEOPLE = "people.add_merge"
VIEW_CONTACT = "contacts.view_contact"
ADD_CONTACT = "contacts.add_contact"
REVIEW_DUPLICATES = "people.change_duplicatecandidate"
VIEW_ACCESS_LOG = "audit.view_accesslog"
CHANGE_AUTHORITY = "authority.change_authorityconfiguration"

STAFF_CASEWORK: Final = (
    USE_SERVICE,
    VIEW_PERSON,
    ADD_PERSON,
    CHANGE_PERSON,
    VIEW_CONTACT,
    ADD_CONTACT,
)


class Role:
    """Role (group) names as users see them."""

    CALL_HANDLER = "Call handler"
    CADS_SOCIAL_WORKER = "CADS social worker"
    TEAM_MANAGER = "Team manager"
    MASH_PARTNER = "MASH partner"
    EARLY_HELP_ADVISOR = "Early Help pathway advisor"
    ASSESSMENT_SOCIAL_WORKER = "Assessment team social worker"
    OUT_OF_HOURS_WORKER = "Out-of-hours worker"
    REFERRER = "Referrer"
    ADMINISTRATOR = "Administrator"


ROLE_PERMISSIONS: Final[dict[str, tuple[str, ...]]] = {
    Role.CALL_HANDLER: STAFF_CASEWORK,
    Role.CADS_SOCIAL_WORKER: (*STAFF_CASEWORK, MERGE_PEOPLE, REVIEW_DUPLICATES),
    Role.TEAM_MANAGER: (
        *STAFF_CASEWORK,
        VIEW_ACCESS_LOG,
        RESTRICT_PERSON,
        MERGE_PEOPLE,
        REVIEW_DUPLICATES,
    ),
    # Partners see only what is shared with their organisation; no direct record access.
    Role.MASH_PARTNER: (USE_SERVICE,),
    Role.EARLY_HELP_ADVISOR: STAFF_CASEWORK,
    Role.ASSESSMENT_SOCIAL_WORKER: STAFF_CASEWORK,
    Role.OUT_OF_HOURS_WORKER: STAFF_CASEWORK,
    Role.REFERRER: (USE_SERVICE,),
    Role.ADMINISTRATOR: (
        USE_SERVICE,
        VIEW_ACCESS_LOG,
        CHANGE_AUTHORITY,
        "authority.view_authorityconfiguration",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_organisation",
        "accounts.add_organisation",
        "accounts.change_organisation",
        "auth.view_group",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accessfailurelog",
        "otp_totp.view_totpdevice",
        "otp_totp.add_totpdevice",
        "otp_totp.delete_totpdevice",
    ),
}

# Roles whose users must belong to a partner organisation (never the authority itself).
PARTNER_ROLES: Final = frozenset({Role.MASH_PARTNER})


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def sync_roles() -> None:
    """Create or update every role group so its permissions equal ROLE_PERMISSIONS."""
    for name, dotted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(p) for p in dotted])


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    """post_migrate hook: make sure every app's permissions exist, then sync the roles."""
    if getattr(sender, "label", None) != "accounts":
        return
    using = kwargs.get("using", "default")
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_roles()
