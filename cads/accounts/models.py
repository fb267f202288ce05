"""Users and the organisations they work for."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class OrganisationKind(models.TextChoices):
    """The kinds of organisation at a front door; partner kinds take part in MASH checks."""

    LOCAL_AUTHORITY = "local_authority", "Local authority (children's services)"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    EARLY_HELP = "early_help", "Early Help"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"


class Organisation(models.Model):
    """The authority itself or a partner agency, e.g. "Wessex Police" (kind police)."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40, choices=OrganisationKind.choices)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_partner(self) -> bool:
        """Partner agencies see only what is shared with them (never the whole record)."""
        return self.kind != OrganisationKind.LOCAL_AUTHORITY


class User(AbstractUser):
    """A person who signs in. Roles are Django groups (see roles.py); a MASH partner user
    belongs to exactly one partner organisation and sees only what is shared with it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    job_title = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        permissions = [("use_service", "Can sign in to CADS and see a home page")]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_names(self) -> list[str]:
        """Display names of the user's roles, e.g. ["Team manager"]."""
        return sorted(group.name for group in self.groups.all())
