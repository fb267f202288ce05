"""Data quality: records that would fail a statutory return (CIN census, Ofsted Annex A) or
an inspection, each with a link to the record to fix. Definitions are in docs/reporting.md.

Children are people named as the child on a submitted contact. An "unmatched" NHS number
(ADR 0015) is a child with no NHS number at all (never matched to an NHS record), or an NHS
number held by more than one person record that has not been merged (the match is unsure)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Final

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, F, Model, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from cads.accounts.models import User
from cads.accounts.roles import VIEW_DASHBOARD
from cads.audit.services import access_log_record_many
from cads.contacts.codes import ContactKind, SubjectRole
from cads.contacts.models import Contact, ContactSubject
from cads.contacts.models_named import NamedPerson, Resolution
from cads.decisions.models import Decision
from cads.decisions.workflow import DecisionStatus
from cads.people.identifiers import normalise_nhs_number, normalise_upn
from cads.people.models import Person
from cads.people.restriction import RESTRICTED, people_shown
from cads.referrals.codes import PrimaryNeed
from cads.referrals.models import Referral
from cads.reporting.calendar import office_seconds
from cads.reporting.scope import SUBMITTED, Scope

WITHHELD = "Not shown: a restricted record"


@dataclass(frozen=True)
class Problem:
    record: str
    detail: str
    url: str
    # The record the row names, for the access log (a name in a list is a view, ADR 0010),
    # and shown as the viewer may see it (`as_seen`); `suffix` follows the name.
    subject: Model | None = field(default=None, compare=False)
    suffix: str = ""


def as_seen(problems: Iterable[Problem], *, viewer: User) -> Iterator[Problem]:
    """The problems with each person through the one restriction check: a restricted
    child the viewer may not open is "A restricted record", the detail (it may carry an
    NHS number) and link withheld, and nothing for the access log (they saw no one)."""
    for problem in problems:
        person = problem.subject
        if (
            not isinstance(person, Person)
            or people_shown(request=None, viewer=viewer, people=[person])[person.pk].visible
        ):
            yield problem
        else:
            masked = RESTRICTED + problem.suffix
            yield replace(problem, record=masked, detail=WITHHELD, url="", subject=None)


@dataclass(frozen=True)
class Check:
    slug: str
    title: str
    definition: str
    find: Callable[[], Iterable[Problem]]


def children() -> QuerySet[Person]:
    """People named as the child on a submitted contact (merged records left out)."""
    named = ContactSubject.objects.filter(
        person=OuterRef("pk"),
        role=SubjectRole.CHILD,
        contact__kind=ContactKind.CONTACT,
        contact__status__in=SUBMITTED,
    )
    return Person.objects.filter(Exists(named), merged_into__isnull=True).order_by(
        "family_name", "given_name", "pk"
    )


def _person(person: Person, detail: str) -> Problem:
    url = reverse("people:person-detail", args=[person.pk])
    return Problem(person.full_name, detail, url, subject=person)


def missing_ethnicity() -> Iterable[Problem]:
    for person in children().filter(ethnicity="").iterator():
        yield _person(person, "No ethnicity recorded")


def missing_sex() -> Iterable[Problem]:
    # CIN census rule 8750: U is right for an unborn child, so only born children count.
    born = children().filter(sex="U").exclude(date_of_birth__isnull=True)
    for person in born.iterator():
        yield _person(person, "Sex not known")


def invalid_identifiers() -> Iterable[Problem]:
    """NHS numbers and UPNs that fail the checks in cads.people.identifiers."""
    recorded = children().exclude(nhs_number="", upn="", former_upn="")
    for person in recorded.only(*_NAME_FIELDS, "nhs_number", "upn", "former_upn").iterator():
        for label, value, check in (
            ("NHS number", person.nhs_number, normalise_nhs_number),
            ("UPN", person.upn, normalise_upn),
            ("Former UPN", person.former_upn, normalise_upn),
        ):
            if not value:
                continue
            try:
                check(value)
            except ValidationError as error:
                yield _person(person, f"{label} {value}: {' '.join(error.messages)}")


_NAME_FIELDS = ("given_name", "middle_names", "family_name")


def missing_nhs_number() -> Iterable[Problem]:
    unmatched = children().filter(nhs_number="").exclude(date_of_birth__isnull=True)
    for person in unmatched.iterator():
        yield _person(person, "No NHS number: not matched to an NHS record")


def shared_nhs_numbers() -> Iterable[Problem]:
    shared = (
        Person.objects.filter(merged_into__isnull=True)
        .exclude(nhs_number="")
        .values("nhs_number")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values("nhs_number")
    )
    people = Person.objects.filter(merged_into__isnull=True, nhs_number__in=shared)
    for person in people.order_by("nhs_number", "family_name", "pk").iterator():
        yield _person(person, f"NHS number {person.nhs_number} is on another person record too")


def _referral(referral: Referral, detail: str) -> Problem:
    url = reverse("referrals:referral-detail", args=[referral.pk])
    suffix = f" ({referral.contact.reference})"
    return Problem(referral.child.full_name + suffix, detail, url, referral.child, suffix)


def _referrals() -> QuerySet[Referral]:
    return Referral.objects.select_related("child", "contact").order_by("referral_date", "pk")


def referrals_without_primary_need() -> Iterable[Problem]:
    for referral in _referrals().filter(primary_need__in=[PrimaryNeed.N0, ""]).iterator():
        yield _referral(referral, "Primary need not stated (N0)")


def overdue_assessments_without_reason() -> Iterable[Problem]:
    today = timezone.localdate()
    late = Q(assessment_completed_on__isnull=True, assessment_due__lt=today) | Q(
        assessment_completed_on__gt=F("assessment_due")
    )
    for referral in _referrals().filter(late, overrun_reason="").iterator():
        yield _referral(referral, f"Assessment was due {referral.assessment_due:%-d %b %Y}")


def contacts_without_outcome() -> Iterable[Problem]:
    """Submitted contacts past their decision deadline with no decision in force."""
    scope = Scope(start=timezone.localdate(), end=timezone.localdate())
    decided = Decision.objects.filter(contact=OuterRef("pk")).exclude(
        status=DecisionStatus.RETURNED
    )
    overdue = scope.now_seconds - scope.decision_time.total_seconds()
    contacts = (
        Contact.objects.filter(kind=ContactKind.CONTACT, status__in=SUBMITTED)
        .filter(~Exists(decided))
        # Added to an open contact as an update: its outcome is that contact's (ADR 0021).
        .filter(added_as_update__isnull=True)
        .annotate(start_s=office_seconds("received_at", scope.hours))
        .filter(start_s__lt=overdue)
        .order_by("received_at", "pk")
    )
    for contact in contacts.iterator():
        url = reverse("screening:screen", args=[contact.pk])
        detail = f"No decision, received {contact.received_at:%-d %b %Y}"
        yield Problem(str(contact.reference), detail, url, subject=contact)


def contacts_with_unidentified_people() -> Iterable[Problem]:
    """Submitted contacts (open or closed) naming someone nobody has identified or recorded
    as unidentifiable (ADR 0021): a child left out of referrals and the returns."""
    outstanding = NamedPerson.objects.filter(contact=OuterRef("pk"), resolution=Resolution.NOT_YET)
    contacts = (
        Contact.objects.filter(kind=ContactKind.CONTACT, status__in=SUBMITTED)
        .filter(Exists(outstanding))
        .prefetch_related("named_people")
        .order_by("received_at", "pk")
    )
    for contact in contacts.iterator(chunk_size=500):
        names = [n.full_name for n in contact.named_people.all() if n.is_outstanding]
        url = reverse("screening:screen", args=[contact.pk])
        yield Problem(str(contact.reference), f"Named, not yet identified: {', '.join(names)}", url)


CHECKS: Final = (
    Check(
        "missing-ethnicity",
        "Children with no ethnicity",
        "Children on submitted contacts with no ethnicity recorded (CIN census rule 4220 needs "
        "one of the 20 codes; Refused and Information not yet obtained are valid codes).",
        missing_ethnicity,
    ),
    Check(
        "missing-sex",
        "Children whose sex is not known",
        "Born children on submitted contacts recorded as sex not known (U is only right for "
        "an unborn child, CIN census rule 8750).",
        missing_sex,
    ),
    Check(
        "invalid-identifiers",
        "Invalid identifiers",
        "Children on submitted contacts whose NHS number fails the Modulus 11 check or whose "
        "UPN or former UPN fails the DfE check letter or shape rules (cads.people.identifiers).",
        invalid_identifiers,
    ),
    Check(
        "missing-nhs-number",
        "Children not matched to an NHS number",
        "Born children on submitted contacts with no NHS number recorded.",
        missing_nhs_number,
    ),
    Check(
        "shared-nhs-number",
        "NHS numbers on more than one person record",
        "Person records, not merged, that share an NHS number with another record: one of "
        "them is a duplicate or holds the wrong number.",
        shared_nhs_numbers,
    ),
    Check(
        "referrals-without-primary-need",
        "Referrals without a primary need",
        "Referrals whose primary need is N0, not stated (the CIN census needs N1 to N9).",
        referrals_without_primary_need,
    ),
    Check(
        "overdue-assessments-without-reason",
        "Overdue assessments without a reason",
        "Referrals whose Child and Family Assessment is past its 45-working-day date (still "
        "open, or completed late) with no reason recorded for the delay.",
        overdue_assessments_without_reason,
    ),
    Check(
        "contacts-without-outcome",
        "Contacts with no outcome",
        "Submitted contacts past their decision deadline with no decision (a decision returned "
        "by a manager does not count); Annex A list 1 needs each contact's outcome.",
        contacts_without_outcome,
    ),
    Check(
        "unidentified-people",
        "Contacts with people not yet identified",
        "Submitted contacts, open or closed, naming a person (child, parent or carer) who has "
        "not been linked to a person record nor recorded as one who cannot be identified. A "
        "named child who is never identified gets no referral and is missing from the CIN "
        "census and Annex A.",
        contacts_with_unidentified_people,
    ),
)
CHECKS_BY_SLUG: Final = {check.slug: check for check in CHECKS}


def data_quality_checks(*, user: User) -> tuple[Check, ...]:
    """Every data quality check, for holders of the dashboard permission only."""
    if not user.has_perm(VIEW_DASHBOARD):
        raise PermissionDenied
    return CHECKS


def records_shown(*, request: HttpRequest, problems: Iterable[Problem]) -> None:
    """Log each record a data quality page or CSV names (one batch)."""
    subjects = [p.subject for p in problems if p.subject is not None]
    access_log_record_many(request=request, subjects=subjects)
