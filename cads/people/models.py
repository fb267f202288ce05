"""Person records. The foundation keeps only what demo families and the access log need;
the person-records issue adds identifiers, addresses with history, relationships and
restricted records."""

from __future__ import annotations

import uuid

from django.db import models


class Sex(models.TextChoices):
    """CIN census sex codes."""

    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known"


class Household(models.Model):
    """People living at one address now, e.g. a family."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    address = models.TextField()
    postcode = models.CharField(max_length=8, blank=True)

    def __str__(self) -> str:
        first_line = self.address.splitlines()[0] if self.address else "Household"
        return f"{first_line}, {self.postcode}".strip(", ")


class Person(models.Model):
    """A child or an adult in a child's life. NHS numbers in fixtures are 999 test numbers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    nhs_number = models.CharField(max_length=10, blank=True)
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def nhs_number_display(self) -> str:
        """NHS number grouped 3-3-4 as the NHS data standard displays it."""
        n = self.nhs_number
        return f"{n[:3]} {n[3:6]} {n[6:]}" if len(n) == 10 else n
