"""A small week of front-door work with every time known, so each figure can be worked out
by hand (see the expected values in test_figures.py). Made straight in the tables: the
figures read the records, whatever service wrote them.

Week of Monday 2 November 2026 (GMT, office hours 09:00-17:00). "Now" is Monday 9 November
12:00, so every deadline below has passed."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from cads.accounts.models import Organisation, OrganisationKind, User
from cads.checks.models import CheckRequest
from cads.checks.workflow import Status as CheckStatus
from cads.contacts.codes import Channel, ReferralSource, SubjectRole
from cads.contacts.models import Contact, ContactSubject
from cads.contacts.workflow import Status
from cads.core.clocks import LONDON
from cads.decisions.models import Decision
from cads.decisions.workflow import DecisionStatus
from cads.letters.models import Letter, LetterKind, LetterStatus, LetterTemplate
from cads.people.models import Person
from cads.referrals.models import Referral
from cads.reporting.models import Team
from cads.screening.models import Screening

NOW = datetime.datetime(2026, 11, 9, 12, 0, tzinfo=LONDON)
START, END = datetime.date(2026, 11, 2), datetime.date(2026, 11, 6)
_numbers = itertools.count(1)


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=LONDON)


@dataclass
class Week:
    north: User
    south: User
    team: Team
    contacts: dict[str, Contact] = field(default_factory=dict)


def contact(
    received: datetime.datetime, *, status: str = Status.CLOSED, named: bool = True, **fields
) -> Contact:
    referrer = {"referrer_name": "Ms Dale", "referrer_email": "dale@school.example"}
    return Contact.objects.create(
        reference=f"C-2026-{next(_numbers):06d}",
        status=status,
        received_at=received,
        submitted_at=received,
        referrer_anonymous=not named,
        **(referrer if named else {}),
        **fields,
    )


def child(item: Contact, name: str, **fields) -> Person:
    person = Person.objects.create(given_name=name, family_name="Testcase", **fields)
    ContactSubject.objects.create(contact=item, person=person, role=SubjectRole.CHILD)
    return person


def screened(
    item: Contact, worker: User, rag: str, *, disagrees: bool | None = None,
    acknowledged: datetime.datetime | None = None,
) -> Screening:  # fmt: skip
    return Screening.objects.create(
        contact=item, worker=worker, rag=rag, disagrees_with_referrer=disagrees,
        referrer_acknowledged_at=acknowledged,
    )  # fmt: skip


def decide(
    item: Contact, worker: User, when: datetime.datetime, due: datetime.datetime, *outcomes: str,
    status: str = DecisionStatus.AGREED,
) -> Decision:  # fmt: skip
    return Decision.objects.create(
        contact=item, outcomes=list(outcomes), reasons="Known", status=status,
        decided_by=worker, decided_at=when, due_at=due,
    )  # fmt: skip


def check(item: Contact, agency: Organisation, worker: User, asked, done=None) -> None:
    request = CheckRequest.objects.create(
        contact=item, organisation=agency, question="Known?", shared_information="Names",
        requested_by=worker, due_at=asked + datetime.timedelta(days=1),
        status=CheckStatus.COMPLETED if done else CheckStatus.REQUESTED, completed_at=done,
    )  # fmt: skip
    CheckRequest.objects.filter(pk=request.pk).update(requested_at=asked)


def letter(item: Contact, kind: str, due: datetime.datetime, sent: datetime.datetime) -> None:
    template = LetterTemplate.objects.filter(kind=kind).first() or LetterTemplate.objects.create(
        kind=kind, version=1, title="Letter", body="Letter"
    )
    Letter.objects.create(
        contact=item, template=template, kind=kind, recipient_name="Ms Dale",
        recipient_email="dale@school.example", text="Letter", pdf=b"%PDF", sha256="0" * 64,
        status=LetterStatus.SENT, idempotency_key=f"{kind}:{item.pk}", sent_at=sent,
        due_at=due,
    )  # fmt: skip


def build_week(make_user) -> Week:
    north = make_user("CADS social worker", username="north-worker")
    south = make_user("CADS social worker", username="south-worker")
    team = Team.objects.create(name="CADS North")
    team.members.add(north)
    Team.objects.create(name="CADS South").members.add(south)
    week = Week(north=north, south=south, team=team)
    police = Organisation.objects.get_or_create(
        name="Wessex Police", defaults={"kind": OrganisationKind.POLICE}
    )[0]
    health = Organisation.objects.create(name="Wessex Health", kind=OrganisationKind.HEALTH)
    schools, police_source = ReferralSource.SCHOOLS, ReferralSource.POLICE

    # C1: Monday 10:00 by phone from a school, amber, decided on time (NFA) and told.
    c1 = contact(at(2, 10), channel=Channel.PHONE, referral_source=schools,
                 referrer_threshold_view="3")  # fmt: skip
    screened(c1, north, "amber", disagrees=False, acknowledged=at(2, 11))
    decide(c1, north, at(2, 15), at(3, 10), "nfa")
    # A school hears the outcome by 15:00 the same school day: this letter went next morning.
    letter(c1, LetterKind.OUTCOME, at(2, 15), at(3, 9))
    check(c1, police, north, at(2, 10), at(2, 12))  # 2 hours
    check(c1, health, north, at(2, 10), at(2, 11))  # 1 hour

    # C2: Monday 16:00 from the police, red (4 hours: 20:00), decided Tuesday 09:30 for an
    # assessment: two children, one of them referred in the last 12 months.
    c2 = contact(at(2, 16), channel=Channel.PHONE, referral_source=police_source,
                 referrer_threshold_view="4")  # fmt: skip
    screened(c2, north, "red", disagrees=True)
    d2 = decide(c2, north, at(3, 9, 30), at(3, 16), "assessment")
    earlier = contact(at(1, 10, month=6), referral_source=schools)
    ann, ben = child(c2, "Ann"), child(c2, "Ben")
    old = decide(earlier, north, at(1, 11, month=6), at(2, 10, month=6), "assessment")
    previous = _referral(earlier, old, ann, None)
    _referral(c2, d2, ann, previous)
    _referral(c2, d2, ben, None)
    check(c2, police, north, at(2, 16), at(3, 16))  # 24 hours

    # C3: Tuesday 09:00 online, anonymous, green; the first decision was returned, the new
    # one (Early Help) came on Thursday: late for the decision, in time for green.
    c3 = contact(at(3, 9), channel=Channel.ONLINE, referral_source=schools, named=False)
    screened(c3, south, "green")
    decide(c3, south, at(3, 10), at(3, 17), "nfa", status=DecisionStatus.RETURNED)
    decide(c3, south, at(5, 10), at(3, 17), "early_help")
    check(c3, police, south, at(3, 9), at(3, 13))  # 4 hours

    # C4: Wednesday 12:00 by email, amber, still open: no decision; acknowledged late.
    c4 = contact(at(4, 12), status=Status.IN_SCREENING, channel=Channel.EMAIL,
                 referral_source=schools, referrer_threshold_view="3")  # fmt: skip
    screened(c4, south, "amber", disagrees=False, acknowledged=at(5, 13))
    check(c4, police, south, at(4, 12))  # not answered yet

    # Outside the dates: an old open red contact, one received at the weekend, a draft.
    c0 = contact(at(20, 10, month=10), status=Status.IN_SCREENING, rag="red")
    c5 = contact(at(7, 10), status=Status.SUBMITTED)
    contact(at(3, 11), status=Status.DRAFT)
    week.contacts = {"c0": c0, "c1": c1, "c2": c2, "c3": c3, "c4": c4, "c5": c5}
    return week


def _referral(item: Contact, decision: Decision, person: Person, previous) -> Referral:
    return Referral.objects.create(
        contact=item, decision=decision, child=person,
        referral_date=item.received_at.date(), assessment_due=item.received_at.date(),
        previous_referral=previous,
    )  # fmt: skip
