"""Search keys, duplicate review, merges and break-glass access."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models

from cads.people.models.person import Person


class PersonNameKey(models.Model):
    """One row per name a person is known by (main, also-known-as, previous), with the
    normalised and phonetic keys the candidate query uses. Rebuilt by
    `cads.people.matching.keys.name_keys_refresh` whenever a person's names, birth date or
    address change; date of birth and postcode are copied here so one indexed query finds
    candidates without joins."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys")
    is_main = models.BooleanField(default=True)
    given = models.CharField(max_length=100, blank=True)
    family = models.CharField(max_length=100, blank=True)
    given_root = models.CharField(max_length=100, blank=True)
    given_sound = models.CharField(max_length=20, blank=True)
    family_sound = models.CharField(max_length=20, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    postcode = models.CharField(max_length=8, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["date_of_birth"], name="namekey_dob"),
            models.Index(fields=["family_sound", "given_root"], name="namekey_sounds"),
            models.Index(fields=["given_root", "date_of_birth"], name="namekey_given_dob"),
            models.Index(fields=["family_sound", "date_of_birth"], name="namekey_family_dob"),
            models.Index(fields=["family_sound", "given_sound"], name="namekey_sound_pair"),
            # Names only, no date of birth: a given name with family names like the search's.
            models.Index(fields=["given_root", "family_sound"], name="namekey_root_family"),
            models.Index(fields=["postcode", "family_sound"], name="namekey_postcode"),
            GinIndex(fields=["family"], name="namekey_family_trgm", opclasses=["gin_trgm_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.given} {self.family}"


class DuplicateStatus(models.TextChoices):
    OPEN = "open", "To review"
    NOT_SAME = "not_same", "Not the same person"
    MERGED = "merged", "Merged"


class DuplicateCandidate(models.Model):
    """A pair of records the duplicate sweep thinks may be one person; `person_a` sorts
    before `person_b` so a pair is stored once."""

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    band = models.CharField(max_length=10)
    reasons = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=DuplicateStatus.choices, default=DuplicateStatus.OPEN
    )
    found_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_pair_once"),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="duplicate_pair_sorted"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id} / {self.person_b_id} ({self.band})"


class Merge(models.Model):
    """`merged` was folded into `kept`; `moved` lists every link moved so undo can move it
    back exactly (table, row id, field)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_merged")
    moved = models.JSONField(default=list)
    reason = models.TextField()
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undo_reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.merged_id} into {self.kept_id}"


class BreakGlassAccess(models.Model):
    """A user outside a restricted record's access list opened it, giving a reason. The
    team manager is alerted; the access log carries the same reason."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    reason = models.TextField()
    at = models.DateTimeField(auto_now_add=True)
    # Break-glass access lasts for the rest of the working session, not for ever.
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} opened {self.person_id}"
