"""The Children and family section: search for each person before creating a record (so a
child's history stays on one file), then say who they are in this contact."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from cads.accounts.roles import ADD_CONTACT, ADD_PERSON, VIEW_PERSON
from cads.accounts.selectors import signed_in_user
from cads.contacts import person_flow
from cads.contacts.codes import SubjectRole
from cads.contacts.forms_children import IntakePersonForm, SubjectRoleForm
from cads.contacts.forms_named import NamePersonForm
from cads.contacts.named import named_person_add, named_person_remove
from cads.contacts.selectors import contact_get, subjects_shown
from cads.contacts.services import (
    StaleContactError,
    contact_section_save,
    contact_subject_add,
    contact_subject_remove,
)
from cads.contacts.views_intake import STALE, draft_or_redirect, posted
from cads.contacts.warnings import open_contacts, unanswered
from cads.core.access import requires
from cads.core.form_versions import posted_version
from cads.people import selectors as people
from cads.people.forms import PersonSearchForm

SLUG = "children-and-family"


@requires(ADD_CONTACT)
def children_section(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The people on the contact, with change and remove links; saving needs a child."""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    subjects = contact.subjects.select_related("person", "person__household")
    errors: list[str] = []
    if request.method == "POST":
        named_child = contact.named_people.filter(role=SubjectRole.CHILD).exists()
        if not named_child and not subjects.filter(role=SubjectRole.CHILD).exists():
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
    context = {
        "contact": contact,
        "subjects": subjects_shown(
            request=request, viewer=signed_in_user(request), subjects=subjects.order_by("role")
        ),
        "named_people": contact.named_people.all(),
        "errors": errors,
    }
    return render(request, "contacts/intake/children.html", context, status=400 if errors else 200)


@requires(ADD_CONTACT, VIEW_PERSON)
def subject_search(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Search the register for a person to add (every record shown is access-logged)."""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    form = PersonSearchForm(request.GET or None)
    context: dict[str, Any] = {"contact": contact, "form": form}
    if form.is_bound and form.is_valid():
        context |= person_flow.search(request, form)
        context["on_contact"] = set(contact.subjects.values_list("person_id", flat=True))
    return render(request, "contacts/intake/person_search.html", context)


@requires(ADD_CONTACT, ADD_PERSON)
def subject_create(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Create a record for someone the search did not find (only after a search)."""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    token = request.GET.get("search") or request.POST.get("search", "")
    query = person_flow.remembered_search(request, token)
    if query is None:
        messages.info(request, "Search for the person first, so a record is never duplicated")
        return redirect("contacts:subject-search", contact.pk)
    key = person_flow.creation_key(request) if request.method == "POST" else uuid.uuid4()
    existing = person_flow.created_before(key)
    if existing is not None:  # a double click or a retried request after a dropped line
        return redirect("contacts:subject-role", contact.pk, existing.pk)
    form = IntakePersonForm(
        posted(request),
        initial=person_flow.initial_from_search(query),
        households=person_flow.households(contact),
    )
    if request.method == "POST" and form.is_valid():
        person = person_flow.create_person(signed_in_user(request), form, key)
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
        user = signed_in_user(request)
        details = form.subject_details()
        contact_subject_add(actor=user, contact=contact, person=record, **details)
        # Another contact about this child still open: add to it, or go on with a reason.
        if details["role"] == SubjectRole.CHILD and unanswered(
            contact, open_contacts(user=user, contact=contact)
        ):
            return redirect("contacts:open-contact", contact.pk)
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
    if not people.may_see_restricted(user=signed_in_user(request), person=subject.person):
        # Taking a restricted person off a contact needs the access reading them needs.
        return render(
            request, "people/person_restricted.html", {"person": subject.person}, status=403
        )
    if request.method == "POST":
        contact_subject_remove(actor=signed_in_user(request), subject=subject)
        messages.success(request, f"{subject.person.full_name} removed from this contact")
        return redirect("contacts:section", contact.pk, SLUG)
    return render(
        request, "contacts/intake/subject_remove.html", {"contact": contact, "subject": subject}
    )


@requires(ADD_CONTACT)
def subject_name(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Name someone without searching now (the caller cannot wait, the register is down):
    they are listed as named, not yet identified, and the screener identifies them before
    anything is decided about a child (ADR 0021)."""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    form = NamePersonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        named = named_person_add(
            actor=signed_in_user(request),
            contact=contact,
            role=form.cleaned_data["role"],
            details=form.details(),
        )
        messages.success(request, f"{named.full_name} named: the screener will identify them")
        return redirect("contacts:section", contact.pk, SLUG)
    return render(request, "contacts/intake/subject_name.html", {"contact": contact, "form": form})


@requires(ADD_CONTACT)
def named_remove(request: HttpRequest, pk: uuid.UUID, named: uuid.UUID) -> HttpResponse:
    """Take off a name typed in error (only while the contact is being recorded)."""
    contact = contact_get(user=signed_in_user(request), pk=pk)
    if (stop := draft_or_redirect(request, contact)) is not None:
        return stop
    record = get_object_or_404(contact.named_people, pk=named)
    if request.method == "POST":
        named_person_remove(actor=signed_in_user(request), named=record)
        messages.success(request, f"{record.full_name} removed from this contact")
        return redirect("contacts:section", contact.pk, SLUG)
    context = {"contact": contact, "named": record}
    return render(request, "contacts/intake/named_remove.html", context)
