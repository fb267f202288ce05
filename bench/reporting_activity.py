"""The contacts of the generated year, in the order they were received: each contact with its
children and parents, its screening, and (bench/reporting_outcomes.py) its decisions, partner
checks, Early Help requests and referrals, as rows for the real tables.

Contacts arrive mostly on weekdays in office hours; about one in four out of hours (evenings,
weekends, bank holidays), queued for the next working day. Some families come back: about a
third of contacts are about a family with more than one contact in the year, which makes
re-referrals and follow-up contacts. Contacts received in the last two days of the year are
partly still open (awaiting screening, being screened, waiting for sign-off or for partner
checks), as a front door is on any given evening.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from bench import reporting_words as words
from bench.reporting_data import YEAR_END, YEAR_START, Family, Profile, Staff
from bench.reporting_outcomes import Outcomes
from cads.contacts.codes import PUBLIC_SOURCES
from cads.core.clocks import OfficeHours, is_bank_holiday, is_out_of_hours, next_working_moment

OPEN_WINDOW = datetime.timedelta(days=2)
CONSULTATION_RATE = 0.04
SECTIONS = ["children-and-family", "referrer", "consent", "concern", "relationship",
            "outcome-sought"]  # fmt: skip

Rows = dict[str, list[dict[str, object]]]


@dataclass
class Plan:
    """What will happen to one contact, fixed before its rows are made."""

    received: datetime.datetime
    consultation: bool
    open_state: str  # "" when decided and closed
    eligible: bool = field(init=False)

    def __post_init__(self) -> None:
        self.eligible = not self.consultation and not self.open_state


def day_weight(day: datetime.date) -> float:
    """Fewer contacts at weekends, on bank holidays, in August and over Christmas."""
    weight = 1.0 if day.weekday() < 5 else 0.3
    if is_bank_holiday(day):
        weight = 0.35
    if day.month == 8 or (day.month == 12 and day.day >= 20):
        weight *= 0.75
    return weight


def received_times(rng: random.Random, count: int, hours: OfficeHours) -> list[datetime.datetime]:
    """`count` receipt moments over the year, sorted, in office hours four times in five."""
    days = [YEAR_START + datetime.timedelta(n) for n in range((YEAR_END - YEAR_START).days + 1)]
    weights = [day_weight(d) for d in days]
    times = []
    for day in rng.choices(days, weights=weights, k=count):
        if day.weekday() < 5 and not is_bank_holiday(day) and rng.random() < 0.83:
            minute = rng.randint(hours.opens.hour * 60, hours.closes.hour * 60 - 1)
        else:
            minute = rng.choice((rng.randint(17 * 60, 24 * 60 - 1), rng.randint(0, 9 * 60)))
        local = datetime.datetime.combine(day, datetime.time(minute // 60, minute % 60))
        times.append(local.replace(tzinfo=hours.tz, second=rng.randint(0, 59)))
    return sorted(times)


def plans(rng: random.Random, profile: Profile, hours: OfficeHours) -> list[Plan]:
    end = datetime.datetime.combine(YEAR_END, datetime.time(23, 59), tzinfo=hours.tz)
    made = []
    for received in received_times(rng, profile.contacts, hours):
        consultation = rng.random() < CONSULTATION_RATE
        open_state = ""
        if not consultation and end - received < OPEN_WINDOW and rng.random() < 0.6:
            open_state = rng.choice(
                ("submitted",) * 7
                + ("screening",) * 5
                + ("screened",) * 4
                + ("sign_off", "sign_off", "checks", "checks")
            )
        made.append(Plan(received, consultation, open_state))
    return made


class ActivityGenerator:
    """Yields the rows of each chunk of contacts; see the module docstring."""

    def __init__(
        self, *, seed: int, profile: Profile, families: list[Family], staff: Staff,
        hours: OfficeHours,
    ) -> None:  # fmt: skip
        self.rng = random.Random(seed * 7919 + 1)
        self.profile = profile
        self.hours = hours
        self.families = [f for f in families if f.children]
        self.hot = max(1, len(self.families) // 25)
        self.staff = staff
        self.plans = plans(self.rng, profile, hours)
        self.eligible_left = sum(p.eligible for p in self.plans)
        self.referrals_left = profile.referrals
        self.children_seen = 0
        self.eligible_seen = 0
        self.last_contact: dict[int, tuple[uuid.UUID, datetime.datetime]] = {}
        self.outcomes = Outcomes(self.rng, staff, hours)

    def chunks(self, size: int) -> Iterator[Rows]:
        rows: Rows = defaultdict(list)
        for n, plan in enumerate(self.plans, start=1):
            self._contact(n, plan, rows)
            if n % size == 0:
                yield rows
                rows = defaultdict(list)
        if rows:
            yield rows

    def _family(self) -> tuple[int, Family]:
        # Two contacts in five are about one of a twenty-fifth of the families: repeat demand.
        if self.rng.random() < 0.4:
            index = self.rng.randrange(self.hot)
        else:
            index = self.rng.randrange(len(self.families))
        return index, self.families[index]

    def _wants_referral(self, plan: Plan) -> bool:
        """Referrals are drawn so the year ends with exactly the profile's number."""
        if not plan.eligible or self.referrals_left <= 0:
            return False
        per_contact = (self.children_seen / self.eligible_seen) if self.eligible_seen else 1.5
        if self.referrals_left >= self.eligible_left:
            return True
        return self.rng.random() < self.referrals_left / (self.eligible_left * per_contact)

    def _contact(self, n: int, plan: Plan, rows: Rows) -> None:
        contact = self._contact_row(n, plan)
        rows["Contact"].append(contact)
        if plan.consultation:
            self._consultation(contact)
            return
        index, family, children = self._named()
        referral = self._wants_referral(plan)
        if referral:
            index, family, children = self._referred(plan, index, family, children)
            referral = bool(children)
            children = children or family.children
        earlier = self.last_contact.get(index)
        if earlier and plan.received - earlier[1] < datetime.timedelta(days=60):
            contact["follows_id"] = earlier[0] if self.rng.random() < 0.3 else None
        self.last_contact[index] = (contact["id"], plan.received)  # type: ignore[assignment]
        if plan.eligible:
            self.eligible_left -= 1
            self.eligible_seen += 1
            self.children_seen += len(children)
        self._subjects(contact, children, family, rows)
        self.outcomes.story(
            contact, open_state=plan.open_state, referral=referral, children=children, rows=rows
        )

    def _named(self) -> tuple[int, Family, list[uuid.UUID]]:
        """A family and the children the contact is about (all of them, or one)."""
        index, family = self._family()
        if self.rng.random() < 0.45:
            return index, family, family.children
        return index, family, [self.rng.choice(family.children)]

    def _referred(
        self, plan: Plan, index: int, family: Family, children: list[uuid.UUID]
    ) -> tuple[int, Family, list[uuid.UUID]]:
        """The children a referral contact refers: none whose episode is still open (DfE:
        no referral while the child's case is open), so another family is tried when none
        can be referred; an empty list when twenty families in a row could not."""
        day = plan.received.astimezone(self.hours.tz).date()
        for _ in range(20):
            found = self.outcomes.referable(children, day)[: self.referrals_left]
            if found:
                self.referrals_left -= len(found)
                return index, family, found
            index, family, children = self._named()
        return index, family, []

    def _contact_row(self, n: int, plan: Plan) -> dict[str, object]:
        rng = self.rng
        received = plan.received
        ooh = is_out_of_hours(received, hours=self.hours)
        channel = words.CHANNELS.draw(rng)
        if ooh and rng.random() < 0.5:
            channel = "out_of_hours"
        source = "6" if channel == "police" else words.SOURCES.draw(rng)
        anonymous = source == "9" or (source in PUBLIC_SOURCES and rng.random() < 0.15)
        rag = words.RAG.draw(rng)
        consent = words.CONSENT.draw(rng)
        submitted = received + datetime.timedelta(minutes=rng.randint(2, 40))
        row: dict[str, object] = {
            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
            "reference": f"C-{received.year}-{n:06d}",
            "kind": "contact",
            "status": "closed",
            "channel": channel,
            "received_at": received,
            "created_by_id": None if channel == "online" else rng.choice(self.staff.call_handlers),
            "created_at": received,
            "updated_at": submitted,
            "submitted_at": submitted,
            "sections_done": SECTIONS,
            "version": 6,
            "immediate_risk": rag == "red" and rng.random() < 0.6,
            "rag": rag,
            "out_of_hours": ooh,
            "queue_from": next_working_moment(received, hours=self.hours) if ooh else received,
            "referral_source": source,
            "referrer_anonymous": anonymous,
            "consent": consent,
            "consent_not_sought_reason": words.NOT_SOUGHT.draw(rng)
            if consent == "not_sought"
            else "",
            "parents_told": "yes" if consent == "given" else rng.choice(("no", "unknown")),
            "concern": rng.choice(words.CONCERNS),
            "happened_before": rng.choice(("yes", "no", "unknown")),
            "referrer_threshold_view": words.THRESHOLD_VIEW.draw(rng),
            "outcome_sought": "An assessment of the family's needs.",
        }
        if not anonymous:
            row |= self._referrer(source)
        return row

    def _referrer(self, source: str) -> dict[str, object]:
        rng = self.rng
        given, family = rng.choice(words.GIVEN), rng.choice(words.FAMILY)
        return {
            "referrer_name": f"{given} {family}",
            "referrer_role": words.ROLES.get(source, ""),
            "referrer_phone": f"01632 {rng.randint(100000, 999999)}",
            "referrer_email": f"{given}.{family}@example.org".lower(),
            "referrer_identity_may_be_shared": rng.random() < 0.8,
        }

    def _consultation(self, contact: dict[str, object]) -> None:
        contact |= {
            "kind": "consultation",
            "status": "consultation_recorded",
            "consultation_overview": "A teacher asks if a pattern of lateness needs a referral.",
            "consultation_child_age": str(self.rng.randint(2, 16)),
            "advice_given": "Speak to the parents and use the school's early help offer.",
            "sections_done": ["referrer", "consultation"],
        }

    def _subjects(
        self, contact: dict[str, object], children: list[uuid.UUID], family: Family, rows: Rows
    ) -> None:
        subjects = rows["ContactSubject"]
        for child in children:
            subjects.append(
                {"contact_id": contact["id"], "person_id": child, "role": "child",
                 "whereabouts": "At home"}
            )  # fmt: skip
        for i, adult in enumerate(family.adults):
            if self.rng.random() < (0.75 if i == 0 else 0.3):
                subjects.append(
                    {"contact_id": contact["id"], "person_id": adult, "role": "parent_carer",
                     "parental_responsibility": True}
                )  # fmt: skip
