"""Online form: the children and the parents or carers, with GOV.UK "add another thing":
one page per person, then a list with Change and Remove and "Do you need to add another?".
Works without JavaScript. Numbers in the URLs index the visitor's own session answers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Final

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.contacts import online_flow
from cads.contacts.forms_online_people import ChildForm, ParentForm, YesNoForm
from cads.contacts.online import OnlineAnswers, ReportedPerson
from cads.contacts.online_pages import (
    answers_load,
    answers_save,
    back_to_check,
    online_page,
    page_done,
)

# Enough for any family; keeps a session (and a bot) bounded. More can be described in
# "What is worrying you".
MAX_PEOPLE: Final = 10


@dataclass(frozen=True)
class Kind:
    step: str  # the list page's URL name, also the flow step
    item: str  # the one-person page's URL name
    noun: str
    plural: str
    form_class: type[forms.Form]
    first_question: str  # asked on the list page while it is empty (None: go to the form)
    first_required: str


CHILDREN: Final = Kind(
    "children",
    "child",
    "child",
    "children",
    ChildForm,
    "",
    "",
)
PARENTS: Final = Kind(
    "parents",
    "parent",
    "parent or carer",
    "parents or carers",
    ParentForm,
    "Can you tell us about the child's parents or carers?",
    "Select yes if you can tell us about the child's parents or carers",
)


def _people(answers: OnlineAnswers, kind: Kind) -> list[ReportedPerson]:
    people: list[ReportedPerson] = getattr(answers, kind.step)
    return people


def _url(name: str, request: HttpRequest, *args: int) -> str:
    return online_flow.url(name, *args, back_to_check=back_to_check(request))


def _list_form(request: HttpRequest, kind: Kind, count: int) -> YesNoForm:
    data = request.POST if request.method == "POST" else None
    if count == 0:
        return YesNoForm(data, question=kind.first_question, required=kind.first_required)
    return YesNoForm(
        data,
        question=f"Do you need to add another {kind.noun}?",
        required=f"Select yes if you need to add another {kind.noun}",
    )


def _person_list(request: HttpRequest, kind: Kind) -> HttpResponse:
    answers = answers_load(request)
    people = _people(answers, kind)
    if not people and not kind.first_question:
        return redirect(_url(kind.item, request, 1))
    form = _list_form(request, kind, len(people))
    if form.is_valid():
        if form.cleaned_data["answer"] == "no":
            return page_done(request, answers, kind.step, form)
        if len(people) < MAX_PEOPLE:
            return redirect(_url(kind.item, request, len(people) + 1))
        form.add_error(
            "answer",
            f"You cannot add more than {MAX_PEOPLE} {kind.plural}. Tell us about the others "
            "when you describe what is worrying you",
        )
    rows = [
        {
            "name": person.full_name,
            "change_url": _url(kind.item, request, number),
            "remove_url": _url(f"{kind.item}-remove", request, number),
        }
        for number, person in enumerate(people, start=1)
    ]
    context = {
        "form": form,
        "rows": rows,
        "heading": _list_heading(kind, len(people)),
        "back_url": online_flow.back_url(answers, kind.step, back_to_check=back_to_check(request)),
    }
    return render(request, "contacts/online/person_list.html", context)


def _list_heading(kind: Kind, count: int) -> str:
    if count == 0:
        return kind.plural.capitalize().replace(" or ", " and ")
    return f"You have added {count} {kind.noun if count == 1 else kind.plural}"


def _initial(person: ReportedPerson | None, kind: Kind) -> dict[str, Any]:
    if person is None:
        return {}
    initial = dataclasses.asdict(person) | {"date_of_birth": person.birth_date}
    if kind is CHILDREN:
        initial["date_of_birth_unknown"] = person.birth_date is None
    return initial


def _from_form(data: dict[str, Any]) -> ReportedPerson:
    names = {f.name for f in dataclasses.fields(ReportedPerson)}
    values = {k: v for k, v in data.items() if k in names and k != "date_of_birth"}
    born = data.get("date_of_birth")
    return ReportedPerson(**values, date_of_birth=born.isoformat() if born else "")


def _person_form(request: HttpRequest, kind: Kind, number: int) -> HttpResponse:
    answers = answers_load(request)
    people = _people(answers, kind)
    if not 1 <= number <= min(len(people) + 1, MAX_PEOPLE):
        raise Http404
    existing = people[number - 1] if number <= len(people) else None
    data = request.POST if request.method == "POST" else None
    form = kind.form_class(data, initial=_initial(existing, kind))
    if form.is_valid():
        person = _from_form(form.cleaned_data)
        if existing is None:
            people.append(person)
        else:
            people[number - 1] = person
        if getattr(form, "honeypot_filled", False):
            answers.honeypot_filled = True
        answers_save(request, answers)
        return redirect(_url(kind.step, request))
    ordinal = "" if number == 1 else f" ({number})"
    context = {
        "form": form,
        "title": f"About the {kind.noun}{ordinal}",
        "heading": f"About the {kind.noun}{ordinal}",
        "intro": ["Tell us what you know. You can leave out anything you do not know."],
        "back_url": _url(kind.step, request)
        if people
        else online_flow.back_url(answers, kind.step),
    }
    return render(request, "contacts/online/question.html", context)


def _person_remove(request: HttpRequest, kind: Kind, number: int) -> HttpResponse:
    answers = answers_load(request)
    people = _people(answers, kind)
    if not 1 <= number <= len(people):
        raise Http404
    name = people[number - 1].full_name
    data = request.POST if request.method == "POST" else None
    question = f"Are you sure you want to remove {name}?"
    form = YesNoForm(
        data,
        question=question,
        required=f"Select yes if you want to remove {name}",
        heading=True,
    )
    if form.is_valid():
        if form.cleaned_data["answer"] == "yes":
            del people[number - 1]
            answers_save(request, answers)
        return redirect(_url(kind.step, request))
    context = {"form": form, "title": question, "back_url": _url(kind.step, request)}
    return render(request, "contacts/online/question.html", context)


@online_page
def children(request: HttpRequest) -> HttpResponse:
    return _person_list(request, CHILDREN)


@online_page
def child(request: HttpRequest, number: int) -> HttpResponse:
    return _person_form(request, CHILDREN, number)


@online_page
def child_remove(request: HttpRequest, number: int) -> HttpResponse:
    return _person_remove(request, CHILDREN, number)


@online_page
def parents(request: HttpRequest) -> HttpResponse:
    return _person_list(request, PARENTS)


@online_page
def parent(request: HttpRequest, number: int) -> HttpResponse:
    return _person_form(request, PARENTS, number)


@online_page
def parent_remove(request: HttpRequest, number: int) -> HttpResponse:
    return _person_remove(request, PARENTS, number)
