"""The Children and family section: search for each person before creating a record (so a
child's history stays on one file), then say who they are in this contact."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from cads.accounts.models import User
from cads.accounts.roles import ADD_CONTACT, ADD_PERSON, VIEW_PERSON
from cads.accounts.selectors import signed_in_user
from cads.contacts.codes import SubjectRole
from cads.contacts.forms_children import IntakePersonForm, SubjectRoleForm
from cads.contacts.models import Contact
from cads.contacts.selectors import contact_get
from cads.contacts.services import (
    StaleContactError,
    contact_section_save,
    contact_subject_add,
    contact_subject_remove,
)
from cads.contacts.views_intake import STALE, draft_or_redirect, posted, posted_version
from cads.core.access import requires
from cads.people import selectors as people
from cads.people.forms import PersonSearchForm
from cads.people.models import Household, Person
from cads.people.services import (
    EDITABLE_FIELDS,
    household_create,
    person_create,
    phone_number_add,
)

SLUG = "children-and-family"
SEARCHES = "contacts.person_searches"  # session: search token -> the search, to prefill


@requires(ADD_CONTACT)
def children_section(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The people on the contact, with change and remove links; saving needs a child."""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    subjects = contact.subjects.select_related("person", "person__household")
    errors: list[str] = []
    if request.method == "POST":
        if not subjects.filter(role=SubjectRole.CHILD).exists():
            errors.append("Add the child or children the concern is about")
        else:
            try:
                contact_section_save(
                    actor=signed_in_user(request),
                    contact=contact,
                    section=SLUG,
                    changes={},
                    expected_version=posted_version(request),
                )
            except StaleContactError:
                errors.append(STALE)
            else:
                return redirect("contacts:task-list", contact.pk)
    context = {"contact": contact, "subjects": subjects.order_by("role"), "errors": errors}
    return render(request, "contacts/intake/children.html", context, status=400 if errors else 200)


def _remember_search(request: HttpRequest, form: PersonSearchForm) -> str:
    """Keep the search, so "create a new record" proves it followed one and is prefilled."""
    token = uuid.uuid4().hex
    query = asdict(form.query())
    born = form.cleaned_data["date_of_birth"]
    query["date_of_birth"] = born.isoformat() if born else ""
    searches = dict(list(request.session.get(SEARCHES, {}).items())[-9:])
    request.session[SEARCHES] = searches | {token: query}
    return token


@requires(ADD_CONTACT, VIEW_PERSON)
def subject_search(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Search the register for a person to add (every record shown is access-logged)."""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    form = PersonSearchForm(request.GET or None)
    context: dict[str, Any] = {"contact": contact, "form": form}
    if form.is_bound and form.is_valid():
        terms = "; ".join(f"{k}={v}" for k, v in request.GET.items() if v)
        context["results"] = people.person_search(request=request, query=form.query(), terms=terms)
        context["search_token"] = _remember_search(request, form)
        context["on_contact"] = set(contact.subjects.values_list("person_id", flat=True))
    return render(request, "contacts/intake/person_search.html", context)


def _initial_from_search(query: dict[str, Any]) -> dict[str, Any]:
    fields = ("given_name", "family_name", "sex", "nhs_number", "upn", "date_of_birth")
    return {f: query[f] for f in fields if query.get(f)}


def _households(contact: Contact) -> list[Household]:
    ids = contact.subjects.exclude(person__household=None).values("person__household")
    return list(Household.objects.filter(pk__in=ids).order_by("address"))


@transaction.atomic
def _create_person(actor: User, form: IntakePersonForm, key: uuid.UUID) -> Person:
    """Record, address and phone number together, or none of them."""
    data = form.cleaned_data
    household = form.household()
    if household is None and data["address"].strip():
        household = household_create(
            actor=actor, address=data["address"].strip(), postcode=data["postcode"]
        )
    details = {k: v for k, v in data.items() if k in EDITABLE_FIELDS and v not in (None, "")}
    details |= {
        "sex": data["sex"],
        "disabilities": data.get("disabilities") or [],
        "interpreter_needed": bool(data.get("interpreter_needed")),
    }
    person = person_create(actor=actor, household=household, creation_key=key, **details)
    if data["phone"]:
        phone_number_add(actor=actor, person=person, number=data["phone"])
    return person


def _creation_key(request: HttpRequest) -> uuid.UUID:
    try:
        return uuid.UUID(request.POST.get("creation_key", ""))
    except ValueError:
        return uuid.uuid4()


@requires(ADD_CONTACT, ADD_PERSON)
def subject_create(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Create a record for someone the search did not find (only after a search)."""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    token = request.GET.get("search") or request.POST.get("search", "")
    query = request.session.get(SEARCHES, {}).get(token)
    if query is None:
        messages.info(request, "Search for the person first, so a record is never duplicated")
        return redirect("contacts:subject-search", contact.pk)
    key = _creation_key(request) if request.method == "POST" else uuid.uuid4()
    existing = Person.objects.filter(creation_key=key).first()
    if existing is not None:  # a double click or a retried request after a dropped line
        return redirect("contacts:subject-role", contact.pk, existing.pk)
    form = IntakePersonForm(
        posted(request), initial=_initial_from_search(query), households=_households(contact)
    )
    if request.method == "POST" and form.is_valid():
        person = _create_person(signed_in_user(request), form, key)
        return redirect("contacts:subject-role", contact.pk, person.pk)
    context = {"contact": contact, "form": form, "search_token": token, "creation_key": key}
    return render(request, "contacts/intake/person_create.html", context)


@requires(ADD_CONTACT, VIEW_PERSON)
def subject_role(request: HttpRequest, pk: uuid.UUID, person: uuid.UUID) -> HttpResponse:
    """Who this person is in the contact: the child, a sibling, a parent or carer…"""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    record = people.person_get(request=request, pk=person)
    if not people.may_see_restricted(user=signed_in_user(request), person=record):
        return render(request, "people/person_restricted.html", {"person": record}, status=403)
    subject = contact.subjects.filter(person=record).first()
    form = SubjectRoleForm(posted(request), initial=SubjectRoleForm.initial_for(subject))
    if request.method == "POST" and form.is_valid():
        contact_subject_add(
            actor=signed_in_user(request),
            contact=contact,
            person=record,
            **form.subject_details(),
        )
        return redirect("contacts:section", contact.pk, SLUG)
    context = {"contact": contact, "person": record, "form": form, "subject": subject}
    return render(request, "contacts/intake/subject_role.html", context)


@requires(ADD_CONTACT)
def subject_remove(request: HttpRequest, pk: uuid.UUID, person: uuid.UUID) -> HttpResponse:
    """Take a person off this contact (their record stays on the register)."""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    subject = get_object_or_404(contact.subjects.select_related("person"), person_id=person)
    if request.method == "POST":
        contact_subject_remove(actor=signed_in_user(request), subject=subject)
        messages.success(request, f"{subject.person.full_name} removed from this contact")
        return redirect("contacts:section", contact.pk, SLUG)
    return render(
        request, "contacts/intake/subject_remove.html", {"contact": contact, "subject": subject}
    )
