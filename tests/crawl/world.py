"""The crawl's one world: a restricted child (Ottoline Hartley) with her mother and her
brother in the same household, on shared contacts at every stage of the front door; two
partner organisations with checks; and objects that belong to a third organisation and to
an unrelated family. Everything is made through the services, as users would make it."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import timezone

from cads.accounts.models import Organisation, OrganisationKind, User
from cads.accounts.roles import Role
from cads.accounts.services import two_factor_device_create, user_create
from cads.audit.services import access_log_record
from cads.checks.attachments import check_attachment_add
from cads.checks.models import CheckRequest, LawfulBasis
from cads.checks.services import CheckAsk, check_respond, checks_request
from cads.checks.services_authorisation import authorisation_request
from cads.contacts.attachments import attachment_add
from cads.contacts.codes import Consent, ContactKind, SubjectRole
from cads.contacts.codes import ReferralSource as Source
from cads.contacts.consultations import consultation_record
from cads.contacts.models import Contact
from cads.contacts.named import named_person_add, named_rows_create
from cads.contacts.services import contact_section_save, contact_start, contact_subject_add
from cads.decisions.codes import Outcome
from cads.decisions.models import Decision, EarlyHelpRequest
from cads.decisions.services import decision_record
from cads.demo.front_door_steps import Family, professional, record_contact, screen, threshold
from cads.letters.delivery import letter_deliver
from cads.letters.models import Letter
from cads.people.models import DuplicateCandidate, Person, RelationshipKind
from cads.people.restriction import break_glass_open, person_restrict
from cads.people.services import household_create, person_create, relationship_add
from cads.referrals.models import AssessmentTeam, Referral
from cads.referrals.services import referral_allocate
from conftest import PASSWORD

# What must never reach a viewer without access: her name, her date of birth in the forms
# CADS prints it, and where she lives now.
RESTRICTED_GIVEN = "Ottoline"
RESTRICTED_DOB = datetime.date(2017, 6, 14)
SECRET_ADDRESS = "7 Larkspur Close"
SECRET_POSTCODE = "WX9 7QT"
NEEDLES = (
    RESTRICTED_GIVEN,
    "14 June 2017",
    "14 Jun 2017",
    "2017-06-14",
    "14/06/2017",
    SECRET_ADDRESS,
    SECRET_POSTCODE,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

POLICE = ("Wessex Police", OrganisationKind.POLICE)
SCHOOL = ("Oakfield Primary School", OrganisationKind.EDUCATION)
HEALTH = ("Wessex Community Health NHS Trust", OrganisationKind.HEALTH)

# The viewers: every role, the two partner organisations' users, and the one social worker
# on the restricted record's access list.
VIEWERS: dict[str, tuple[str, tuple[str, str] | None]] = {
    "call-handler": (Role.CALL_HANDLER, None),
    "social-worker": (Role.CADS_SOCIAL_WORKER, None),
    "team-manager": (Role.TEAM_MANAGER, None),
    "head-of-service": (Role.HEAD_OF_SERVICE, None),
    "police-partner": (Role.MASH_PARTNER, POLICE),
    "school-partner": (Role.MASH_PARTNER, SCHOOL),
    "early-help": (Role.EARLY_HELP_ADVISOR, None),
    "assessment-worker": (Role.ASSESSMENT_SOCIAL_WORKER, None),
    "out-of-hours": (Role.OUT_OF_HOURS_WORKER, None),
    "referrer": (Role.REFERRER, None),
    "administrator": (Role.ADMINISTRATOR, None),
    "key-worker": (Role.CADS_SOCIAL_WORKER, None),
}
# The one viewer who may see her (on the access list, with the duty manager who restricted
# her record and is not a crawler).
WITH_ACCESS = frozenset({"key-worker"})


@dataclass
class World:
    users: dict[str, User]
    orgs: dict[str, Organisation]
    restricted: Person
    mother: Person
    brother: Person
    other_child: Person
    contacts: dict[str, Contact]
    checks: dict[str, CheckRequest]
    decisions: dict[str, Decision]
    ids: dict[str, Any] = field(default_factory=dict)


def _org(name_kind: tuple[str, str]) -> Organisation:
    name, kind = name_kind
    return Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def _users() -> dict[str, User]:
    council = _org(("Wessex County Council", OrganisationKind.LOCAL_AUTHORITY))
    users = {}
    for username, (role, org) in VIEWERS.items():
        user = user_create(
            actor=None,
            username=username,
            password=PASSWORD,
            first_name="Crawl",
            last_name=username.replace("-", " ").title(),
            role=role,
            organisation=_org(org) if org else council,
        )
        two_factor_device_create(user=user, confirmed=True)
        users[username] = user
    return users


def _family() -> tuple[Person, Person, Person, Person]:
    home = household_create(
        actor=None, address=f"{SECRET_ADDRESS}\nWessex", postcode=SECRET_POSTCODE
    )
    details: dict[str, Any] = {"family_name": "Hartley", "household": home, "actor": None}
    mother = person_create(
        given_name="Jade", sex="F", date_of_birth=datetime.date(1990, 2, 3), **details
    )
    restricted = person_create(
        given_name=RESTRICTED_GIVEN, sex="F", date_of_birth=RESTRICTED_DOB, **details
    )
    brother = person_create(
        given_name="Milo", sex="M", date_of_birth=datetime.date(2019, 9, 1), **details
    )
    for child in (restricted, brother):
        relationship_add(
            actor=None,
            from_person=mother,
            to_person=child,
            kind=RelationshipKind.PARENT,
            parental_responsibility=True,
        )
    relationship_add(
        actor=None, from_person=restricted, to_person=brother, kind=RelationshipKind.SIBLING
    )
    elsewhere = household_create(actor=None, address="3 Mill Lane\nEastbury", postcode="EB1 2CD")
    other = person_create(
        actor=None,
        household=elsewhere,
        given_name="Noah",
        family_name="Brennan",
        sex="M",
        date_of_birth=datetime.date(2016, 1, 5),
    )
    return restricted, mother, brother, other


def _contacts(users: dict[str, User], family: Family, other: Person) -> dict[str, Contact]:
    handler, now = users["call-handler"], timezone.now()
    mother = family.parents
    restricted, brother = family.children

    def contact(
        name: str, children: list[Person], hours: int, consent: Any = None, **kw: Any
    ) -> Contact:
        given = {"consent": Consent.GIVEN, "parents_told": "yes", "consent_given_by": "Mother"}
        who = Family(parents=mother if children[0] != other else [], children=children)
        return record_contact(
            handler,
            who,
            children,
            received_at=now - datetime.timedelta(hours=hours),
            sections={
                "referrer": professional(
                    "Robin Teacher",
                    "Designated safeguarding lead",
                    Source.SCHOOLS,
                    "Oakfield Primary School",
                ),
                "consent": consent or given,
                "concern": {"concern": f"A worry about the {name} contact."},
            },
            **kw,
        )

    return {
        "shared": contact("shared", [restricted, brother], 2),
        "early-help": contact("early help", [restricted], 5),
        "assessment": contact("assessment", [restricted], 6),
        "sign-off": contact("sign-off", [restricted], 1, at_risk=True),
        "other-family": contact("other family", [other], 3),
        "no-consent": contact("no consent", [restricted], 4, consent=NOT_SOUGHT),
    }


NOT_SOUGHT = {"consent": Consent.NOT_SOUGHT, "consent_not_sought_reason": "risk_of_harm"}


def _draft(users: dict[str, User], restricted: Person) -> Contact:
    draft = contact_start(actor=users["call-handler"], received_at=timezone.now())
    contact_subject_add(
        actor=users["call-handler"],
        contact=draft,
        person=restricted,
        role=SubjectRole.CHILD,
        whereabouts="School",
    )
    return draft


def _consultation(users: dict[str, User]) -> Contact:
    worker = users["social-worker"]
    contact = contact_start(actor=worker, received_at=timezone.now(), kind=ContactKind.CONSULTATION)
    contact = contact_section_save(
        actor=worker,
        contact=contact,
        section="consultation",
        changes={
            "referrer_name": "Alex Morgan",
            "referrer_email": "alex.morgan@example.org",
            "referrer_role": "Health visitor",
            "referrer_organisation": HEALTH[0],
            "referral_source": Source.HEALTH_VISITOR,
            "consultation_overview": "A low mother.",
            "consultation_child_age": "4 months",
            "advice_given": "Talk to her GP.",
        },
    )
    return consultation_record(actor=worker, contact=contact, submission_key=uuid.uuid4())


def _checks(
    users: dict[str, User], orgs: dict[str, Organisation], contacts: dict[str, Contact]
) -> dict[str, CheckRequest]:
    worker = users["social-worker"]
    shared = "Names, dates of birth and address of the children and their mother"
    police, school = checks_request(
        actor=worker,
        contact=contacts["shared"],
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        reasons="To decide the level of need.",
        asks=[
            CheckAsk(orgs["police"], "Any incidents at the home?", shared),
            CheckAsk(orgs["school"], "Attendance this term?", shared),
        ],
    )
    police = check_respond(actor=users["police-partner"], check=police, response="None known.")
    upload = SimpleUploadedFile("log.pdf", PDF, content_type="application/pdf")
    check_attachment_add(actor=users["police-partner"], check=police, upload=upload)
    (health,) = checks_request(
        actor=worker,
        contact=contacts["other-family"],
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        reasons="Health history.",
        asks=[CheckAsk(orgs["health"], "Known to health?", "Name")],
    )
    return {"police": police, "school": school, "health": health}


def _decisions(users: dict[str, User], contacts: dict[str, Contact]) -> dict[str, Decision]:
    worker = users["social-worker"]
    decisions = {}
    for key, outcome, level in (
        ("early-help", Outcome.EARLY_HELP, 2),
        ("assessment", Outcome.ASSESSMENT, 3),
        ("sign-off", Outcome.NO_FURTHER_ACTION, 1),
    ):
        screening = screen(worker, contacts[key], rag="green", why="Screened for the crawl.")
        threshold(worker, screening, level, "The level of need.")
        decisions[key] = decision_record(
            actor=worker, contact=contacts[key], outcomes=[outcome], reasons="For the crawl."
        )
    screen(worker, contacts["shared"], rag="green", why="Screened for the crawl.")
    return decisions


def _referral(users: dict[str, User], decision: Decision) -> Referral:
    referral = Referral.objects.get(contact=decision.contact)
    team, _ = AssessmentTeam.objects.get_or_create(name="North assessment team")
    return referral_allocate(
        actor=users["team-manager"],
        referral=referral,
        team=team,
        social_worker=users["assessment-worker"],
    )


def _break_glass(users: dict[str, User], restricted: Person) -> None:
    """A night worker (not a crawler) opened her record, giving a reason (which names no
    one, as the form asks); a search for her by name is in the access log too."""
    night = user_create(
        actor=None,
        username="night-worker",
        password=PASSWORD,
        first_name="Night",
        last_name="Worker",
        role=Role.CADS_SOCIAL_WORKER,
        organisation=users["social-worker"].organisation,
    )
    request = RequestFactory().get("/")
    request.user = night
    request.resolver_match = resolve(reverse("people:break-glass", args=[restricted.pk]))
    break_glass_open(
        request=request,
        actor=night,
        person=restricted,
        reason="Her school rang at 2am about a new injury",
    )
    access_log_record(
        request=request,
        subject=restricted,
        search_terms=f"given_name={RESTRICTED_GIVEN}; date_of_birth=2017-06-14",
    )


def world_build() -> World:
    """Build the world once for the module (the crawl only reads it)."""
    users = _users()
    orgs = {"police": _org(POLICE), "school": _org(SCHOOL), "health": _org(HEALTH)}
    restricted, mother, brother, other = _family()
    duty_manager = user_create(
        actor=None,
        username="duty-manager",
        password=PASSWORD,
        first_name="Duty",
        last_name="Manager",
        role=Role.TEAM_MANAGER,
        organisation=users["team-manager"].organisation,
    )
    person_restrict(
        actor=duty_manager,
        person=restricted,
        reason="domestic_abuse",
        note="Moved away from a violent parent",
        users=[users["key-worker"]],
    )
    _break_glass(users, restricted)
    family = Family(parents=[mother], children=[restricted, brother])
    contacts = _contacts(users, family, other)
    contacts["draft"] = _draft(users, restricted)
    named = {
        "draft": named_person_add(
            actor=users["call-handler"],
            contact=contacts["draft"],
            role="child",
            details={"given_name": "Kit", "family_name": "Hartley"},
        ),
        "shared": named_rows_create(
            contact=contacts["shared"],
            people=[{"role": "child", "given_name": "Otti", "family_name": "Hartley"}],
        )[0],
    }
    contacts["consultation"] = _consultation(users)
    checks = _checks(users, orgs, contacts)
    decisions = _decisions(users, contacts)
    referral = _referral(users, decisions["assessment"])
    asked = authorisation_request(
        actor=users["social-worker"],
        contact=contacts["no-consent"],
        reasons="Telling them risks her",
    )
    attachment = attachment_add(
        actor=users["call-handler"],
        contact=contacts["shared"],
        description="School log",
        upload=SimpleUploadedFile("log.pdf", PDF, content_type="application/pdf"),
    )
    for letter in Letter.objects.filter(status="queued"):
        letter_deliver(letter_id=str(letter.pk))
    # A hurried second record for her (another birth date, so its own page may show it).
    duplicate = person_create(
        actor=None,
        given_name="Otto",
        family_name="Hartley",
        sex="F",
        date_of_birth=RESTRICTED_DOB + datetime.timedelta(days=1),
    )
    a, b = sorted([restricted.pk, duplicate.pk], key=str)
    pair = DuplicateCandidate.objects.create(person_a_id=a, person_b_id=b, score=0.9, band="high")
    world = World(users, orgs, restricted, mother, brother, other, contacts, checks, decisions)
    world.ids = {
        "referral": referral.pk,
        "early-help": EarlyHelpRequest.objects.get(contact=contacts["early-help"]).pk,
        "attachment": attachment.pk,
        "check-file": checks["police"].attachments.get().pk,
        "duplicate": pair.pk,
        "authorisation": asked.pk,
        "named": {key: row.pk for key, row in named.items()},
        "letters": {letter.contact_id: letter.pk for letter in Letter.objects.all()},
    }
    return world
