"""A fictional front door for the demo, made through the apps' services as users would make
it, so every contact, screening, check, decision and referral has its audit events.

About the demo families' children: a red contact awaiting screening, an overdue amber being
screened, a green school contact with partner checks (police answered, school waiting), a
"no further action" awaiting a team manager's sign-off and one signed off (its outcome
letter checked by the manager and sent to the school), a Child and Family Assessment whose
referral waits to be allocated, last night's out-of-hours call and one anonymous professional
consultation. Times are relative to now, so the demo looks right on any day."""

from __future__ import annotations

import datetime
import uuid

from django.utils import timezone

from cads.accounts.models import Organisation, User
from cads.checks.models import LawfulBasis
from cads.checks.selectors import information_to_share_default
from cads.checks.services import CheckAsk, check_complete, check_respond, checks_request
from cads.contacts.codes import Channel, Consent, ContactKind
from cads.contacts.codes import ConsentNotSoughtReason as NotSought
from cads.contacts.codes import ReferralSource as Source
from cads.contacts.consultations import consultation_record
from cads.contacts.models import Contact
from cads.contacts.services import contact_section_save, contact_start
from cads.decisions.codes import Outcome
from cads.decisions.models import Decision
from cads.decisions.services import decision_record, decision_sign_off
from cads.demo.front_door_steps import (
    HOUR,
    Family,
    demo_households,
    open_history,
    out_of_hours_received,
    overdue_amber_received,
    professional,
    rate,
    record_contact,
    screen,
    threshold,
)
from cads.letters.delivery import letter_deliver
from cads.letters.models import Letter, LetterKind
from cads.letters.services import Recipient, letter_text
from cads.letters.services_send import letter_send
from cads.letters.workflow import LetterStatus

USERNAMES = ("callhandler", "socialworker", "police", "outofhours", "manager")
GIVEN = {"consent": Consent.GIVEN, "parents_told": "yes"}

Users = dict[str, User]


def _red(users: Users, family: Family, now: datetime.datetime) -> None:
    """A neighbour's call an hour ago: a child at immediate risk, so red; not yet screened."""
    record_contact(
        users["callhandler"], family, family.children, received_at=now - HOUR, at_risk=True,
        sections={
            "referrer": {"referral_source": Source.ACQUAINTANCE, "referrer_anonymous": True},
            "consent": {"consent": Consent.NOT_SOUGHT, "consent_not_sought_reason":
                        NotSought.RISK_OF_HARM},
            "concern": {
                "concern": "Shouting and a child screaming next door for over an hour. The "
                "mother's ex-partner, who is not meant to be there, arrived drunk.",
                "different_today": "He has not come back before while the children were home.",
            },
        },
    )  # fmt: skip


def _amber(users: Users, family: Family, now: datetime.datetime) -> None:
    """The school nurse's call yesterday, being screened, and now overdue."""
    contact = record_contact(
        users["callhandler"], family, family.children, received_at=overdue_amber_received(now),
        sections={
            "referrer": professional("Jo Mercer", "School nurse", Source.SCHOOL_NURSE),
            "consent": GIVEN | {"consent_given_by": "Both parents"},
            "concern": {"concern": "The twins told the school nurse there is often no food "
                        "at home since their father lost his job; they look after themselves."},
        },
    )  # fmt: skip
    worker = users["socialworker"]
    rate(worker, open_history(worker, contact), "amber", "Basic needs unmet; no immediate risk.")


def _green_with_checks(users: Users, family: Family, now: datetime.datetime) -> None:
    """A school's email this morning; police and school checks asked, police answered."""
    child = [c for c in family.children if not c.restricted][-1]
    school = Organisation.objects.get(name="Oakfield Primary School")
    contact = record_contact(
        users["callhandler"], family, [child], received_at=now - 2 * HOUR, channel=Channel.EMAIL,
        sections={
            "referrer": professional("Robin Teacher", "Designated safeguarding lead",
                                     Source.SCHOOLS, school.name),
            "consent": GIVEN | {"consent_given_by": "Mother"},
            "concern": {"concern": f"{child.given_name} has been late on 9 of the last 20 "
                        "days and arrives tired and hungry. Mum says she is struggling."},
        },
    )  # fmt: skip
    worker, police_user = users["socialworker"], users["police"]
    screen(worker, contact, rag="green", why="Attendance and presentation; no harm alleged.")
    shared = information_to_share_default(contact)
    force = police_user.organisation
    if force is None:
        raise ValueError("The demo police user belongs to no organisation")
    police, _school = checks_request(
        actor=worker, contact=contact, lawful_basis=LawfulBasis.PUBLIC_TASK,
        reasons="To decide the level of need: known incidents and attendance.",
        asks=[
            CheckAsk(force, "Any incidents at the home in the last 12 months?", shared),
            CheckAsk(school, "Attendance this term, and any concerns logged?", shared),
        ],
    )  # fmt: skip
    response = "No incidents or callouts recorded at the address in the last 12 months."
    answered = check_respond(actor=police_user, check=police, response=response)
    check_complete(actor=police_user, check=answered)


def _no_further_action(users: Users, family: Family, now: datetime.datetime) -> None:
    """A police notification this morning, screened: no further action, for sign-off."""
    child = family.children[-1]
    contact = record_contact(
        users["callhandler"], family, [child], received_at=now - 3 * HOUR,
        channel=Channel.POLICE_NOTIFICATION,
        sections={
            "referrer": professional("PC Sam Ashdown", "Response officer", Source.POLICE,
                                     "Wessex Police"),
            "consent": GIVEN | {"consent_given_by": "Father"},
            "concern": {"concern": f"{child.given_name} was found with friends in the park "
                        "after midnight and taken home. Parents were worried and welcoming.",
                        "police_reference": "WP-4471-26"},
        },
    )  # fmt: skip
    worker = users["socialworker"]
    screening = screen(worker, contact, rag="green", why="One-off; parents acted protectively.")
    threshold(worker, screening, 1, "Needs met by the family and universal services.")
    decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.NO_FURTHER_ACTION],
        reasons="A one-off incident; parents responded well. Advice given to the family.",
    )  # fmt: skip


def _signed_off(users: Users, family: Family, now: datetime.datetime) -> None:
    """A school's call yesterday: no further action, signed off by the manager, so the
    school has its outcome letter (cads.letters)."""
    child = family.children[0]
    contact = record_contact(
        users["callhandler"], family, [child], received_at=overdue_amber_received(now) + HOUR,
        sections={
            "referrer": professional("Robin Teacher", "Designated safeguarding lead",
                                     Source.SCHOOLS, "Oakfield Primary School"),
            "consent": GIVEN | {"consent_given_by": "Mother"},
            "concern": {"concern": f"{child.given_name} had a bruise on the arm; mum says a "
                        "fall at football, which the club confirmed."},
        },
    )  # fmt: skip
    worker = users["socialworker"]
    screening = screen(worker, contact, rag="green", why="Explained injury; confirmed.")
    threshold(worker, screening, 1, "Needs met by the family and the school.")
    decision = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.NO_FURTHER_ACTION],
        reasons="An accidental injury, explained and confirmed by the football club.",
    )  # fmt: skip
    decision_sign_off(actor=users["manager"], decision=decision, agree=True, comments="")
    _check_and_send_outcome_letter(users["manager"], decision)


def _check_and_send_outcome_letter(manager: User, decision: Decision) -> None:
    """What the manager does after signing off: checks the outcome letter as drafted and
    sends it (ADR 0023: outcome letters are checked before they leave)."""
    owed = Letter.objects.get(decision=decision, kind=LetterKind.OUTCOME)
    text = letter_text(
        contact=owed.contact, kind=owed.kind, letter_id=owed.pk, decision=owed.decision
    )
    letter_send(
        actor=manager,
        contact=owed.contact,
        kind=owed.kind,
        text=text,
        recipient=Recipient(owed.recipient_name, owed.recipient_email, owed.recipient_address),
        letter_id=owed.pk,
    )


def _deliver_letters() -> None:
    """Send the letters the demo owes now (acknowledgements, the outcome letter checked
    and sent), so the demo shows them sent, with PDFs, in the mail folder even before the
    worker starts; their queued jobs then find them sent and do nothing (never sent twice)."""
    for pk in Letter.objects.filter(status=LetterStatus.QUEUED).values_list("pk", flat=True):
        letter_deliver(letter_id=str(pk))


def _assessment(users: Users, family: Family, now: datetime.datetime) -> None:
    """The GP's call this morning: a Child and Family Assessment; the referral waits."""
    child = family.children[0]
    contact = record_contact(
        users["callhandler"], family, [child], received_at=now - 4 * HOUR,
        sections={
            "referrer": professional("Dr Priya Nair", "GP", Source.GP, "Elm Tree Surgery"),
            "consent": GIVEN | {"consent_given_by": "Mother"},
            "concern": {"concern": f"Mum told the GP she drinks most evenings and cannot "
                        f"cope; {child.given_name} disclosed self-harm at the appointment."},
        },
    )  # fmt: skip
    worker = users["socialworker"]
    screening = screen(worker, contact, rag="amber", why="Self-harm and parental alcohol use.")
    threshold(worker, screening, 3, "Complex needs affecting care: an assessment is needed.")
    decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.ASSESSMENT],
        reasons="Parental alcohol misuse and self-harm: assess the family's needs.",
    )  # fmt: skip


def _out_of_hours(users: Users, family: Family, now: datetime.datetime) -> None:
    """A police call to the emergency duty team out of hours, queued for the next working
    day: loaded in office hours it is last night's, already in the tray."""
    record_contact(
        users["outofhours"], family, family.children, received_at=out_of_hours_received(now),
        channel=Channel.OUT_OF_HOURS,
        sections={
            "referrer": professional("PC Lee Hart", "Response officer", Source.POLICE,
                                     "Wessex Police"),
            "consent": {"consent": Consent.NOT_SOUGHT, "consent_not_sought_reason":
                        NotSought.CRIMINAL_INVESTIGATION},
            "concern": {"concern": "Police called to a domestic incident at the home; the "
                        "children were asleep upstairs. The ex-partner was arrested.",
                        "police_reference": "WP-5102-26"},
        },
    )  # fmt: skip


def _consultation(users: Users, now: datetime.datetime) -> None:
    """A health visitor talks a worry through without naming the child."""
    worker = users["socialworker"]
    contact = contact_start(
        actor=worker, received_at=now - 90 * datetime.timedelta(minutes=1),
        kind=ContactKind.CONSULTATION,
    )  # fmt: skip
    contact = contact_section_save(
        actor=worker, contact=contact, section="consultation",
        changes={
            "referrer_name": "Alex Morgan",
            "referrer_email": "alex.morgan@example.org",
            "referrer_role": "Health visitor",
            "referrer_organisation": "Wessex Community Health NHS Trust",
            "referral_source": Source.HEALTH_VISITOR,
            "consultation_overview": "A mother of a baby seems low and isolated; the home is "
            "clean and the baby is thriving.",
            "consultation_child_age": "4 months",
            "advice_given": "Talk to mum about her mood and her GP; offer Early Help if she "
            "agrees. Call back if anything changes.",
        },
    )  # fmt: skip
    consultation_record(actor=worker, contact=contact, submission_key=uuid.uuid4())


def load_demo_front_door(now: datetime.datetime | None = None) -> int:
    """Build the demo front door once: nothing is added if any contact exists already.
    Returns how many contacts were made (0 when skipped or the demo families are missing)."""
    families = demo_households()
    users = {u.username: u for u in User.objects.filter(username__in=USERNAMES)}
    if Contact.objects.exists() or len(families) < 4 or len(users) < len(USERNAMES):
        return 0
    now = now or timezone.now()
    # As cads.demo.families makes them: a child on a plan, twins, a restricted child, a duplicate.
    on_plan, twins, restricted, duplicated = families[:4]
    _out_of_hours(users, on_plan, now)
    _amber(users, twins, now)
    _assessment(users, duplicated, now)
    _no_further_action(users, duplicated, now)
    _green_with_checks(users, restricted, now)
    _consultation(users, now)
    _red(users, on_plan, now)
    _signed_off(users, twins, now)
    _deliver_letters()
    return Contact.objects.count()
