"""The admin site's user form: privileged roles, superuser and staff status are refused
with a message saying how to give them on the server; nobody gives themselves a role."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth import forms as auth_forms

from cads.accounts.models import User
from cads.accounts.roles import PRIVILEGED_ROLES

ON_THE_SERVER = 'manage.py grant_role {username} "{role}" --reason "…"'
PRIVILEGED = (
    "{role} is a privileged role: it can only be given on the server, with "
    + ON_THE_SERVER
    + " (ADR 0019)"
)
FLAG = "{label} can only be given on the server, with " + ON_THE_SERVER + " (ADR 0019)"
YOURSELF = "You cannot give yourself a role. Ask another administrator"


class UserChangeForm(auth_forms.UserChangeForm):
    acting_user: ClassVar[Any] = None

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        user: User = self.instance
        before = set(user.groups.values_list("name", flat=True)) if user.pk else set()
        added = {group.name for group in cleaned.get("groups") or []} - before
        name = user.username or "USERNAME"
        for role in sorted(added & PRIVILEGED_ROLES):
            self.add_error("groups", PRIVILEGED.format(role=role, username=name))
        if added and self.acting_user is not None and user.pk == self.acting_user.pk:
            self.add_error("groups", YOURSELF)
        flags = (("is_superuser", "Superuser status", "superuser"),
                 ("is_staff", "Staff status", "Administrator"))  # fmt: skip
        for field, label, role in flags:
            if cleaned.get(field) and not getattr(user, field):
                self.add_error(field, FLAG.format(label=label, username=name, role=role))
        return cleaned
