"""Create the fictional demo authority, partner organisations, one user per role and a few
fictional families. Safe to run again: it creates only what is missing and reprints the
logins. Every name comes from Faker en_GB and every NHS number from the 999 test range."""

from __future__ import annotations

import base64
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from cads.accounts.models import Organisation, OrganisationKind, User
from cads.accounts.roles import Role
from cads.accounts.services import two_factor_device_create, user_create
from cads.authority.services import authority_get
from cads.demo.families import create_demo_families
from cads.demo.front_door import load_demo_front_door
from cads.demo.front_door_steps import demo_email
from cads.people.duplicates import duplicate_sweep

CREDENTIALS_FILE = Path(settings.BASE_DIR) / ".cads" / "demo-logins.txt"

ORGANISATIONS = [
    ("Wessex County Council Children's Services", OrganisationKind.LOCAL_AUTHORITY),
    ("Wessex Police", OrganisationKind.POLICE),
    ("Wessex Community Health NHS Trust", OrganisationKind.HEALTH),
    ("Oakfield Primary School", OrganisationKind.EDUCATION),
    ("Wessex Probation Delivery Unit", OrganisationKind.PROBATION),
    ("Wessex Housing Options", OrganisationKind.HOUSING),
    ("Wessex Adult Social Care", OrganisationKind.ADULT_SOCIAL_CARE),
    ("Wessex Early Help Service", OrganisationKind.EARLY_HELP),
    ("Wessex Youth Justice Service", OrganisationKind.YOUTH_JUSTICE),
]

# username, first name, last name, role, organisation (index into ORGANISATIONS)
DEMO_USERS = [
    ("callhandler", "Chris", "Handley", Role.CALL_HANDLER, 0),
    ("socialworker", "Sam", "Worthing", Role.CADS_SOCIAL_WORKER, 0),
    ("manager", "Morgan", "Hale", Role.TEAM_MANAGER, 0),
    ("police", "Pat", "Constable", Role.MASH_PARTNER, 1),
    ("health", "Harriet", "Wells", Role.MASH_PARTNER, 2),
    ("earlyhelp", "Ellis", "Hope", Role.EARLY_HELP_ADVISOR, 0),
    ("assessment", "Alex", "Seward", Role.ASSESSMENT_SOCIAL_WORKER, 0),
    ("outofhours", "Oakley", "Knight", Role.OUT_OF_HOURS_WORKER, 0),
    ("referrer", "Robin", "Teacher", Role.REFERRER, 3),
    ("headofservice", "Harper", "Lead", Role.HEAD_OF_SERVICE, 0),
    ("admin", "Ada", "Minster", Role.ADMINISTRATOR, 0),
]


class Command(BaseCommand):
    help = "Load fictional demo data (idempotent) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "CADS_DEMO_TOOLS", True):
            raise CommandError("Demo data cannot be loaded with production settings")
        with transaction.atomic():
            authority_get()
            orgs = [
                Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]
                for name, kind in ORGANISATIONS
            ]
            password = self._password()
            created = self._users(orgs, password)
            if created:
                families = create_demo_families(count=4, seed=2026)
                # The demo opens with the planted duplicate already waiting for review.
                duplicate_sweep()
                self.stdout.write(f"Created {len(created)} users and {families} families.")
            # Once, after the families: skipped when any contact exists already.
            contacts = load_demo_front_door()
            if contacts:
                self.stdout.write(f"Created the front door: {contacts} contacts.")
        self.stdout.write(CREDENTIALS_FILE.read_text())

    def _password(self) -> str:
        if CREDENTIALS_FILE.exists():
            for line in CREDENTIALS_FILE.read_text().splitlines():
                if line.startswith("Password for every demo user: "):
                    return line.split(": ", 1)[1]
        return "demo-" + secrets.token_urlsafe(9)

    @staticmethod
    def _email(username: str, first: str, last: str, role: str) -> str:
        """The demo referrer's address is the one the demo contacts give for Robin Teacher,
        so their "Your contacts" page lists them (a referrer sees the contacts that name
        their email address as the referrer's)."""
        return demo_email(f"{first} {last}") if role == Role.REFERRER else f"{username}@example.org"

    def _users(self, orgs: list[Organisation], password: str) -> list[User]:
        created = []
        lines = [
            "Demo logins (fictional people; for this demo install only)",
            f"Password for every demo user: {password}",
            "Two-factor: add the key to an authenticator app, or run",
            "  make code USER=<username>   to print the current 6-digit code",
            "",
            f"{'Username':<14}{'Role':<32}{'Organisation':<44}Authenticator key",
        ]
        for username, first, last, role, org_index in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_create(
                    actor=None,
                    username=username,
                    password=password,
                    first_name=first,
                    last_name=last,
                    role=role,
                    organisation=orgs[org_index],
                    email=self._email(username, first, last, role),
                )
                two_factor_device_create(user=user, confirmed=True)
                created.append(user)
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            key = base64.b32encode(device.bin_key).decode() if device else "(none)"
            lines.append(f"{username:<14}{role:<32}{orgs[org_index].name:<44}{key}")
        CREDENTIALS_FILE.parent.mkdir(parents=True, exist_ok=True)
        CREDENTIALS_FILE.write_text("\n".join(lines) + "\n")
        CREDENTIALS_FILE.chmod(0o600)
        return created
