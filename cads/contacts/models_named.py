"""People named on a contact before anyone has identified them, and updates to an open
contact.

A person named on a contact (by an online referrer, or by a call handler who could not
search then) is kept as they were described until the screener resolves them: linked to a
person record found or created through search before create, or recorded as one who cannot
be identified, with a reason. A child must never drop out of the record because their name
arrived as text (ADR 0021).

A contact update is new information about the children of an open contact, added to that
contact instead of starting a second one, with its own received time and referrer, so
nothing said is lost and the open contact's clock is not restarted."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from cads.contacts.codes import SubjectRole


class Resolution(models.TextChoices):
    NOT_YET = "", "Named, not yet identified"
    LINKED = "linked", "Identified"
    CANNOT_IDENTIFY = "cannot_identify", "Cannot be identified"


class NamedPerson(models.Model):
    """One person as the contact named them, and how the screener resolved them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, related_name="named_people"
    )
    role = models.CharField(max_length=20, choices=SubjectRole.choices)
    position = models.PositiveSmallIntegerField(default=0)  # the order the referrer gave
    # The details as given: any of them may be unknown.
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    relationship = models.CharField(max_length=100, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    school = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    resolution = models.CharField(
        max_length=16, choices=Resolution.choices, blank=True, default=Resolution.NOT_YET
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="named_on_contacts",
    )
    reason = models.TextField("Why they cannot be identified", blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "created_at"]
        constraints = [
            # Linked means a person; cannot be identified means a reason; neither means
            # still outstanding. The database keeps the three states apart.
            models.CheckConstraint(
                condition=(
                    Q(resolution="", person__isnull=True, resolved_at__isnull=True)
                    | Q(resolution="linked", person__isnull=False, resolved_at__isnull=False)
                    | (
                        Q(resolution="cannot_identify", person__isnull=True)
                        & ~Q(reason="")
                        & Q(resolved_at__isnull=False)
                    )
                ),
                name="named_person_resolution_consistent",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip() or "Name not given"

    @property
    def is_outstanding(self) -> bool:
        return self.resolution == Resolution.NOT_YET

    @property
    def is_child(self) -> bool:
        return self.role == SubjectRole.CHILD

    def given_details(self) -> list[tuple[str, str]]:
        """The details as the contact gave them, in words, leaving out what was not given."""
        born = self.date_of_birth.strftime("%-d %B %Y") if self.date_of_birth else ""
        details = [
            ("Date of birth", born or "not given"),
            ("Relationship", self.relationship),
            ("Address", ", ".join(p for p in (self.address, self.postcode) if p)),
            ("School", self.school),
            ("Phone", self.phone),
        ]
        return [(label, value) for label, value in details if value]


class ContactUpdate(models.Model):
    """New information added to an open contact, in place of a second contact."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, related_name="updates"
    )
    # The contact it came from: a draft discarded at intake, or a submitted contact closed
    # at screening, each with the reason "added to <reference> as an update".
    from_contact = models.OneToOneField(
        "contacts.Contact",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="added_as_update",
    )
    received_at = models.DateTimeField()
    referrer = models.CharField(max_length=400, blank=True)
    text = models.TextField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at"]

    def __str__(self) -> str:
        return f"Update received {self.received_at:%d %b %Y %H:%M}"


class WarningKind(models.TextChoices):
    OPEN_CONTACT = "open_contact", "An open contact for the same children"
    REPEAT = "repeat", "A repeat from the same referrer"


class ContactGoOn(models.Model):
    """The worker was warned of an open contact, or of a repeat from the same referrer,
    and went on with a new contact anyway: what they were shown and why they went on."""

    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, related_name="went_on"
    )
    warning = models.CharField(max_length=16, choices=WarningKind.choices)
    # The other contacts shown, by reference (or "restricted" where the worker could not see it).
    shown = models.JSONField(default=list)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.get_warning_display()}: {self.reason}"
