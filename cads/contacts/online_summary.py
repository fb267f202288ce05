"""The check-answers page's summary lists: every answer in the words the referrer saw, each
with a Change link back to its page (which then returns to check answers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.dateformat import format as date_format

from cads.contacts.codes import Consent, ConsentNotSoughtReason, YesNoUnknown
from cads.contacts.forms_online_you import ORGANISATION_TYPES
from cads.contacts.online import OnlineAnswers, ReportedPerson
from cads.contacts.online_flow import url

PUBLIC_RELATIONSHIP_TEXT: dict[str, str] = {
    "1A": "Part of the child's family, a relative or their carer",
    "1B": "Knows the family, for example as a neighbour, friend or childminder",
    "1D": "Another way",
}
TOLD_TEXT: dict[str, str] = {
    YesNoUnknown.YES: "Yes",
    YesNoUnknown.NO: "No",
    YesNoUnknown.UNKNOWN: "Not sure",
}
CONSENT_TEXT: dict[str, str] = {
    Consent.GIVEN: "Yes, they agreed",
    Consent.REFUSED: "No, they did not agree",
    Consent.NOT_SOUGHT: "I have not asked them",
}
REASON_TEXT: dict[str, str] = {
    ConsentNotSoughtReason.RISK_OF_HARM: "Asking could put the child or someone else at risk",
    ConsentNotSoughtReason.CRIMINAL_INVESTIGATION: "Asking could undermine a criminal "
    "investigation",
    ConsentNotSoughtReason.OTHER: "Another reason",
}


@dataclass
class Row:
    key: str
    lines: list[str]
    change_url: str
    change_label: str  # visually hidden after "Change", e.g. "what is worrying you"


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)
    add_url: str = ""
    add_label: str = ""

    def add(self, key: str, value: str | list[str], page: str, *args: int, label: str = "") -> None:
        lines = [x for x in (value if isinstance(value, list) else [value]) if x]
        change = url(page, *args, back_to_check=True)
        self.rows.append(Row(key, lines or ["Not given"], change, label or key.lower()))


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def _person_lines(person: ReportedPerson, *, child: bool) -> list[str]:
    born = person.birth_date
    lines = [person.relationship.capitalize()]
    if born:
        lines.append(f"Born {date_format(born, 'j F Y')}")
    elif child:
        lines.append("Date of birth not known")
    lines += [person.address, person.postcode, person.phone]
    if child and person.school:
        lines.append(f"School: {person.school}")
    return lines


def _people(answers: OnlineAnswers) -> list[Section]:
    children = Section(
        "The children",
        add_url=url("children", back_to_check=True),
        add_label="Add or remove children",
    )
    for number, person in enumerate(answers.children, start=1):
        children.add(
            person.full_name,
            _person_lines(person, child=True),
            "child",
            number,
            label=f"the details of {person.full_name}",
        )
    parents = Section(
        "Parents and carers",
        add_url=url("parents", back_to_check=True),
        add_label="Add or remove parents or carers",
    )
    for number, person in enumerate(answers.parents, start=1):
        parents.add(
            person.full_name,
            _person_lines(person, child=False),
            "parent",
            number,
            label=f"the details of {person.full_name}",
        )
    if not answers.parents:
        parents.add("Parents or carers", "None given", "parents")
    return [children, parents]


def _concern(answers: OnlineAnswers) -> Section:
    concern = Section("What is worrying you")
    concern.add("What is worrying you", answers.concern, "worry")
    concern.add("What happened today", answers.different_today or "Nothing given", "today")
    concern.add("Does the family know", TOLD_TEXT.get(answers.parents_told, ""), "family-told")
    if answers.is_professional:
        lines = [CONSENT_TEXT.get(answers.consent, "")]
        if answers.consent == Consent.NOT_SOUGHT:
            lines += [
                REASON_TEXT.get(answers.consent_not_sought_reason, ""),
                answers.consent_reason_detail,
            ]
        concern.add("Have the parents or carers agreed", lines, "consent")
    return concern


def _you(answers: OnlineAnswers) -> Section:
    you = Section("About you")
    you.add(
        "Public or professional",
        "Professional" if answers.is_professional else "Member of the public",
        "who-are-you",
    )
    if not answers.is_professional:
        relationship = PUBLIC_RELATIONSHIP_TEXT.get(answers.relationship, "")
        you.add(
            "How you know the child", [relationship, answers.relationship_detail], "relationship"
        )
        you.add("Stay anonymous", _yes_no(answers.anonymous), "anonymous")
    if answers.is_anonymous:
        return you
    you.add("Name", answers.name, "your-details")
    if answers.is_professional:
        you.add("Job title", answers.job_title, "your-details")
        you.add(
            "Organisation",
            [answers.organisation, ORGANISATION_TYPES.get(answers.organisation_type, "")],
            "your-details",
        )
    you.add("Phone number", answers.phone, "your-details")
    email = [answers.email, "Confirmed with a code" if answers.email_verified else ""]
    you.add("Email address", email, "your-details")
    if answers.is_professional:
        you.add("How you know the child and family", answers.how_well_known, "your-details")
    else:
        you.add(
            "Can we tell the family it was you",
            _yes_no(answers.identity_may_be_shared),
            "your-details",
        )
    return you


def summary_sections(answers: OnlineAnswers) -> list[Section]:
    danger = Section("Immediate danger")
    danger.add(
        "Is a child in immediate danger now", _yes_no(answers.immediate_risk), "immediate-risk"
    )
    return [danger, *_people(answers), _concern(answers), _you(answers)]
