"""Code lists from the DfE Children in Need census (statutory-and-data-specs.md §2)."""

from __future__ import annotations

from django.db import models


class Sex(models.TextChoices):
    """CIN census `Sex` from 2024-25: M, F, or U (also for an unborn child, rule 8750)."""

    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known"


class UpnUnknown(models.TextChoices):
    """CIN census `UPNunknown` (N00135): why a child has no UPN (rule 8770Q asks for UN2-UN7
    for a school-age child; UN7 only when every episode is a referral with no further action,
    rule 8772)."""

    UN1 = "UN1", "UN1 Not of school age or not yet given a UPN"
    UN2 = "UN2", "UN2 Never attended a maintained school in England"
    UN3 = "UN3", "UN3 Educated outside England"
    UN4 = "UN4", "UN4 Newly referred and the UPN not yet known"
    UN5 = "UN5", "UN5 Sources that collect UPNs disagree, so it cannot be matched"
    UN6 = "UN6", "UN6 Child is an unaccompanied asylum-seeker"
    UN7 = "UN7", "UN7 Referral with no further action"


class Ethnicity(models.TextChoices):
    """The 20 CIN census ethnicity codes (rule 4220)."""

    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy/Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Caribbean"
    BAFR = "BAFR", "African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Disability(models.TextChoices):
    """The 13 CIN census disability codes; NONE cannot be combined with others (rule 8790)."""

    NONE = "NONE", "No disability"
    MOB = "MOB", "Mobility"
    HAND = "HAND", "Hand function"
    PC = "PC", "Personal care"
    INC = "INC", "Incontinence"
    COMM = "COMM", "Communication"
    LD = "LD", "Learning"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision"
    BEH = "BEH", "Behaviour"
    CON = "CON", "Consciousness"
    AUT = "AUT", "Autism"
    DDA = "DDA", "Other"


class RelationshipKind(models.TextChoices):
    """How one person relates to another, read "A is the <kind> of B"."""

    PARENT = "parent", "Parent or carer"
    STEP_PARENT = "step_parent", "Step-parent"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    HOUSEHOLD_MEMBER = "household_member", "Household member (non-family adult)"
    SIGNIFICANT = "significant", "Other significant person"


# Kinds that read the same both ways round ("A is the sibling of B" = "B is the sibling of A").
SYMMETRIC_KINDS = frozenset(
    {RelationshipKind.SIBLING, RelationshipKind.HALF_SIBLING, RelationshipKind.HOUSEHOLD_MEMBER}
)


class StatusKind(models.TextChoices):
    """The statuses CP-IS shares, shown on the child's page and in every list."""

    CHILD_PROTECTION = "cp", "Child protection plan"
    LOOKED_AFTER = "lac", "Looked after"
    CHILD_IN_NEED = "cin", "Child in need"


class NameKind(models.TextChoices):
    ALSO_KNOWN_AS = "aka", "Also known as"
    PREVIOUS = "previous", "Previous name"


class RestrictionReason(models.TextChoices):
    STAFF_RELATIVE = "staff_relative", "A staff member's relative"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse safety"
    HIGH_PROFILE = "high_profile", "High profile"
    OTHER = "other", "Other"
