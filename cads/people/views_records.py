"""Pages that change what is linked to a person: address, family, restriction, and the
break-glass screen for restricted records."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.accounts.roles import CHANGE_PERSON, RESTRICT_PERSON, VIEW_ACCESS_LOG, VIEW_PERSON
from cads.accounts.selectors import signed_in_user
from cads.core.access import requires
from cads.people import selectors
from cads.people.forms import (
    AddressForm,
    BreakGlassForm,
    PersonSearchForm,
    RelationshipForm,
    RestrictForm,
)
from cads.people.models import BreakGlassAccess, Person
from cads.people.restriction import break_glass_open, person_restrict, person_unrestrict
from cads.people.services import household_create, person_move, relationship_add

NOT_SHOWN = "Not shown: you may not look people up"


def _person_for_change(request: HttpRequest, pk: uuid.UUID) -> Person | HttpResponse:
    person = selectors.person_get(request=request, pk=pk)
    if not selectors.may_see_restricted(user=signed_in_user(request), person=person):
        return render(request, "people/person_restricted.html", {"person": person}, status=403)
    # Each of these pages shows the person's name: a view, logged (ADR 0010).
    selectors.person_viewed(request=request, person=person)
    return person


@requires(CHANGE_PERSON)
def address_change(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Record where the person lives now; the previous address stays in the history."""
    person = _person_for_change(request, pk)
    if isinstance(person, HttpResponse):
        return person
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actor = signed_in_user(request)
        with transaction.atomic():
            household = household_create(
                actor=actor,
                address=data["address"].strip(),
                postcode=data["postcode"],
                no_fixed_abode=data["no_fixed_abode"],
            )
            person_move(actor=actor, person=person, household=household, moved_in=data["moved_in"])
        messages.success(request, "Address recorded")
        return redirect("people:person-detail", person.pk)
    return render(request, "people/address_form.html", {"form": form, "person": person})


@requires(CHANGE_PERSON)
def family_member_find(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Find the family member to link (search before create applies here too)."""
    person = _person_for_change(request, pk)
    if isinstance(person, HttpResponse):
        return person
    form = PersonSearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "person": person}
    if form.is_bound and form.is_valid():
        # No way in to a restricted record from here, not even its id (ADR 0025): linking
        # needs the same access as reading it, asked for from the record itself.
        results = selectors.person_search(
            request=request, query=form.query(), terms="link family", break_glass=False
        )
        context["results"] = [r for r in results if r.pk != person.pk]
    return render(request, "people/family_find.html", context)


@requires(CHANGE_PERSON)
def family_member_link(request: HttpRequest, pk: uuid.UUID, other: uuid.UUID) -> HttpResponse:
    """Say how the found person is related to this one."""
    person = _person_for_change(request, pk)
    if isinstance(person, HttpResponse):
        return person
    relative = _person_for_change(request, other)
    if isinstance(relative, HttpResponse):  # linking is a write to the relative's record too
        return relative
    form = RelationshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        pr = {"yes": True, "no": False}.get(form.cleaned_data["parental_responsibility"])
        relationship_add(
            actor=signed_in_user(request),
            from_person=relative,
            to_person=person,
            kind=form.cleaned_data["kind"],
            parental_responsibility=pr,
        )
        messages.success(request, f"{relative.full_name} linked to {person.full_name}")
        return redirect("people:person-detail", person.pk)
    context = {"form": form, "person": person, "relative": relative}
    return render(request, "people/family_link.html", context)


@requires(RESTRICT_PERSON)
def person_restriction(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A manager restricts a record to a named access list, or lifts the restriction."""
    person = _person_for_change(request, pk)
    if isinstance(person, HttpResponse):
        return person
    actor = signed_in_user(request)
    if request.method == "POST" and request.POST.get("action") == "lift":
        person_unrestrict(actor=actor, person=person, note="Restriction lifted")
        messages.success(request, "Restriction lifted")
        return redirect("people:person-detail", person.pk)
    initial = {
        "reason": person.restriction_reason,
        "users": [a.user for a in person.access_list.all()],
    }
    form = RestrictForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person_restrict(
            actor=actor,
            person=person,
            reason=data["reason"],
            note=data["note"],
            users=list(data["users"]),
        )
        messages.success(request, "Record restricted")
        return redirect("people:person-detail", person.pk)
    return render(request, "people/restrict_form.html", {"form": form, "person": person})


@requires(VIEW_PERSON)
def break_glass(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Open a restricted record with a reason; logged, on the timeline, manager alerted."""
    person = selectors.person_get(request=request, pk=pk)
    if not person.restricted:
        return redirect("people:person-detail", person.pk)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        break_glass_open(
            request=request,
            actor=signed_in_user(request),
            person=person,
            reason=form.cleaned_data["reason"],
        )
        return redirect("people:person-detail", person.pk)
    return render(request, "people/break_glass_form.html", {"form": form, "person": person})


@requires(VIEW_ACCESS_LOG)
def break_glass_list(request: HttpRequest) -> HttpResponse:
    """Managers review every break-glass opening: who, which record, when, why."""
    entries = list(BreakGlassAccess.objects.select_related("person", "user")[:200])
    # Reading the reasons is the managers' review; the administrator, who may not look people
    # up, reads none (a reason may name the person, ADR 0025).
    reasons = request.user.has_perm(VIEW_PERSON)
    rows = [(entry, entry.reason if reasons else NOT_SHOWN) for entry in entries]
    return render(request, "people/break_glass_list.html", {"rows": rows})
