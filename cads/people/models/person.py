"""A person: a child, an unborn child, or an adult in a child's life."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from cads.people.models.codes import (
    Ethnicity,
    NameKind,
    RestrictionReason,
    Sex,
    StatusKind,
    UpnUnknown,
)


class Person(models.Model):
    """One person on the register. NHS numbers in fixtures are from the 999 test range.

    Identifiers are stored normalised (cads.people.identifiers); `version` lets two workers
    editing the same record find out, rather than overwrite each other.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    given_name = models.CharField(max_length=100, blank=True)
    middle_names = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_delivery = models.DateField(null=True, blank=True)
    estimated_age_years = models.PositiveSmallIntegerField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    gender_identity = models.CharField(max_length=100, blank=True)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, blank=True)
    first_language = models.CharField(max_length=60, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    religion = models.CharField(max_length=60, blank=True)
    disabilities = ArrayField(models.CharField(max_length=4), default=list, blank=True)
    date_of_death = models.DateField(null=True, blank=True)

    nhs_number = models.CharField("NHS number", max_length=10, blank=True, db_index=True)
    upn = models.CharField("UPN", max_length=13, blank=True, db_index=True)
    former_upn = models.CharField("Former UPN", max_length=13, blank=True, db_index=True)
    # CIN census UPNunknown: recorded by the assessment social worker when there is no UPN.
    upn_unknown = models.CharField(
        "Reason there is no UPN", max_length=3, choices=UpnUnknown.choices, blank=True
    )
    # Null until generated (never blank), so the unique constraint never sees two blanks.
    la_child_id = models.CharField(  # noqa: DJ001
        "LA child ID", max_length=20, unique=True, null=True
    )
    school = models.CharField("School or setting", max_length=200, blank=True)
    gp_practice = models.CharField("GP practice", max_length=200, blank=True)

    household = models.ForeignKey(
        "people.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        help_text="Where the person lives now (kept in step with the address history).",
    )
    restricted = models.BooleanField(default=False)
    restriction_reason = models.CharField(
        max_length=20, choices=RestrictionReason.choices, blank=True
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from"
    )
    version = models.PositiveIntegerField(default=1)
    # The create form's one-time key: a double submit or a retried request finds the record
    # already made instead of making a second one.
    creation_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(merged_into=models.F("id")), name="person_not_merged_into_self"
            )
        ]
        indexes = [
            # Restricted people are few: whose address a page must withhold is read from
            # them alone (people.restriction.withheld_households), not from every person.
            models.Index(
                fields=["household"],
                condition=models.Q(restricted=True),
                name="person_restricted_household",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        parts = [self.given_name, self.middle_names, self.family_name]
        name = " ".join(p for p in parts if p)
        return name or "Unnamed person"

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_delivery is not None

    @property
    def nhs_number_display(self) -> str:
        """NHS number grouped 3-3-4 as the NHS data standard displays it."""
        n = self.nhs_number
        return f"{n[:3]} {n[3:6]} {n[6:]}" if len(n) == 10 else n


class PersonName(models.Model):
    """An also-known-as or previous name, with the dates it was used when known."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(max_length=10, choices=NameKind.choices)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class PhoneNumber(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phone_numbers")
    number = models.CharField(max_length=30)
    label = models.CharField(max_length=40, blank=True, help_text="For example, mobile or work")

    def __str__(self) -> str:
        return self.number


class ExternalIdentifier(models.Model):
    """An identifier from another system or list (e.g. `import_people --source police`)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    source = models.CharField(max_length=60)
    value = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "value"], name="identifier_unique_in_source")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.value}"


class PersonStatus(models.Model):
    """Child protection plan, looked after, or child in need, with start and end dates."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="statuses")
    kind = models.CharField(max_length=3, choices=StatusKind.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return self.get_kind_display()


class RecordAccess(models.Model):
    """A named user on a restricted record's access list."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access_list")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "user"], name="record_access_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.person_id}"
