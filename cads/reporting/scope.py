"""What a dashboard is about: a date range of received contacts, perhaps one team, and the
clocks in force. Every figure starts from `Scope.facts()` (or `Scope.contacts()`) so the
filters mean the same thing everywhere; the facts are derived from the operational records
and brought up to date before the first figure counts (cads.reporting.facts, ADR 0015)."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from cads.authority.selectors import office_hours
from cads.contacts.codes import ContactKind
from cads.contacts.models import Contact
from cads.contacts.workflow import Status
from cads.core.clocks import OfficeHours
from cads.deadlines.due import clock_configuration
from cads.deadlines.models import ClockConfiguration
from cads.reporting import facts
from cads.reporting import tallies as day_tallies
from cads.reporting.calendar import office_seconds_at
from cads.reporting.models import CheckFact, ContactFact, Team

# Contacts that reached the front door: drafts, discarded drafts and consultations are not.
SUBMITTED = (Status.SUBMITTED, Status.IN_SCREENING, Status.CLOSED)
OPEN = (Status.SUBMITTED, Status.IN_SCREENING)


@dataclass(frozen=True)
class Scope:
    start: datetime.date
    end: datetime.date
    team: Team | None = None
    now: datetime.datetime = field(default_factory=timezone.now)
    hours: OfficeHours = field(default_factory=office_hours)
    clocks: ClockConfiguration = field(default_factory=clock_configuration)
    # Counts two figures share (cads.reporting.first_decisions), worked out once.
    cache: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def decision_time(self) -> datetime.timedelta:
        """Working Together 2023: decide within one working day (configurable)."""
        return self.clocks.decision_working_days * self.hours.working_day

    @property
    def acknowledgement_time(self) -> datetime.timedelta:
        """Working Together 2023: acknowledge the referrer within one working day."""
        return day_tallies.acknowledgement_time(self.clocks, self.hours)

    @functools.cached_property
    def now_seconds(self) -> float:
        """Office seconds at `now` (cads.reporting.calendar), for "overdue"."""
        return office_seconds_at(self.now, self.hours)

    @functools.cached_property
    def team_members(self) -> list[int]:
        return list(self.team.members.values_list("pk", flat=True)) if self.team else []

    def _midnight(self, day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(), tzinfo=self.hours.tz)

    @property
    def received_between(self) -> tuple[datetime.datetime, datetime.datetime]:
        """From local midnight at the start to local midnight after the end (exclusive)."""
        return self._midnight(self.start), self._midnight(self.end + datetime.timedelta(days=1))

    def team_contacts(self, contacts: QuerySet[Contact]) -> QuerySet[Contact]:
        """A contact belongs to the team of the worker screening it (ADR 0015)."""
        if self.team is None:
            return contacts
        return contacts.filter(screening__worker_id__in=self.team_members)

    def contact_q(self, prefix: str = "") -> Q:
        """The same contacts as a condition on a related model (`prefix` "contact__"), so
        the database can join from the contacts in range instead of scanning the other table."""
        q = Q(
            **{
                f"{prefix}kind": ContactKind.CONTACT,
                f"{prefix}status__in": SUBMITTED,
                f"{prefix}received_at__gte": self.received_between[0],
                f"{prefix}received_at__lt": self.received_between[1],
            }
        )
        if self.team is not None:
            q &= Q(**{f"{prefix}screening__worker_id__in": self.team_members})
        return q

    def contacts(self) -> QuerySet[Contact]:
        """Submitted contacts received from the start date to the end date (local dates)."""
        return Contact.objects.filter(self.contact_q()).order_by()

    def _refresh(self) -> None:
        """Bring the facts and day tallies up to date, once per scope, so every change to a
        contact or its records already shows (ADR 0015)."""
        if "facts-refreshed" not in self.cache:
            facts.refresh(self.hours)
            self.cache["facts-refreshed"] = True

    def tallies(self) -> day_tallies.Tallies:
        """The day tallies of the range (and of the team), added up once."""
        if "tallies" not in self.cache:
            self._refresh()
            team = self.team.pk if self.team is not None else None
            self.cache["tallies"] = day_tallies.read(self.start, self.end, team)
        return self.cache["tallies"]

    def _fresh(self, found: QuerySet[Any]) -> QuerySet[Any]:
        """Facts received in the range (and of the team), refreshed first."""
        self._refresh()
        found = found.filter(
            received_at__gte=self.received_between[0],
            received_at__lt=self.received_between[1],
        )
        if self.team is not None:
            # The team's members as a list of ids, so the planner starts from the dates.
            found = found.filter(worker_id__in=self.team_members)
        return found.order_by()

    def facts(self) -> QuerySet[ContactFact]:
        """The facts of the same contacts as `contacts()`."""
        return self._fresh(ContactFact.objects.all())

    def check_facts(self) -> QuerySet[CheckFact]:
        """Their partner checks, cancelled ones left out."""
        return self._fresh(CheckFact.objects.all())

    def open_contacts(self) -> QuerySet[Contact]:
        """Every open contact now, whenever received (the live backlog ignores the dates)."""
        opened = Contact.objects.filter(kind=ContactKind.CONTACT, status__in=OPEN)
        return self.team_contacts(opened).order_by()
