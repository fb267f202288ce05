"""The screener identifies each person the contact named but nobody has yet identified
(ADR 0021): search before create, filled in from the details as given (the same flow, forms
and pages as the intake's Children and family step, cads.contacts.person_flow), then choose
a record (it joins the contact with its role) or create one; or record why they cannot be
identified. Thin: services in cads.contacts.named write, with one audit event each."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from cads.accounts.roles import ADD_PERSON, SCREEN_CONTACT, VIEW_PERSON, VIEW_SCREENING
from cads.accounts.selectors import signed_in_user
from cads.audit.services import access_log_record
from cads.contacts import person_flow
from cads.contacts.forms_children import IntakePersonForm, SubjectRoleForm
from cads.contacts.forms_named import CannotIdentifyForm, search_data
from cads.contacts.models import Contact
from cads.contacts.models_named import NamedPerson
from cads.contacts.named import NamedPersonError, named_person_cannot_identify, named_person_link
from cads.contacts.selectors import named_person_get
from cads.core.access import requires
from cads.people import selectors as people
from cads.people.forms import PersonSearchForm
from cads.screening import selectors

BACK = "Back to screening"


def _named(
    request: HttpRequest, pk: uuid.UUID, contact_pk: uuid.UUID | None = None
) -> tuple[NamedPerson, Contact]:
    """The named person and their contact, which the screener may open (the view logged)."""
    user = signed_in_user(request)
    named = named_person_get(user=user, pk=pk)
    if contact_pk is not None and named.contact_id != contact_pk:
        raise Http404("No such person on this contact")
    contact = selectors.contact_for_screening(user=user, pk=named.contact_id)
    access_log_record(request=request, subject=contact)
    return named, contact


def _resolved(request: HttpRequest, named: NamedPerson) -> HttpResponse | None:
    if named.is_outstanding:
        return None
    messages.info(request, f"{named.full_name} has already been resolved")
    return redirect("screening:screen", named.contact_id)


def _pages(contact: Contact, named: NamedPerson) -> dict[str, Any]:
    return {
        "contact": contact,
        "named": named,
        "back_url": reverse("screening:screen", args=[contact.pk]),
        "back_text": BACK,
    }


@requires(VIEW_SCREENING, SCREEN_CONTACT, VIEW_PERSON)
def named_find(request: HttpRequest, pk: uuid.UUID, named: uuid.UUID) -> HttpResponse:
    """Search the register, at once with the details as given; the screener may refine."""
    record, contact = _named(request, named, pk)
    if (done := _resolved(request, record)) is not None:
        return done
    form = PersonSearchForm(request.GET or search_data(record))
    extra = {"address": record.address, "postcode": record.postcode, "phone": record.phone}
    context = _pages(contact, record) | {
        "form": form,
        "add_to": record,
        "add_url": "screening:named-choose",
        "add_text": "Choose",
        "create_url": reverse("screening:named-create", args=[contact.pk, record.pk]),
    }
    if form.is_valid():
        context |= person_flow.search(request, form, **{k: v for k, v in extra.items() if v})
        context["on_contact"] = set()
    return render(request, "contacts/intake/person_search.html", context)


@requires(VIEW_SCREENING, SCREEN_CONTACT, VIEW_PERSON, ADD_PERSON)
def named_create(request: HttpRequest, pk: uuid.UUID, named: uuid.UUID) -> HttpResponse:
    """Create a record for a named person the search did not find (only after a search)."""
    record, contact = _named(request, named, pk)
    if (done := _resolved(request, record)) is not None:
        return done
    find = reverse("screening:named-find", args=[contact.pk, record.pk])
    token = request.GET.get("search") or request.POST.get("search", "")
    query = person_flow.remembered_search(request, token)
    if query is None:
        messages.info(request, "Search for the person first, so a record is never duplicated")
        return redirect(find)
    key = person_flow.creation_key(request) if request.method == "POST" else uuid.uuid4()
    if (existing := person_flow.created_before(key)) is not None:
        return redirect("screening:named-choose", record.pk, existing.pk)
    form = IntakePersonForm(
        request.POST if request.method == "POST" else None,
        initial=person_flow.initial_from_search(query),
        households=person_flow.households(contact),
    )
    if request.method == "POST" and form.is_valid():
        person = person_flow.create_person(signed_in_user(request), form, key)
        return redirect("screening:named-choose", record.pk, person.pk)
    context = _pages(contact, record) | {
        "form": form,
        "search_token": token,
        "creation_key": key,
        "search_url": find,
    }
    return render(request, "contacts/intake/person_create.html", context)


@requires(VIEW_SCREENING, SCREEN_CONTACT, VIEW_PERSON)
def named_choose(request: HttpRequest, named: uuid.UUID, person: uuid.UUID) -> HttpResponse:
    """The chosen (or new) record joins the contact with its role: the person is identified."""
    record, contact = _named(request, named)
    if (done := _resolved(request, record)) is not None:
        return done
    chosen = people.person_get(request=request, pk=person)
    if not people.may_see_restricted(user=signed_in_user(request), person=chosen):
        return render(request, "people/person_restricted.html", {"person": chosen}, status=403)
    form = SubjectRoleForm(
        request.POST if request.method == "POST" else None, initial={"role": record.role}
    )
    if request.method == "POST" and form.is_valid():
        try:
            named_person_link(
                actor=signed_in_user(request),
                named=record,
                person=chosen,
                **form.subject_details(),
            )
        except NamedPersonError as refused:
            form.add_error(None, str(refused))
        else:
            same = chosen.full_name == record.full_name
            found = "" if same else f" as {chosen.full_name}"
            messages.success(request, f"{record.full_name} identified{found}")
            return redirect("screening:screen", contact.pk)
    context = _pages(contact, record) | {"form": form, "person": chosen, "subject": None}
    return render(request, "contacts/intake/subject_role.html", context)


@requires(VIEW_SCREENING, SCREEN_CONTACT)
def named_cannot(request: HttpRequest, pk: uuid.UUID, named: uuid.UUID) -> HttpResponse:
    """Record why a named person cannot be identified, so a decision can go ahead."""
    record, contact = _named(request, named, pk)
    if (done := _resolved(request, record)) is not None:
        return done
    form = CannotIdentifyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            named_person_cannot_identify(
                actor=signed_in_user(request), named=record, reason=form.cleaned_data["reason"]
            )
        except NamedPersonError as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Recorded why {record.full_name} cannot be identified")
            return redirect("screening:screen", contact.pk)
    heading = f"{record.full_name} cannot be identified"
    context = _pages(contact, record) | {"form": form, "heading": heading}
    return render(request, "screening/named_cannot.html", context)
