"""What happens to each generated contact after it is received: its screening, MASH partner
checks, decisions (with management sign-off and the odd decision returned), Early Help
requests, referrals with their assessment clocks and allocation, and child in need or child
protection statuses. Rows follow the rules the services enforce: a referral only from an
agreed decision, with consent or a manager's authorisation; a contact closes only when its
checks are finished; one referral per child per contact; a re-referral points at the child's
referral in the previous twelve months (cads.referrals.services)."""

from __future__ import annotations

import datetime
import random
import uuid

from dateutil.relativedelta import relativedelta

from bench import reporting_words as words
from bench.reporting_data import YEAR_END, Staff
from cads.core.clocks import OfficeHours, add_working_days, add_working_days_to_date
from cads.decisions.codes import Outcome

Row = dict[str, object]
Rows = dict[str, list[Row]]
RE_REFERRAL_WINDOW = relativedelta(months=12)


def hours(n: float) -> datetime.timedelta:
    return datetime.timedelta(hours=n)


# Factors identified at assessment drawn for the bench (DfE codes, not '21').
FACTORS = ["1B", "2B", "3B", "4B", "16A", "17A", "18C", "20"]


class Outcomes:
    """Makes the rows that follow a contact; keeps each child's latest referral."""

    def __init__(self, rng: random.Random, staff: Staff, office: OfficeHours) -> None:
        self.rng = rng
        self.staff = staff
        self.office = office
        self.last_referral: dict[uuid.UUID, tuple[uuid.UUID, datetime.date]] = {}
        self.on_plan: set[uuid.UUID] = set()
        # When each child's latest CIN episode closes (date.max: still open).
        self.episode_end: dict[uuid.UUID, datetime.date] = {}
        self._due45: dict[datetime.date, datetime.date] = {}

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def story(
        self, contact: Row, *, open_state: str, referral: bool, children: list[uuid.UUID],
        rows: Rows,
    ) -> None:  # fmt: skip
        """Every row after receipt, stopping where an open contact has got to."""
        if open_state == "submitted":
            contact["status"] = "submitted"
            return
        contact["status"] = "in_screening" if open_state else "closed"
        received: datetime.datetime = contact["received_at"]  # type: ignore[assignment]
        due = add_working_days(received, 1, hours=self.office)
        outcomes, level = self._plan(referral)
        checks = open_state == "checks" or (
            not open_state and level >= 2 and self.rng.random() < 0.3
        )
        decided = self._decided_at(contact["queue_from"], due)  # type: ignore[arg-type]
        rows["Screening"].append(self._screening(contact, level, decided, open_state))
        if open_state in ("screening", "screened"):
            return
        if contact["consent"] != "given" and (checks or referral):
            rows["ConsentOverride"].append(self._override(contact, decided - hours(0.2)))
        at = decided
        if checks:
            _, at = self._decision(contact, ["mash_checks"], at, due, rows)
            at = self._checks(contact, at, open_state == "checks", rows)
            if open_state == "checks":
                return
            at += hours(self.rng.uniform(0.5, 6))
        if open_state == "sign_off":
            self._decision(contact, ["nfa"], at, due, rows, pending=True)
            return
        final, at = self._decision(contact, outcomes, at, due, rows)
        contact["updated_at"] = at
        if "early_help" in outcomes:
            rows["EarlyHelpRequest"].append(self._early_help(final, at))
        if referral:
            self._referrals(final, contact, at, children, rows)

    def _override(self, contact: Row, at: datetime.datetime) -> Row:
        """A manager's authority to go on without consent (ADR 0011), before any check or
        referral (cads.referrals.services refuses a referral without it)."""
        return {
            "contact_id": contact["id"],
            "reasons": "Asking the family first could put the child at risk.",
            "authorised_by_id": self.rng.choice(self.staff.managers),
            "created": at,
        }

    def _plan(self, referral: bool) -> tuple[list[str], int]:
        if referral:
            outcomes = list(words.REFERRAL_OUTCOMES.draw(self.rng))
            level = 4 if "strategy" in outcomes or self.rng.random() < 0.2 else 3
            return outcomes, level
        level = words.OTHER_LEVEL.draw(self.rng)
        return list(words.OTHER_OUTCOMES[level].draw(self.rng)), level

    def _decided_at(self, queue: datetime.datetime, due: datetime.datetime) -> datetime.datetime:
        """On time six times in seven (Working Together 2023: within one working day)."""
        window = max(due - queue, hours(0.5))
        if self.rng.random() < 0.86:
            return queue + window * self.rng.uniform(0.15, 0.97)
        return due + hours(self.rng.expovariate(1 / 10))

    def _screening(
        self, contact: Row, level: int, decided: datetime.datetime, open_state: str
    ) -> Row:
        rng = self.rng
        queue: datetime.datetime = contact["queue_from"]  # type: ignore[assignment]
        started = queue + (decided - queue) * rng.uniform(0.02, 0.2)
        rag = contact["rag"]
        if rng.random() < 0.1:  # re-rated after the history was read
            rag = {"red": "amber", "amber": rng.choice(("red", "green")), "green": "amber"}[rag]  # type: ignore[index]
        screened = open_state != "screening"
        worker = rng.choice(self.staff.screeners)
        row: Row = {
            "contact_id": contact["id"],
            "status": "screened" if screened else "in_progress",
            "worker_id": worker,
            "rag": rag,
            "history_viewed_at": started + datetime.timedelta(minutes=rng.randint(2, 15)),
            "created_at": started,
            "updated_at": started + (decided - started) * 0.8,
            "version": 4,
        }
        if screened:
            row |= {
                "consent_call": contact["consent"],
                "consent_not_sought_reason": contact["consent_not_sought_reason"],
                "consent_call_reason": ""
                if contact["consent"] == "given"
                else "Recorded with the manager.",
                "consent_called_at": started + (decided - started) * 0.5,
                "consent_called_by_id": worker,
                "threshold_level_id": self.staff.levels[level],
                "threshold_rationale": "Needs weighed against the continuum of need.",
                "disagrees_with_referrer": rng.random() < 0.12,
            }
        if not contact["referrer_anonymous"] and rng.random() < 0.96:
            late = rng.random() < 0.08  # acknowledgement due within one working day
            on_time = started + (decided - started) * rng.uniform(0.1, 1)
            row |= {
                "referrer_acknowledged_at": decided + hours(rng.uniform(2, 30))
                if late
                else on_time,
                "referrer_acknowledged_how": words.ACKNOWLEDGED_HOW.draw(rng),
                "referrer_acknowledged_by_id": worker,
            }
        return row

    def _decision(
        self, contact: Row, outcomes: list[str], at: datetime.datetime, due: datetime.datetime,
        rows: Rows, *, pending: bool = False,
    ) -> tuple[Row, datetime.datetime]:  # fmt: skip
        """A decision as cads.decisions.services.decision_record makes it, signed off by a
        manager when the default rules ask (no further action, or without consent)."""
        rng = self.rng
        because = [f"{Outcome(o).label} needs sign-off" for o in outcomes if o == "nfa"]
        if contact["consent"] != "given":
            because.append("The decision was made without consent")
        row: Row = {
            "id": self.new_id(), "contact_id": contact["id"], "outcomes": outcomes,
            "reasons": "Weighed the history, the partner information and the child's views.",
            "consent": contact["consent"], "status": "agreed", "sign_off_because": because,
            "decided_by_id": rng.choice(self.staff.screeners), "decided_at": at, "due_at": due,
        }  # fmt: skip
        rows["Decision"].append(row)
        if not because:
            return row, at
        if pending:
            row["status"] = "awaiting_sign_off"
            return row, at
        signed = at + hours(rng.lognormvariate(0.8, 0.9))
        row |= {"signed_off_by_id": rng.choice(self.staff.managers), "signed_off_at": signed}
        if rng.random() < 0.04:
            row |= {"status": "returned", "manager_comments": "Please check with the school first."}
            new, at = self._decision(
                contact, outcomes, signed + hours(rng.uniform(1, 20)), due, rows
            )
            new["replaces_id"] = row["id"]
            return new, at
        return row, signed

    def _check_due(self, rag: str, at: datetime.datetime) -> datetime.datetime:
        """Default RAG clocks (cads.deadlines.seed): red 4 real hours, amber 1 working day,
        green 3 working days."""
        if rag == "red":
            return at + hours(4)
        return add_working_days(at, 1 if rag == "amber" else 3, hours=self.office)

    def _checks(
        self, contact: Row, at: datetime.datetime, still_open: bool, rows: Rows
    ) -> datetime.datetime:
        """One request per agency asked; the time the last answer was completed."""
        rng = self.rng
        due = self._check_due(contact["rag"], at)  # type: ignore[arg-type]
        last = at
        for kind, share, median in words.AGENCIES:
            if kind != "police" and rng.random() > share:
                continue
            org, users = self.staff.partners[kind]
            row: Row = {
                "id": self.new_id(), "contact_id": contact["id"], "organisation_id": org,
                "question": "What do you know about the family?",
                "shared_information": "Names, dates of birth and address of the family.",
                "requested_by_id": rng.choice(self.staff.screeners), "requested_at": at,
                "due_at": due, "status": "requested",
            }  # fmt: skip
            responded = at + hours(median * rng.lognormvariate(0, 0.7))
            if not still_open or rng.random() < 0.4:
                row |= {
                    "status": "responded",
                    "response": "Known: one incident last year.",
                    "responded_by_id": rng.choice(users),
                    "responded_at": responded,
                }
            if not still_open:
                completed = responded + hours(rng.uniform(0, 2))
                row |= {"status": "completed", "completed_at": completed}
                last = max(last, completed)
            rows["CheckRequest"].append(row)
            rows["InformationSharingRecord"].append({
                "contact_id": contact["id"], "organisation_id": org, "check_request_id": row["id"],
                "shared": True, "information": row["shared_information"],
                "lawful_basis": "public_task", "consent_status": f"Consent {contact['consent']}",
                "decided_by_id": row["requested_by_id"], "reasons": "Needed to judge the risk.",
                "created_at": at,
            })  # fmt: skip
        return last

    def _early_help(self, decision: Row, at: datetime.datetime) -> Row:
        row: Row = {"id": self.new_id(), "decision_id": decision["id"],
                    "contact_id": decision["contact_id"], "created_at": at}  # fmt: skip
        accepted = at + hours(self.rng.uniform(4, 200))
        if self.rng.random() < 0.85 and accepted.date() <= YEAR_END:
            row |= {"accepted_at": accepted, "accepted_by_id": self.rng.choice(self.staff.advisors)}
        return row

    def _referrals(
        self, decision: Row, contact: Row, at: datetime.datetime, children: list[uuid.UUID],
        rows: Rows,
    ) -> None:  # fmt: skip
        received: datetime.datetime = contact["received_at"]  # type: ignore[assignment]
        day = received.astimezone(self.office.tz).date()
        due = self._due45.get(day) or self._due45.setdefault(day, add_working_days_to_date(day, 45))
        for child in children:
            earlier = self.last_referral.get(child)
            within = earlier is not None and earlier[1] >= day - RE_REFERRAL_WINDOW
            row: Row = {
                "id": self.new_id(), "contact_id": contact["id"], "decision_id": decision["id"],
                "child_id": child, "referral_date": day,
                "referral_source": contact["referral_source"],
                "primary_need": "N0", "nfa": False, "status": "awaiting_allocation",
                "assessment_due": due, "created_at": at,
                "previous_referral_id": earlier[0] if earlier and within else None,
            }  # fmt: skip
            self._allocate(row, at, strategy="strategy" in decision["outcomes"])  # type: ignore[operator]
            rows["Referral"].append(row)
            self.last_referral[child] = (row["id"], day)  # type: ignore[assignment]
            self._status(child, row, "strategy" in decision["outcomes"], rows)  # type: ignore[operator]

    def _allocate(self, row: Row, at: datetime.datetime, *, strategy: bool) -> None:
        """Allocated within days; the assessment done within 45 working days five times in six;
        never no further action after a section 47 enquiry (CIN census rule 2990)."""
        rng = self.rng
        allocated = at + hours(rng.uniform(2, 120))
        if rng.random() > 0.97 or allocated.date() > YEAR_END:
            return
        team = rng.choice(self.staff.team_ids)
        worker = rng.choice(self.staff.teams[team]) if rng.random() < 0.93 else None
        row |= {"status": "allocated" if worker else "team", "team_id": team,
                "social_worker_id": worker, "allocated_at": allocated}  # fmt: skip
        if worker is None:
            return
        days = rng.randint(10, 45) if rng.random() < 0.84 else rng.randint(46, 75)
        completed = add_working_days_to_date(row["referral_date"], days)  # type: ignore[arg-type]
        if completed > YEAR_END:
            return
        need = words.PRIMARY_NEED.draw(rng)
        # What the social worker records (ADR 0028): the start a day or three after the
        # referral, the factors at the end, and RC8 on the day an assessment ends in NFA.
        started = add_working_days_to_date(row["referral_date"], rng.randint(1, 3))  # type: ignore[arg-type]
        nfa = not strategy and rng.random() < 0.35
        row |= {"status": "complete", "assessment_completed_on": completed, "nfa": nfa,
                "primary_need": need, "assessment_started_on": min(started, completed),
                "assessment_factors": rng.sample(FACTORS, rng.randint(1, 3))}  # fmt: skip
        if nfa:
            row |= {"status": "closed", "closed_on": completed, "closure_reason": "RC8"}
        if completed > row["assessment_due"]:  # type: ignore[operator]
            row["overrun_reason"] = rng.choice(words.OVERRUN_REASONS)

    def referable(self, children: list[uuid.UUID], day: datetime.date) -> list[uuid.UUID]:
        """Children with no CIN episode open on `day` (DfE: no new referral while a case is
        open for the child)."""
        return [c for c in children if self.episode_end.get(c, datetime.date.min) < day]

    def _status(self, child: uuid.UUID, referral: Row, strategy: bool, rows: Rows) -> None:
        """The episode's end: the assessment's end with no further action, else the end of
        the child in need plan that followed (still open at the year end for some); a child
        protection plan after some section 47 enquiries (conference within 15 working days)."""
        referred: datetime.date = referral["referral_date"]  # type: ignore[assignment]
        if strategy:  # the section 47 path as recorded (ADR 0028): discussed the next day
            discussed = add_working_days_to_date(referred, 1)
            referral |= {"strategy_discussion_on": discussed, "s47_started_on": discussed}
        if strategy and child not in self.on_plan and self.rng.random() < 0.35:
            start = add_working_days_to_date(referred, 15)
            self._plan_row(child, "cp", start, rows)
            self.on_plan.add(child)
            referral |= {"icpc_on": start, "s47_outcome": "conference"}
        elif strategy:
            referral |= {"icpc_not_required": True, "s47_outcome": "none"}
        completed: datetime.date | None = referral.get("assessment_completed_on")  # type: ignore[assignment]
        if completed is None:
            self.episode_end[child] = datetime.date.max
        elif referral["nfa"]:
            self.episode_end[child] = completed
        else:
            end = self._plan_row(child, "cin", completed, rows)
            self.episode_end[child] = end or datetime.date.max

    def _plan_row(
        self, child: uuid.UUID, kind: str, start: datetime.date, rows: Rows
    ) -> datetime.date | None:
        if start > YEAR_END:
            return None
        end = start + datetime.timedelta(days=self.rng.randint(60, 300))
        ended = end if end <= YEAR_END else None
        rows["PersonStatus"].append(
            {"person_id": child, "kind": kind, "start_date": start, "end_date": ended}
        )
        return ended
