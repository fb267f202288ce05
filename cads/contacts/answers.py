"""What the task list and "Check your answers" show: each section's status and its
answers in words, using the section forms' own labels and choices."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.dateformat import format as date_format

from cads.accounts.models import User
from cads.contacts.forms_sections import SECTION_FORMS
from cads.contacts.models import Contact, ContactSubject
from cads.contacts.sections import SECTIONS, Section
from cads.people.restriction import people_shown

CHILDREN = "children-and-family"
COMPLETED, IN_PROGRESS, NOT_STARTED = "Completed", "In progress", "Not yet started"


@dataclass(frozen=True)
class Task:
    slug: str
    title: str
    status: str


@dataclass(frozen=True)
class Row:
    label: str
    value: str


@dataclass(frozen=True)
class AnswerSection:
    slug: str
    title: str
    rows: list[Row]


def _started(contact: Contact, section: Section) -> bool:
    if section.slug == CHILDREN:
        return contact.subjects.exists() or contact.named_people.exists()
    return any(getattr(contact, name) not in (None, "", False) for name in section.fields)


def section_statuses(contact: Contact) -> list[Task]:
    """GOV.UK task list statuses: Completed once saved with "Save and continue"; In progress
    when something is recorded but the section was not saved as a whole."""
    tasks = []
    for section in SECTIONS:
        if section.slug in contact.sections_done:
            status = COMPLETED
        elif _started(contact, section):
            status = IN_PROGRESS
        else:
            status = NOT_STARTED
        tasks.append(Task(section.slug, section.title, status))
    return tasks


def display(field: forms.Field | None, value: Any) -> str:
    """One answer in words: choices by their label, yes/no, dates as "27 March 2026"."""
    if value in (None, "", []):
        return "Not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    choices = dict(getattr(field, "choices", None) or [])
    return str(choices.get(value, value))


def subject_summary(subject: ContactSubject) -> str:
    """A person on the contact in a line or two (for the summary list)."""
    person = subject.person
    parts = [subject.get_role_display()]
    if person.date_of_birth:
        parts.append(f"born {date_format(person.date_of_birth, 'j F Y')}")
    elif person.expected_date_of_delivery:
        parts.append(f"unborn, due {date_format(person.expected_date_of_delivery, 'j F Y')}")
    if subject.parental_responsibility is not None:
        pr = "has" if subject.parental_responsibility else "does not have"
        parts.append(f"{pr} parental responsibility")
    if subject.whereabouts:
        parts.append(f"now: {subject.whereabouts}")
    return "; ".join(parts)


def _children_rows(contact: Contact, viewer: User) -> list[Row]:
    subjects = contact.subjects.select_related("person").order_by("role", "person__family_name")
    shown = people_shown(request=None, viewer=viewer, people=[s.person for s in subjects])
    rows = [
        Row(shown[s.person_id].name, subject_summary(s))
        if shown[s.person_id].visible
        else Row(shown[s.person_id].name, s.get_role_display())
        for s in subjects
    ]
    rows += [
        Row(n.full_name, f"{n.get_role_display()}; named, not yet identified")
        for n in contact.named_people.all()
    ]
    return rows or [Row("People", "No one added yet")]


def answer_sections(contact: Contact, *, viewer: User) -> list[AnswerSection]:
    """Every section's answers, in task-list order, for "Check your answers" (people as
    `viewer` may see them)."""
    result = [AnswerSection(CHILDREN, "Children and family", _children_rows(contact, viewer))]
    for section in SECTIONS:
        form_class = SECTION_FORMS.get(section.slug)
        if form_class is None:
            continue
        fields = form_class.base_fields
        rows = [
            Row(str(fields[name].label), display(fields[name], getattr(contact, name)))
            for name in fields
        ]
        result.append(AnswerSection(section.slug, section.title, rows))
    return result


# Which page fixes each of missing_for_submit's messages (matched on a word in it).
_FIXED_ON = (
    ("immediate risk", "immediate-risk"),
    ("child or children", CHILDREN),
    ("referrer", "referrer"),
    ("consent", "consent"),
    ("concern", "concern"),
)


def missing_links(contact: Contact, missing: list[str]) -> list[Row]:
    """Each problem with the page that fixes it, for the error summary's links."""
    links = []
    for message in missing:
        slug = next((s for word, s in _FIXED_ON if word in message), "")
        if slug == "immediate-risk":
            url = reverse("contacts:immediate-risk", args=[contact.pk])
        elif slug:
            url = reverse("contacts:section", args=[contact.pk, slug])
        else:
            url = reverse("contacts:task-list", args=[contact.pk])
        links.append(Row(message, url))
    return links
