"""Code lists for contacts, from the CIN census and local practice."""

from __future__ import annotations

from django.db import models


class ReferralSource(models.TextChoices):
    """The 22 CIN census referral source codes (also Annex A contact source)."""

    FAMILY = "1A", "Individual: family member, relative or carer"
    ACQUAINTANCE = "1B", "Individual: acquaintance (including neighbours and child minders)"
    SELF = "1C", "Individual: self"
    INDIVIDUAL_OTHER = "1D", "Individual: other (including strangers or MPs)"
    SCHOOLS = "2A", "Schools"
    EDUCATION = "2B", "Education services"
    GP = "3A", "Health: GP"
    HEALTH_VISITOR = "3B", "Health: health visitor"
    SCHOOL_NURSE = "3C", "Health: school nurse"
    PRIMARY_HEALTH = "3D", "Health: other primary health services"
    A_AND_E = "3E", "Health: A&E"
    HEALTH_OTHER = "3F", "Health: other (for example hospice)"
    HOUSING = "4", "Housing"
    LA_SOCIAL_CARE = "5A", "LA services: social care (for example adult social care)"
    LA_OTHER_INTERNAL = "5B", "LA services: other internal (for example youth offending)"
    LA_EXTERNAL = "5C", "LA services: external (for example another authority)"
    LA_EARLY_HELP = "5D", "LA services: early help"
    POLICE = "6", "Police"
    LEGAL = "7", "Other legal agency (courts, probation, immigration, CAFCASS, prison)"
    OTHER = "8", "Other (children's centres, voluntary organisations)"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Unknown"


# Sources that are members of the public: only they may stay anonymous (professionals
# cannot, per local safeguarding partnership procedures).
PUBLIC_SOURCES = frozenset(
    {
        ReferralSource.FAMILY,
        ReferralSource.ACQUAINTANCE,
        ReferralSource.SELF,
        ReferralSource.INDIVIDUAL_OTHER,
        ReferralSource.ANONYMOUS,
        ReferralSource.UNKNOWN,
    }
)


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    ONLINE = "online", "Online form"
    EMAIL = "email", "Email"
    POLICE_NOTIFICATION = "police", "Police notification"
    IN_PERSON = "in_person", "In person"
    OUT_OF_HOURS = "out_of_hours", "Out of hours"


class ContactKind(models.TextChoices):
    CONTACT = "contact", "Contact"
    CONSULTATION = "consultation", "Professional consultation"


class Consent(models.TextChoices):
    GIVEN = "given", "Consent given"
    REFUSED = "refused", "Consent refused"
    NOT_SOUGHT = "not_sought", "Consent not sought"


class ConsentNotSoughtReason(models.TextChoices):
    """Working Together 2023 and the information-sharing advice: when telling the family
    would put someone at risk or undermine an investigation."""

    RISK_OF_HARM = (
        "risk_of_harm",
        ("Risk of significant harm to the child or someone else, including the referrer"),
    )
    CRIMINAL_INVESTIGATION = "investigation", "Could undermine a criminal investigation"
    OTHER = "other", "Other reason"


class SubjectRole(models.TextChoices):
    CHILD = "child", "Child the concern is about"
    SIBLING = "sibling", "Sibling"
    PARENT_CARER = "parent_carer", "Parent or carer"
    HOUSEHOLD_MEMBER = "household_member", "Other household member"
    OTHER = "other", "Other significant person"


class ThresholdView(models.TextChoices):
    """The referrer's view of the level of need (the authority's default four levels)."""

    UNIVERSAL = "1", "Level 1: universal services"
    EARLY_HELP = "2", "Level 2: early help"
    TARGETED = "3", "Level 3: targeted early help or child in need"
    SPECIALIST = "4", "Level 4: specialist, child protection"
    NOT_SURE = "unsure", "Not sure"


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known"
