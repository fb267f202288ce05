"""A census year made through the services, as the front door and the assessment team would
make it: contacts submitted, decisions recorded, referrals allocated, and the social worker's
records of each episode (ADR 0028). The 2025-26 collection year (1 April 2025 to 31 March
2026) with more than 50 children on every path the CIN census and Annex A know: assessments on
time and late, referrals with no further action, section 47 enquiries with and without a
conference, re-referrals, unborn, disabled and 17-year-old children, every closure reason,
an episode open on 1 April and assessments still open on 31 March.

`Scenario.expected` records, per LA child ID, what each child's record should put on the
Annex A lists, so the tests can check the lists child by child."""

from __future__ import annotations

import datetime
import itertools
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from cads.accounts.models import User
from cads.authority.models import AuthorityConfiguration
from cads.contacts.codes import Consent, SubjectRole
from cads.contacts.services import (
    contact_immediate_risk_record,
    contact_section_save,
    contact_start,
    contact_subject_add,
    contact_submit,
)
from cads.core.clocks import add_working_days_to_date, is_working_day
from cads.decisions.codes import Outcome
from cads.decisions.services import decision_record
from cads.people.identifiers import upn_check_letter
from cads.people.models import Person
from cads.people.services import person_create
from cads.referrals.codes import Section47Outcome
from cads.referrals.models import AssessmentTeam, Referral
from cads.referrals.services import referral_allocate
from cads.referrals.services_episode import (
    AssessmentOutcome,
    Section47,
    referral_assessment_complete,
    referral_assessment_start,
    referral_close,
    referral_no_further_action,
    referral_section_47_record,
    referral_upn_unknown_record,
)

D = datetime.date
LONDON = ZoneInfo("Europe/London")
YEAR = 2026  # the collection year ending 31 March 2026
LA_CODE = "926"
ETHNICITIES = ("WBRI", "WIRI", "WOTH", "MWBC", "MWAS", "AIND", "APKN", "BAFR", "BCRB", "CHNE",
               "OOTH", "WROM", "ABAN", "AOTH", "MOTH")  # fmt: skip
# Eight or more codes across the return, some children with several (DfE 2887Q, 2888Q).
DISABILITIES = (("MOB", "HAND"), ("LD",), ("AUT", "COMM"), ("HEAR",), ("VIS", "PC"), ("BEH",),
                ("CON", "INC"), ("DDA",))  # fmt: skip


def working_day_on_or_after(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


@dataclass
class Expected:
    """What one child's record should put on the Annex A lists (dates of each row)."""

    referrals: list[datetime.date] = field(default_factory=list)
    nfa: list[bool] = field(default_factory=list)
    assessments: list[tuple[datetime.date, datetime.date | None]] = field(default_factory=list)
    # (strategy discussion, conference date or None, conference not required)
    section_47s: list[tuple[datetime.date, datetime.date | None, bool]] = field(
        default_factory=list
    )


class Scenario:
    """Builds the year. Each method is one step a person takes, through its service."""

    def __init__(self, front_door: User, manager: User, assessor: User) -> None:
        self.front_door, self.manager, self.assessor = front_door, manager, assessor
        self.team = AssessmentTeam.objects.get_or_create(name="Assessment team North")[0]
        self.serials = itertools.count(1)
        self.expected: dict[str, Expected] = defaultdict(Expected)
        self.paths: dict[str, set[str]] = defaultdict(set)  # path -> LA child IDs

    # --- The people ---------------------------------------------------------------------

    def child(self, path: str, *, born: datetime.date | None, upn: bool = True,
              **details: Any) -> Person:  # fmt: skip
        n = next(self.serials)
        values: dict[str, Any] = {
            "given_name": f"Child{n}",
            "family_name": "Census",
            "sex": "F" if n % 2 else "M",
            "ethnicity": ETHNICITIES[n % len(ETHNICITIES)],
            "disabilities": ["NONE"],
            "date_of_birth": born,
        }
        if upn and born is not None:
            rest = f"{LA_CODE}20{n:06d}1"
            values["upn"] = upn_check_letter(rest) + rest
        values.update(details)
        person = person_create(actor=self.front_door, **values)
        self.paths[path].add(person.la_child_id or "")
        return person

    # --- The front door -----------------------------------------------------------------

    def refer(self, person: Person, on: datetime.date, *, s47: bool = False) -> Referral:
        """A contact received on `on` about the child, decided that day: a Child and Family
        Assessment, with a strategy discussion when `s47`."""
        received = datetime.datetime.combine(on, datetime.time(10), tzinfo=LONDON)
        contact = contact_start(actor=self.front_door, received_at=received)
        contact = contact_immediate_risk_record(
            actor=self.front_door, contact=contact, at_risk=False
        )
        contact_subject_add(actor=self.front_door, contact=contact, person=person,
                            role=SubjectRole.CHILD, whereabouts="At home")  # fmt: skip
        sections: dict[str, dict[str, Any]] = {
            "referrer": {"referral_source": "2A" if s47 else "6", "referrer_anonymous": False},
            "consent": {"consent": Consent.GIVEN, "consent_not_sought_reason": ""},
            "concern": {"concern": "Bruising noticed at school"},
        }
        for slug, changes in sections.items():
            contact = contact_section_save(
                actor=self.front_door, contact=contact, section=slug, changes=changes
            )
        contact = contact_submit(
            actor=self.front_door, contact=contact, submission_key=uuid.uuid4()
        )
        outcomes: list[str] = [Outcome.ASSESSMENT]
        if s47:
            outcomes.append(Outcome.STRATEGY_DISCUSSION)
        decision = decision_record(
            actor=self.front_door, contact=contact, outcomes=outcomes, reasons="Needs assessment"
        )
        referral = Referral.objects.get(decision=decision, child=person)
        referral_allocate(
            actor=self.manager, referral=referral, team=self.team, social_worker=self.assessor
        )
        expected = self.expected[person.la_child_id or ""]
        expected.referrals.append(on)
        expected.nfa.append(False)
        return referral

    # --- The assessment social worker ----------------------------------------------------

    def assess(
        self, referral: Referral, *, start_after: int = 2, took: int | None = 20,
        factors: tuple[str, ...] = ("16A",), need: str = "N1", closes_with: str = "",
    ) -> Referral:  # fmt: skip
        """Start the assessment `start_after` working days after the referral and complete
        it `took` working days after the referral (None: still open)."""
        started = add_working_days_to_date(referral.referral_date, start_after)
        referral = referral_assessment_start(
            actor=self.assessor, referral=referral, started_on=started
        )
        expected = self.expected[referral.child.la_child_id or ""]
        if took is None:
            expected.assessments.append((started, None))
            return referral
        completed = add_working_days_to_date(referral.referral_date, took)
        late = completed > referral.assessment_due
        referral = referral_assessment_complete(
            actor=self.assessor, referral=referral, completed_on=completed, factors=factors,
            outcome=AssessmentOutcome(need, closes_with),
            overrun_reason="The family were away for three weeks" if late else "",
        )  # fmt: skip
        expected.assessments.append((started, completed))
        return referral

    def section_47(self, referral: Referral, *, conference: str, outcome: str) -> Referral:
        """Strategy discussion the day after the referral, enquiry the same day; the
        conference ("held", "not_required" or "not_yet") held on the 10th working day, a
        weekday within the 15."""
        discussed = add_working_days_to_date(referral.referral_date, 1)
        held = conference == "held"
        s47 = Section47(
            strategy_discussion_on=discussed,
            started_on=discussed,
            outcome=outcome,
            icpc_on=add_working_days_to_date(discussed, 10) if held else None,
            icpc_not_required=conference == "not_required",
        )
        self.expected[referral.child.la_child_id or ""].section_47s.append(
            (discussed, s47.icpc_on, s47.icpc_not_required)
        )
        return referral_section_47_record(actor=self.assessor, referral=referral, s47=s47)

    def no_further_action(self, referral: Referral) -> Referral:
        expected = self.expected[referral.child.la_child_id or ""]
        expected.nfa[-1] = True
        return referral_no_further_action(
            actor=self.assessor, referral=referral, reason="Already supported by the school"
        )

    def close(self, referral: Referral, on: datetime.date, reason: str) -> Referral:
        return referral_close(
            actor=self.assessor, referral=referral, closed_on=working_day_on_or_after(on),
            reason=reason,
        )  # fmt: skip

    def no_upn_because(self, referral: Referral, reason: str) -> None:
        referral_upn_unknown_record(actor=self.assessor, referral=referral, reason=reason)


def _on_time_and_late(s: Scenario) -> None:
    needs = ("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8")
    for i, need in enumerate(needs):  # on time, the child in need episode open on 31 March
        person = s.child("disabled", born=D(2012 + i % 8, 1 + i, 3),
                         disabilities=list(DISABILITIES[i]))  # fmt: skip
        s.paths["on-time"].add(person.la_child_id or "")
        s.assess(s.refer(person, D(2025, 4, 7) + datetime.timedelta(weeks=3 * i)), need=need,
                 factors=("16A", "4B") if i % 2 else ("3B",))  # fmt: skip
    for i in range(4):  # late: 50 working days, a reason recorded; closed RC7 later
        person = s.child("late", born=D(2014, 5, 1 + i))
        referral = s.assess(s.refer(person, D(2025, 5, 12) + datetime.timedelta(weeks=4 * i)),
                            took=50, factors=("17A",), need="N4")  # fmt: skip
        s.close(referral, D(2026, 1, 12) + datetime.timedelta(weeks=i), "RC7")


def _closures(s: Scenario) -> None:
    """RC1 to RC9, each at least once, after an assessment (RC8 and RC9 on its completion)."""
    for i in range(3):
        person = s.child("RC8", born=D(2016, 2, 10 + i))
        s.assess(s.refer(person, D(2025, 6, 2) + datetime.timedelta(weeks=5 * i)),
                 factors=("21",), need="N0", closes_with="RC8")  # fmt: skip
        person = s.child("RC9", born=D(2013, 7, 10 + i))
        s.assess(s.refer(person, D(2025, 6, 9) + datetime.timedelta(weeks=5 * i)),
                 factors=("4B",), need="N5", closes_with="RC9")  # fmt: skip
    for reason, born in (("RC1", D(2021, 3, 3)), ("RC3", D(2018, 9, 9)), ("RC4", D(2017, 1, 1)),
                         ("RC5", D(2015, 4, 4)), ("RC7", D(2011, 11, 11))):  # fmt: skip
        person = s.child(reason, born=born)
        referral = s.assess(s.refer(person, D(2025, 7, 7)), factors=("2B",), need="N5")
        s.close(referral, D(2025, 12, 1), reason)
    died = s.child("RC2", born=D(2022, 5, 5), date_of_death=D(2025, 11, 20))
    referral = s.assess(s.refer(died, D(2025, 8, 4)), factors=("6A",), need="N2")
    s.close(referral, D(2025, 11, 20), "RC2")
    # Turning 18: transferred to adult social care (RC6) on the 18th birthday.
    adult = s.child("RC6", born=D(2007, 12, 15), disabilities=["LD", "COMM"])
    s.paths["turning-18"].add(adult.la_child_id or "")
    referral = s.assess(s.refer(adult, D(2025, 9, 1)), factors=("5A",), need="N2")
    s.close(referral, D(2025, 12, 15), "RC6")


def _no_further_action_and_re_referrals(s: Scenario) -> None:
    for i in range(4):  # referrals with no further action
        person = s.child("nfa", born=D(2010 + i, 3, 3))
        s.no_further_action(s.refer(person, D(2025, 4, 14) + datetime.timedelta(weeks=6 * i)))
    # A 12-year-old with no UPN, whose only referral needed no further action: UN7.
    person = s.child("nfa", born=D(2013, 6, 6), upn=False)
    s.no_upn_because(s.no_further_action(s.refer(person, D(2025, 10, 6))), "UN7")
    for i in range(4):  # re-referred after the first episode closed
        person = s.child("re-referral", born=D(2012, 8, 1 + i))
        first = s.refer(person, D(2025, 4, 21) + datetime.timedelta(weeks=2 * i))
        if i % 2:
            s.no_further_action(first)
        else:
            s.assess(first, factors=("21",), need="N0", closes_with="RC8")
        again = s.refer(person, D(2025, 10, 13) + datetime.timedelta(weeks=2 * i))
        s.assess(again, factors=("1B", "3B"), need="N1")


def _section_47s(s: Scenario) -> None:
    for i in range(4):  # conference held, the episode open (a plan in the case system)
        person = s.child("s47-conference", born=D(2019, 2, 2 + i))
        referral = s.refer(person, D(2025, 5, 5) + datetime.timedelta(weeks=6 * i), s47=True)
        s.section_47(referral, conference="held", outcome=Section47Outcome.CONFERENCE)
        s.assess(referral, factors=("3B", "16A"), need="N1")
    for i in range(4):  # no conference needed; closed RC7 after the assessment
        person = s.child("s47-no-conference", born=D(2016, 10, 2 + i))
        referral = s.refer(person, D(2025, 6, 16) + datetime.timedelta(weeks=6 * i), s47=True)
        outcome = Section47Outcome.CHILD_IN_NEED if i % 2 else Section47Outcome.NOT_SUBSTANTIATED
        s.section_47(referral, conference="not_required", outcome=outcome)
        referral = s.assess(referral, factors=("18C",), need="N1")
        s.close(referral, D(2026, 2, 2) + datetime.timedelta(days=i), "RC7")
    # Started in the last 15 working days of the year: no conference yet, none overdue.
    person = s.child("s47-open", born=D(2020, 1, 20))
    referral = s.refer(person, D(2026, 3, 16), s47=True)
    s.section_47(referral, conference="not_yet", outcome="")
    s.assess(referral, took=None)


def _unborn_young_and_open(s: Scenario) -> None:
    for i in range(3):  # unborn: expected between March and December 2026 (8530Q)
        person = s.child("unborn", born=None, sex="U", disabilities=[],
                         expected_date_of_delivery=D(2026, 4 + 2 * i, 15))  # fmt: skip
        s.assess(s.refer(person, D(2025, 11, 3) + datetime.timedelta(weeks=4 * i)),
                 factors=("2B",), need="N3")  # fmt: skip
    for i in range(3):  # under school age, no UPN needed
        person = s.child("under-school-age", born=D(2022, 3, 1 + i), upn=False)
        s.assess(s.refer(person, D(2025, 9, 15) + datetime.timedelta(weeks=i)), need="N4")
    for i, reason in enumerate(("UN2", "UN3")):  # school age, a reason for no UPN
        person = s.child("no-upn-reason", born=D(2011, 4, 4 + i), upn=False)
        referral = s.assess(s.refer(person, D(2025, 10, 20) + datetime.timedelta(weeks=i)))
        s.no_upn_because(referral, reason)
    turning = s.child("turning-18", born=D(2008, 2, 14))  # 18 on 14 February 2026
    s.assess(s.refer(turning, D(2025, 8, 11)), factors=("24A", "10A"), need="N6")
    # Referred in February 2025 and assessed before the year began: open on 1 April, closed
    # in the year (the assessment belongs to the earlier return).
    for i in range(2):
        person = s.child("open-on-1-april", born=D(2014, 9, 9 + i))
        referral = s.assess(s.refer(person, D(2025, 2, 10) + datetime.timedelta(days=i)))
        s.close(referral, D(2025, 9, 1), "RC7")
    for i in range(2):  # assessments open on 31 March, started within the last 45 days
        person = s.child("open-assessment", born=D(2015, 12, 1 + i))
        s.assess(s.refer(person, D(2026, 2, 23) + datetime.timedelta(weeks=i)), took=None)


def make_census_year(*, front_door: User, manager: User, assessor: User) -> Scenario:
    AuthorityConfiguration.objects.update_or_create(defaults={"la_code": LA_CODE})
    scenario = Scenario(front_door, manager, assessor)
    _on_time_and_late(scenario)
    _closures(scenario)
    _no_further_action_and_re_referrals(scenario)
    _section_47s(scenario)
    _unborn_young_and_open(scenario)
    return scenario
