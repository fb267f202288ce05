"""Person pages: search before create, the record, and editing. Thin: forms validate,
services write, selectors read and log."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from cads.accounts.roles import ADD_PERSON, CHANGE_PERSON, VIEW_PERSON
from cads.accounts.selectors import signed_in_user
from cads.core.access import requires
from cads.core.form_versions import posted_version
from cads.people import selectors
from cads.people.forms import PersonForm, PersonSearchForm
from cads.people.models import Person
from cads.people.network import family_network_for
from cads.people.restriction import ADDRESS_WITHHELD, people_shown, withheld_households
from cads.people.services import EDITABLE_FIELDS, StaleRecordError, person_create, person_update
from cads.people.timeline import timeline_for

SEARCHES = "people.searches"  # session key: the searches this user ran, by token


def _remember_search(request: HttpRequest, form: PersonSearchForm) -> str:
    """Keep the search so "create a new record" can prove it followed one, prefilled."""
    token = uuid.uuid4().hex
    query = asdict(form.query())
    query["date_of_birth"] = form.cleaned_data["date_of_birth"]
    query["date_of_birth"] = query["date_of_birth"].isoformat() if query["date_of_birth"] else ""
    searches = request.session.get(SEARCHES, {})
    searches = dict(list(searches.items())[-19:])  # a short history is enough
    searches[token] = query
    request.session[SEARCHES] = searches
    return token


@requires(VIEW_PERSON)
def person_search(request: HttpRequest) -> HttpResponse:
    """Search the register: ranked candidates, each with its reasons and confidence band."""
    form = PersonSearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    if form.is_bound and form.is_valid():
        terms = "; ".join(f"{k}={v}" for k, v in request.GET.items() if v)
        context["results"] = selectors.person_search(
            request=request, query=form.query(), terms=terms
        )
        context["search_token"] = _remember_search(request, form)
    return render(request, "people/person_search.html", context)


def _initial_from_search(query: dict[str, Any]) -> dict[str, Any]:
    fields = ("given_name", "family_name", "sex", "nhs_number", "upn")
    initial = {f: query[f] for f in fields if query.get(f)}
    if query.get("date_of_birth"):
        initial["date_of_birth"] = query["date_of_birth"]
    return initial


@requires(ADD_PERSON)
def person_create_view(request: HttpRequest) -> HttpResponse:
    """Create a record, only after a search (the search token proves one was run)."""
    token = request.GET.get("search") or request.POST.get("search", "")
    query = request.session.get(SEARCHES, {}).get(token)
    if query is None:
        messages.info(request, "Search for the person first, so a record is never duplicated")
        return redirect("people:person-search")
    key = uuid.UUID(request.POST["creation_key"]) if request.method == "POST" else uuid.uuid4()
    existing = Person.objects.filter(creation_key=key).first()
    if existing is not None:  # double submit or a retried request after a dropped connection
        return redirect("people:person-detail", existing.pk)
    form = PersonForm(request.POST or None, initial=_initial_from_search(query))
    if request.method == "POST" and form.is_valid():
        person = person_create(
            actor=signed_in_user(request), creation_key=key, **_details(form.cleaned_data)
        )
        messages.success(request, f"Record created for {person.full_name}")
        return redirect("people:person-detail", person.pk)
    context = {"form": form, "search_token": token, "creation_key": key}
    return render(request, "people/person_form.html", context)


def _details(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in EDITABLE_FIELDS and v not in (None, "")} | {
        "sex": data["sex"],
        "disabilities": data.get("disabilities") or [],
        "interpreter_needed": bool(data.get("interpreter_needed")),
    }


@requires(VIEW_PERSON)
def person_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A person's record page; opening it writes the access log. A restricted record shows
    only that it exists, unless the user is on its access list or breaks the glass."""
    person = selectors.person_get(request=request, pk=pk)
    if person.merged_into_id:
        messages.info(request, "This record was merged; you are looking at the kept record")
        return redirect("people:person-detail", person.merged_into_id)
    if not selectors.may_see_restricted(user=signed_in_user(request), person=person):
        return render(request, "people/person_restricted.html", {"person": person}, status=403)
    person = selectors.person_get_for_view(request=request, pk=pk)
    viewer = signed_in_user(request)
    living = selectors.household_now(person)
    shown = people_shown(request=request, viewer=viewer, people=living)
    addresses = list(person.addresses.select_related("household"))
    withheld = withheld_households(
        viewer=viewer, household_ids=[person.household_id, *(a.household_id for a in addresses)]
    )
    context = {
        "person": person,
        "flags": selectors.current_flags([person.pk]).get(person.pk, []),
        "family": family_network_for(request=request, viewer=viewer, person=person),
        "household": [shown[other.pk] for other in living],
        # Where a restricted person lives now is theirs to protect, on every record there.
        "address_withheld": ADDRESS_WITHHELD if person.household_id in withheld else "",
        "addresses": [a for a in addresses if a.household_id not in withheld],
        "timeline": timeline_for(viewer=viewer, person=person),
    }
    return render(request, "people/person_detail.html", context)


def _edit_initial(person: Person) -> dict[str, Any]:
    return {f: getattr(person, f) for f in EDITABLE_FIELDS}


@requires(CHANGE_PERSON)
def person_edit(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Edit details. If someone saved since this page opened, say so and keep the input."""
    person = selectors.person_get(request=request, pk=pk)
    if not selectors.may_see_restricted(user=signed_in_user(request), person=person):
        return render(request, "people/person_restricted.html", {"person": person}, status=403)
    selectors.person_viewed(request=request, person=person)
    form = PersonForm(request.POST or None, initial=_edit_initial(person))
    version = posted_version(request, missing=person.version)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data.get(f) for f in EDITABLE_FIELDS}
        changes = {k: ("" if v is None and k not in _NULLABLE else v) for k, v in changes.items()}
        try:
            person_update(
                actor=signed_in_user(request),
                person=person,
                expected_version=version,
                changes=changes,
            )
        except StaleRecordError:
            form.add_error(
                None,
                "Someone else changed this record while you were editing it. "
                "Your changes are below: check the record, then save again.",
            )
            version = person.version
        else:
            messages.success(request, "Changes saved")
            return redirect("people:person-detail", person.pk)
    context = {
        "form": form,
        "person": person,
        "version": version,
        "cancel": reverse("people:person-detail", args=[person.pk]),
    }
    return render(request, "people/person_form.html", context)


_NULLABLE = {"date_of_birth", "expected_date_of_delivery", "estimated_age_years", "date_of_death"}
