"""Person pages. The foundation has a read-only record page; the person issue adds more."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cads.accounts.roles import VIEW_PERSON
from cads.core.access import requires
from cads.people.selectors import person_get_for_view, person_list_for_user


@requires(VIEW_PERSON)
def person_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A person's record page; opening it writes the access log."""
    person = person_get_for_view(request=request, pk=pk)
    household_members = (
        person_list_for_user(request=request).filter(household=person.household).exclude(pk=pk)
        if person.household
        else []
    )
    return render(
        request,
        "people/person_detail.html",
        {"person": person, "household_members": household_members},
    )


@requires(VIEW_PERSON)
def person_list(request: HttpRequest) -> HttpResponse:
    """Everyone on the register, for the foundation; replaced by search-before-create."""
    people = person_list_for_user(request=request)[:200]
    return render(request, "people/person_list.html", {"people": people})
