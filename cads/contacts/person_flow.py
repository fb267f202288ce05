"""Search before create, shared by every page that puts a person on a contact: the staff
intake's Children and family step and the screener identifying a person the contact named.
One flow, so a record is never created without a search and the search's details fill the
new record (local practice: one child, one file)."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from cads.accounts.models import User
from cads.contacts.forms_children import IntakePersonForm
from cads.contacts.models import Contact
from cads.people import selectors as people
from cads.people.forms import PersonSearchForm
from cads.people.models import Household, Person
from cads.people.services import (
    EDITABLE_FIELDS,
    household_create,
    person_create,
    phone_number_add,
)

SEARCHES = "contacts.person_searches"  # session: search token -> the search, to prefill


def remember_search(request: HttpRequest, form: PersonSearchForm, **extra: str) -> str:
    """Keep the search, so "create a new record" proves it followed one and is prefilled.
    `extra` (an address and phone number as given) fills the new record too."""
    token = uuid.uuid4().hex
    query: dict[str, Any] = asdict(form.query())
    born = form.cleaned_data["date_of_birth"]
    query["date_of_birth"] = born.isoformat() if born else ""
    searches = dict(list(request.session.get(SEARCHES, {}).items())[-9:])
    request.session[SEARCHES] = searches | {token: query | extra}
    return token


def remembered_search(request: HttpRequest, token: str) -> dict[str, Any] | None:
    found: dict[str, Any] | None = request.session.get(SEARCHES, {}).get(token)
    return found


def search(request: HttpRequest, form: PersonSearchForm, **extra: str) -> dict[str, Any]:
    """Ranked results (each record shown is access-logged with the terms) and the token."""
    terms = "; ".join(f"{k}={v}" for k, v in form.cleaned_data.items() if v)
    return {
        "results": people.person_search(request=request, query=form.query(), terms=terms),
        "search_token": remember_search(request, form, **extra),
    }


def initial_from_search(query: dict[str, Any]) -> dict[str, Any]:
    fields: tuple[str, ...] = (
        "given_name",
        "family_name",
        "sex",
        "nhs_number",
        "upn",
        "date_of_birth",
    )
    fields += ("address", "postcode", "phone")  # as a contact gave them, where it did
    return {f: query[f] for f in fields if query.get(f)}


def households(contact: Contact) -> list[Household]:
    """Addresses already on the contact: brothers and sisters often share one."""
    ids = contact.subjects.exclude(person__household=None).values("person__household")
    return list(Household.objects.filter(pk__in=ids).order_by("address"))


@transaction.atomic
def create_person(actor: User, form: IntakePersonForm, key: uuid.UUID) -> Person:
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


def creation_key(request: HttpRequest) -> uuid.UUID:
    """The one-time key of the create form: a double click finds the record just made."""
    try:
        return uuid.UUID(request.POST.get("creation_key", ""))
    except ValueError:
        return uuid.uuid4()


def created_before(key: uuid.UUID) -> Person | None:
    return Person.objects.filter(creation_key=key).first()
