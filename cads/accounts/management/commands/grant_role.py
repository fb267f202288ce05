"""Give a user a role, or superuser, on the server: the only way to give a privileged role
(team manager, head of service, administrator) or superuser (ADR 0019). Whoever can run
this has the server, not just an administrator's password; each grant is audited with its
reason."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cads.accounts.models import User
from cads.accounts.roles import ROLE_PERMISSIONS
from cads.accounts.services import role_grant, superuser_grant

SUPERUSER = "superuser"
BY = "manage.py grant_role"


class Command(BaseCommand):
    help = 'Give USERNAME a ROLE (or "superuser"), with --reason "...", audited.'

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", help=f'One of: {", ".join(ROLE_PERMISSIONS)}, or "superuser"')
        parser.add_argument("--reason", default="", help="Why (kept on the user's timeline)")

    def handle(self, *args: Any, username: str, role: str, reason: str, **options: Any) -> None:
        if not reason.strip():
            raise CommandError('Say why with --reason "..." (it is kept in the audit trail)')
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username}")
        if role == SUPERUSER:
            superuser_grant(actor=None, user=user, reason=reason.strip(), by=BY)
        elif role not in ROLE_PERMISSIONS:
            raise CommandError(f"Unknown role {role!r}: use one of {', '.join(ROLE_PERMISSIONS)}")
        else:
            try:
                role_grant(actor=None, user=user, role=role, reason=reason.strip(), by=BY)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"{username} is now {role}; recorded with the reason given.")
