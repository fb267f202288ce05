"""Duplicate review: the queue, a pair side by side, "not the same person", merging with a
confirmation step, and the merge record with undo. Thin: forms validate, services in
cads.people.duplicates and cads.people.merging write and audit.

The URLs may be mounted inside or outside a namespace, so names are looked up through the
namespace the request came in on (`ns`, also given to templates).
"""

from __future__ import annotations

import uuid
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import dateformat

from cads.accounts.roles import MERGE_PEOPLE, REVIEW_DUPLICATES, VIEW_PERSON
from cads.accounts.selectors import signed_in_user
from cads.core.access import requires
from cads.people import duplicates
from cads.people.duplicates import DecisionError, duplicate_mark_not_same
from cads.people.merging import (
    COMBINED,
    MOVED,
    MergeError,
    merge_preview,
    merge_undo,
    moved_summary,
    person_merge,
)
from cads.people.models import DuplicateCandidate, DuplicateStatus, Merge, Person

REVIEW = (VIEW_PERSON, REVIEW_DUPLICATES)
MERGE = (*REVIEW, MERGE_PEOPLE)
PAGE_SIZE = 25
TEMPLATES = "people/duplicates/"


def _reason_field(label: str, required: str, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": required,
            "max_length": "Reason must be 2000 characters or less",
        },
    )


class NotSameForm(forms.Form):
    reason = _reason_field(
        "Why are these not the same person?",
        "Enter why these records are not the same person",
        "For example, twins: different NHS numbers and birth weights",
    )


class MergeForm(forms.Form):
    keep = forms.ChoiceField(
        label="Which record do you want to keep?",
        widget=forms.RadioSelect,
        help_text="The other record's links move onto it; its own details are kept as they are",
        error_messages={"required": "Select the record to keep"},
    )
    reason = _reason_field(
        "Why are these the same person?",
        "Enter why these records are the same person",
        "For example, same NHS number; the second record was made with a misspelt name",
    )

    def __init__(self, *args: Any, pair: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pair = {str(p.pk): p for p in pair}
        keep = cast(forms.ChoiceField, self.fields["keep"])
        keep.choices = [(str(p.pk), f"{p.full_name}, LA child ID {p.la_child_id}") for p in pair]

    def kept_and_merged(self) -> tuple[Person, Person]:
        kept = self.pair[self.cleaned_data["keep"]]
        merged = next(p for pk, p in self.pair.items() if pk != self.cleaned_data["keep"])
        return kept, merged


class UndoForm(forms.Form):
    reason = _reason_field(
        "Why are you undoing this merge?",
        "Enter why you are undoing this merge",
        "For example, they are twins and were merged by mistake",
    )


def _ns(request: HttpRequest) -> str:
    match = request.resolver_match
    return f"{match.namespace}:" if match and match.namespace else ""


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, TEMPLATES + template, {**context, "ns": _ns(request)}, status=status)


def _redirect(request: HttpRequest, name: str, *args: Any) -> HttpResponse:
    return redirect(_ns(request) + name, *args)


def _candidate(pk: int) -> DuplicateCandidate:
    return get_object_or_404(
        DuplicateCandidate.objects.select_related("person_a__household", "person_b__household"),
        pk=pk,
    )


@requires(*REVIEW)
def duplicate_queue(request: HttpRequest) -> HttpResponse:
    """Pairs the nightly sweep found, strongest first; or the decisions already made."""
    show = duplicates.DECIDED if request.GET.get("show") == duplicates.DECIDED else duplicates.OPEN
    page = Paginator(duplicates.duplicate_list(show=show), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = []
    for candidate in page:
        sides = duplicates.duplicate_sides(
            request=request,
            people=[candidate.person_a, candidate.person_b],
            terms="duplicate review queue",
        )
        rows.append({"candidate": candidate, "sides": sides})
    context = {"rows": rows, "page": page, "show": show}
    return _render(request, "queue.html", context)


def _compare(a: Person, b: Person) -> list[tuple[str, str, str]]:
    """The details a reviewer compares, as (label, first record, second record)."""

    def values(p: Person) -> dict[str, str]:
        return {
            "Name": p.full_name,
            "Other names": ", ".join(str(n) for n in p.other_names.all()) or "None",
            "Date of birth": dateformat.format(p.date_of_birth, "j F Y")
            if p.date_of_birth
            else "Not known",
            "Sex": p.get_sex_display(),
            "NHS number": p.nhs_number_display or "Not known",
            "UPN": p.upn or "Not known",
            "Address": str(p.household) if p.household else "Not known",
            "Phone": ", ".join(n.number for n in p.phone_numbers.all()) or "None",
            "School or setting": p.school or "Not recorded",
            "GP practice": p.gp_practice or "Not recorded",
            "LA child ID": p.la_child_id or "",
            "Record created": dateformat.format(p.created_at, "j F Y"),
        }

    first, second = values(a), values(b)
    return [(label, first[label], second[label]) for label in first]


@requires(*REVIEW)
def duplicate_pair(request: HttpRequest, pk: int) -> HttpResponse:
    """The two records side by side, with the reasons they may be one person."""
    candidate = _candidate(pk)
    people = [candidate.person_a, candidate.person_b]
    sides = duplicates.duplicate_sides(request=request, people=people, terms="duplicate review")
    visible = all(side.visible for side in sides)
    context = {
        "candidate": candidate,
        "sides": sides,
        "rows": _compare(*people) if visible else [],
        "visible": visible,
        "merged_away": any(p.merged_into_id for p in people),
        "merge": duplicates.merge_for_pair(candidate),
        "decidable": visible and candidate.status == DuplicateStatus.OPEN,
    }
    return _render(request, "pair.html", context)


def _open_pair(request: HttpRequest, candidate: DuplicateCandidate) -> HttpResponse | None:
    """A response instead of the form when the pair cannot be decided by this user now."""
    sides = duplicates.duplicate_sides(
        request=request, people=[candidate.person_a, candidate.person_b], terms="duplicate review"
    )
    hidden = next((s.person for s in sides if not s.visible), None)
    if hidden is not None:
        return render(request, "people/person_restricted.html", {"person": hidden}, status=403)
    if candidate.status != DuplicateStatus.OPEN:
        messages.info(request, f"This pair was already decided: {candidate.get_status_display()}")
        return _redirect(request, "duplicate-pair", candidate.pk)
    return None


@requires(*REVIEW)
def duplicate_not_same(request: HttpRequest, pk: int) -> HttpResponse:
    """Record that the two records are different people; the sweep remembers it."""
    candidate = _candidate(pk)
    stop = _open_pair(request, candidate)
    if stop is not None:
        return stop
    form = NotSameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            duplicate_mark_not_same(
                actor=signed_in_user(request),
                candidate=candidate,
                reason=form.cleaned_data["reason"],
            )
        except DecisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, "Recorded as not the same person. This pair will not be offered again"
            )
            return _redirect(request, "duplicate-queue")
    return _render(request, "not_same.html", {"form": form, "candidate": candidate})


@requires(*MERGE)
def duplicate_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the record to keep and say why; then confirm, seeing what will move."""
    candidate = _candidate(pk)
    stop = _open_pair(request, candidate)
    if stop is not None:
        return stop
    form = MergeForm(request.POST or None, pair=[candidate.person_a, candidate.person_b])
    context: dict[str, Any] = {"form": form, "candidate": candidate}
    if request.method != "POST" or not form.is_valid():
        return _render(request, "merge_form.html", context)
    if "change" in request.POST:  # back from the confirmation, answers kept
        return _render(request, "merge_form.html", context)
    kept, merged = form.kept_and_merged()
    if request.POST.get("confirmed") != "yes":
        context |= {"kept": kept, "merged": merged, "preview": merge_preview(merged)}
        return _render(request, "merge_confirm.html", context)
    try:
        merge = person_merge(
            actor=signed_in_user(request),
            kept=kept,
            merged=merged,
            reason=form.cleaned_data["reason"],
        )
    except MergeError as error:
        form.add_error(None, str(error))
        return _render(request, "merge_form.html", context)
    messages.success(request, f"Records merged into {kept.full_name} ({kept.la_child_id})")
    return _redirect(request, "duplicate-merge-record", merge.pk)


def _merge(pk: uuid.UUID) -> Merge:
    return get_object_or_404(
        Merge.objects.select_related("kept", "merged", "merged_by", "undone_by"), pk=pk
    )


def _merge_context(request: HttpRequest, merge: Merge) -> dict[str, Any]:
    sides = duplicates.duplicate_sides(
        request=request, people=[merge.kept, merge.merged], terms="merge record"
    )
    entries = merge.moved
    return {
        "merge": merge,
        "kept": sides[0],
        "merged": sides[1],
        "moved": moved_summary(entries, MOVED),
        "combined": [e for e in entries if e["action"] == COMBINED],
        "not_restored": [e["label"] for e in entries if e.get("restored") is False],
    }


@requires(*REVIEW)
def duplicate_merge_record(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Who merged which records, when and why, what moved, and whether it was undone."""
    return _render(request, "merge_record.html", _merge_context(request, _merge(pk)))


@requires(*MERGE)
def duplicate_merge_undo(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Undo a merge with a reason: the moved links go back to the merged record."""
    merge = _merge(pk)
    context = _merge_context(request, merge)
    hidden = next((s.person for s in (context["kept"], context["merged"]) if not s.visible), None)
    if hidden is not None:
        return render(request, "people/person_restricted.html", {"person": hidden}, status=403)
    if merge.undone_at is not None:
        messages.info(request, "This merge has already been undone")
        return _redirect(request, "duplicate-merge-record", merge.pk)
    form = UndoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            merge_undo(
                actor=signed_in_user(request), merge=merge, reason=form.cleaned_data["reason"]
            )
        except MergeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Merge undone. Both records are back as they were")
            return _redirect(request, "duplicate-merge-record", merge.pk)
    return _render(request, "merge_undo.html", {**context, "form": form})
