"""Person records: people, names, identifiers, addresses, relationships, statuses,
restricted records and the matching tables."""

from cads.people.models.codes import (
    Disability,
    Ethnicity,
    NameKind,
    RelationshipKind,
    RestrictionReason,
    Sex,
    StatusKind,
    UpnUnknown,
)
from cads.people.models.household import AddressPeriod, Household, Relationship
from cads.people.models.matching import (
    BreakGlassAccess,
    DuplicateCandidate,
    DuplicateStatus,
    Merge,
    PersonNameKey,
)
from cads.people.models.person import (
    ExternalIdentifier,
    Person,
    PersonName,
    PersonStatus,
    PhoneNumber,
    RecordAccess,
)

__all__ = [
    "AddressPeriod",
    "BreakGlassAccess",
    "Disability",
    "DuplicateCandidate",
    "DuplicateStatus",
    "Ethnicity",
    "ExternalIdentifier",
    "Household",
    "Merge",
    "NameKind",
    "Person",
    "PersonName",
    "PersonNameKey",
    "PersonStatus",
    "PhoneNumber",
    "RecordAccess",
    "Relationship",
    "RelationshipKind",
    "RestrictionReason",
    "Sex",
    "StatusKind",
    "UpnUnknown",
]
