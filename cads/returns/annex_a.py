"""Ofsted ILACS Annex A lists 1 to 3 (contacts, early help, referrals) for the six months
before the date of inspection (lists 4 and 5 are in annex_a_enquiries.py), written row by
row to a write-only workbook so memory stays flat (openpyxl writes each sheet to a
temporary file as it goes)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Count, DateField, F, Func, IntegerField, OuterRef, Q, Subquery
from django.utils import timezone
from openpyxl import Workbook

from cads.contacts.codes import ContactKind, SubjectRole
from cads.contacts.models import ContactSubject
from cads.contacts.workflow import Status
from cads.core.spreadsheet import formula_safe
from cads.decisions.models import EarlyHelpRequest
from cads.referrals.models import Referral
from cads.returns import annex_a_codes as codes

CHUNK_SIZE = 2000
# Ofsted: lists 1 to 3 cover "the six months before the date of inspection".
WINDOW = relativedelta(months=6)
RECEIVED = (Status.SUBMITTED, Status.IN_SCREENING, Status.CLOSED)
CHILD = "person__"


@dataclass(frozen=True)
class Window:
    """From six months before the date of inspection to the date itself, both included."""

    as_of: datetime.date

    @property
    def start(self) -> datetime.date:
        return self.as_of - WINDOW

    def moments(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Local midnight at the start, and at the day after the end."""
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(
            self.as_of + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        return start, end


def day(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _age(born: datetime.date | None, on: datetime.date) -> int | str:
    if born is None or born > on:
        return ""  # unborn or not known: Ofsted allows the age to be blank
    return relativedelta(on, born).years


def gender(sex: str, identity: str) -> str:
    """Ofsted's gender: "d) Neither" for a gender identity recorded as neither male nor
    female; otherwise from the recorded sex."""
    if identity.strip() and identity.strip().lower() not in codes.MALE_OR_FEMALE:
        return codes.NEITHER
    return codes.GENDER.get(sex, codes.GENDER["U"])


def disabled(disabilities: list[str] | None) -> str:
    """ "Does the Child have a Disability": yes, no (CIN code NONE) or unknown (none recorded)."""
    if not disabilities:
        return codes.UNKNOWN
    return codes.NO if list(disabilities) == ["NONE"] else codes.YES


def team_and_worker(row: dict[str, Any]) -> list[str]:
    """As allocated now; "Unallocated" while not (Ofsted asks for both, never blank)."""
    worker = " ".join(p for p in (row["worker_first"], row["worker_last"]) if p)
    return [row["team_name"] or codes.UNALLOCATED, worker or codes.UNALLOCATED]


ALLOCATION = {
    "team_name": F("team__name"),
    "worker_first": F("social_worker__first_name"),
    "worker_last": F("social_worker__last_name"),
}


def common(row: dict[str, Any], prefix: str, on: datetime.date) -> list[Any]:
    born = row[f"{prefix}date_of_birth"]
    return [
        row[f"{prefix}la_child_id"] or "",
        gender(row[f"{prefix}sex"], row[f"{prefix}gender_identity"]),
        codes.ETHNICITY.get(row[f"{prefix}ethnicity"], codes.ETHNICITY_NOT_RECORDED),
        day(born),
        _age(born, on),
    ]


def person_fields(prefix: str) -> list[str]:
    fields = ("la_child_id", "sex", "gender_identity", "ethnicity", "date_of_birth")
    return [f"{prefix}{f}" for f in fields]


def list_1_rows(window: Window) -> Iterator[list[Any]]:
    """One row per child per contact received in the window (Ofsted: "where a contact refers
    to multiple children, include an entry for each child")."""
    start, end = window.moments()
    subjects = (
        ContactSubject.objects.filter(
            role=SubjectRole.CHILD,
            contact__kind=ContactKind.CONTACT,
            contact__status__in=RECEIVED,
            contact__received_at__gte=start,
            contact__received_at__lt=end,
        )
        .order_by("contact__received_at", "contact_id", "person__la_child_id", "person_id")
        .values(*person_fields(CHILD), "contact__received_at", "contact__referral_source")
    )
    for row in subjects.iterator(chunk_size=CHUNK_SIZE):
        received = timezone.localdate(row["contact__received_at"])
        source = codes.SOURCE.get(row["contact__referral_source"], codes.SOURCE_NOT_RECORDED)
        yield [*common(row, CHILD, received), day(received), source]


def _children_of(contact_ids: list[Any]) -> dict[Any, list[dict[str, Any]]]:
    found: dict[Any, list[dict[str, Any]]] = {}
    subjects = (
        ContactSubject.objects.filter(contact_id__in=contact_ids, role=SubjectRole.CHILD)
        .order_by("person__la_child_id", "person_id")
        .values("contact_id", *person_fields(CHILD))
    )
    for row in subjects:
        found.setdefault(row["contact_id"], []).append(row)
    return found


def list_2_rows(window: Window, organisation: str) -> Iterator[list[Any]]:
    """One row per child on a contact stepped down to Early Help in the window. The Early
    Help assessment starts when a pathway advisor takes the request on; until then, on the
    day of the step-down, when the front door asked for it (Ofsted counts "current early help
    interventions" too, and the start date may not be blank). The completion date is the one
    an advisor records from the Early Help service's own system (ADR 0028); blank while the
    assessment is open."""
    start, end = window.moments()
    requests = (
        EarlyHelpRequest.objects.filter(created_at__gte=start, created_at__lt=end)
        .order_by("created_at", "pk")
        .values("contact_id", "accepted_at", "created_at", "assessment_completed_on")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    while chunk := list(islice(requests, CHUNK_SIZE)):
        children = _children_of([r["contact_id"] for r in chunk])
        for request in chunk:
            accepted = request["accepted_at"] and timezone.localdate(request["accepted_at"])
            on = accepted or timezone.localdate(request["created_at"])
            for child in children.get(request["contact_id"], []):
                completed = day(request["assessment_completed_on"])
                yield [*common(child, CHILD, on), day(on), completed, organisation]


class TwelveMonthsBefore(Func):
    template = "(%(expressions)s - interval '12 months')::date"
    output_field = DateField()


def referrals_in_last_12_months() -> Subquery:
    """The child's other referrals in the 12 months before this one (the DfE re-referral
    window), not counting this one: Annex A "Number of Referrals in Last 12 Months"."""
    earlier = Q(referral_date__lt=OuterRef("referral_date")) | Q(
        referral_date=OuterRef("referral_date"), created_at__lt=OuterRef("created_at")
    )
    others = (
        Referral.objects.filter(child_id=OuterRef("child_id"))
        .filter(earlier, referral_date__gte=TwelveMonthsBefore(OuterRef("referral_date")))
        .order_by()
        .values("child_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(others, output_field=IntegerField())


def list_3_rows(window: Window) -> Iterator[list[Any]]:
    """One row per referral in the window; a child appears once for each referral."""
    referrals = (
        Referral.objects.filter(referral_date__gte=window.start, referral_date__lte=window.as_of)
        .annotate(previous=referrals_in_last_12_months())
        .order_by("referral_date", "created_at")
        .values(
            *person_fields("child__"),
            "referral_date",
            "referral_source",
            "previous",
            "referral_nfa",
            **ALLOCATION,
        )
    )
    for row in referrals.iterator(chunk_size=CHUNK_SIZE):
        yield [
            *common(row, "child__", row["referral_date"]),
            day(row["referral_date"]),
            codes.SOURCE.get(row["referral_source"], codes.SOURCE_NOT_RECORDED),
            # "No further action on the referral", as the social worker recorded it (the
            # CIN census ReferralNFA); an assessment ending in NFA is not (RC8).
            codes.YES if row["referral_nfa"] else codes.NO,
            row["previous"] or 0,
            *team_and_worker(row),
        ]


def write_workbook(path: Path, lists: Iterable[Iterable[list[Any]]]) -> int:
    """Write the lists (headings first) to `path`; the number of data rows."""
    workbook = Workbook(write_only=True)
    count = 0
    for (title, headings), rows in zip(codes.SHEETS, lists, strict=True):
        sheet = workbook.create_sheet(title)
        sheet.append(list(headings))
        for row in rows:
            # Names and ids are typed by people (the authority, teams, workers, children's
            # ids): none may reach an inspector's spreadsheet as a formula (OWASP).
            sheet.append([formula_safe(value) for value in row])
            count += 1
    workbook.save(path)
    return count
