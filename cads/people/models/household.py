"""Addresses, who lives where, and family relationships."""

from __future__ import annotations

import uuid

from django.db import models

from cads.people.models.codes import RelationshipKind
from cads.people.models.person import Person


class Household(models.Model):
    """An address where people live. People whose current address is this one are the
    household ("who lives here now"). Postcodes are BS 7666 (upper case, one space)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    address = models.TextField()
    postcode = models.CharField(max_length=8, blank=True, db_index=True)
    uprn = models.BigIntegerField("UPRN", null=True, blank=True, db_index=True)
    no_fixed_abode = models.BooleanField(default=False)

    def __str__(self) -> str:
        if self.no_fixed_abode:
            return "No fixed abode"
        first_line = self.address.splitlines()[0] if self.address else "Household"
        return f"{first_line}, {self.postcode}".strip(", ")


class AddressPeriod(models.Model):
    """A person lived at an address from one date to another (to is empty while current)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="periods")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.person_id} at {self.household}"


class Relationship(models.Model):
    """`from_person` is the <kind> of `to_person` (e.g. mother is the parent of the child)."""

    from_person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relationships_from"
    )
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_to")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    # Children Act 1989 s.3: only meaningful for parents, carers and step-parents.
    parental_responsibility = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["from_person", "to_person", "kind"], name="relationship_once"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_person=models.F("to_person")),
                name="relationship_not_to_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_person_id} {self.kind} of {self.to_person_id}"
