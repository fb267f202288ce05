"""Screening steps: the summary, re-rating, the consent call and the threshold. Each form
carries the version the worker opened; a stale save is refused and the input kept."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cads.accounts.roles import SCREEN_CONTACT, VIEW_SCREENING
from cads.accounts.selectors import signed_in_user
from cads.checks.selectors import authorisation_latest, checks_for_contact
from cads.contacts.models_named import WarningKind
from cads.contacts.selectors import children_named, contact_record
from cads.contacts.warnings import HIDDEN, open_contacts, unanswered, went_on
from cads.core.access import requires
from cads.deadlines.due import acknowledgement_due, contact_rag, decision_due
from cads.deadlines.models import RagLevel
from cads.decisions.selectors import decisions_on_contact
from cads.screening import selectors
from cads.screening.forms import AcknowledgementForm, ConsentCallForm, RerateForm, ThresholdForm
from cads.screening.models import Screening
from cads.screening.out_of_hours import out_of_hours_records
from cads.screening.services import (
    HistoryNotViewedError,
    StaleScreeningError,
    history_viewed_by,
    screening_consent_call_record,
    screening_rerate,
    screening_threshold_record,
)
from cads.screening.services_acknowledgement import screening_acknowledgement_record


def _stale_message(current: Screening) -> str:
    saved = timezone.localtime(current.updated_at).strftime("%H:%M")
    return (
        f"Someone else saved this screening at {saved} while you had it open. Nothing you "
        "typed has been lost, and nothing has been saved yet: check what they recorded, "
        "then save again to replace it with your answers."
    )


def _step(
    request: HttpRequest,
    pk: uuid.UUID,
    *,
    form_class: type[forms.Form],
    save: Callable[..., Any],
    template: str,
    heading: str,
    form_kwargs: Callable[[Screening], dict[str, Any]] = lambda s: {},
    done: str = "",
) -> HttpResponse:
    """GET shows the form with the current version; POST saves through `save`, or keeps the
    worker's input on the page when someone else saved first."""
    user = signed_in_user(request)
    screening = selectors.screening_for_view(request=request, user=user, pk=pk)
    if screening is None:
        return redirect("screening:history", pk)
    kwargs = form_kwargs(screening)
    initial = {"version": screening.version} | kwargs.pop("initial", {})
    form = form_class(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            save(user, screening, form.cleaned_data)
            # GOV.UK: a success banner on the next page confirms what was saved.
            messages.success(request, done or f"{heading} saved")
            return redirect("screening:screen", pk)
        except StaleScreeningError as stale:
            data = request.POST.copy()
            data["version"] = str(stale.current.version)
            form = form_class(data, **kwargs)
            form.is_valid()
            form.add_error(None, _stale_message(stale.current))
            screening = stale.current
        except (HistoryNotViewedError, ValueError) as refused:  # AcknowledgementError too
            form.add_error(None, str(refused))
    contact = screening.contact
    context = {
        "form": form,
        "screening": screening,
        "contact": contact,
        "heading": heading,
        "acknowledgement_due": acknowledgement_due(contact),
        "rag": RagLevel.objects.filter(code=contact_rag(contact)).first(),
    }
    return render(request, template, context)


@requires(VIEW_SCREENING, SCREEN_CONTACT)
def screen(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Where the screening stands: RAG and deadlines, consent call, threshold."""
    user = signed_in_user(request)
    screening = selectors.screening_for_view(request=request, user=user, pk=pk)
    if screening is None:
        return redirect("screening:history", pk)
    contact = screening.contact
    # The summary's children (each already logged by contact_record below).
    children_named(request=None, viewer=user, contacts=[contact])
    context: dict[str, Any] = {
        "screening": screening,
        "contact": contact,
        "rag": RagLevel.objects.filter(code=contact_rag(contact)).first(),
        "decision_due": decision_due(contact),
        "acknowledgement_due": acknowledgement_due(contact),
        "history_viewed": history_viewed_by(user, contact),
        "indicators": screening.indicators.select_related("level", "domain"),
        "checks": checks_for_contact(user=user, contact=contact).select_related("organisation"),
        "authorisation": authorisation_latest(contact),
        "decisions": decisions_on_contact(user=user, contact=contact),
        "followed_by": contact.followed_by.order_by("received_at"),
        "record": contact_record(request=request, user=user, contact=contact),
        "hidden_open": HIDDEN,
        # What the out-of-hours service did before the handover (ADR 0030).
        "out_of_hours_records": out_of_hours_records(contact),
    }
    if contact.status in selectors.OPEN:
        others = open_contacts(user=user, contact=contact)
        context |= {"others": others, "unanswered": unanswered(contact, others)}
        context["went_on"] = went_on(contact, WarningKind.OPEN_CONTACT)
    return render(request, "screening/screen.html", context)


@requires(VIEW_SCREENING, SCREEN_CONTACT)
def rerate(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    def save(user: Any, screening: Screening, data: dict[str, Any]) -> None:
        screening_rerate(
            actor=user,
            screening=screening,
            rag=data["rag"],
            reason=data["reason"],
            expected_version=data["version"],
        )

    return _step(
        request,
        pk,
        form_class=RerateForm,
        save=save,
        template="screening/rerate.html",
        heading="Change the RAG rating",
        done="RAG rating changed",
    )


@requires(VIEW_SCREENING, SCREEN_CONTACT)
def consent(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    def save(user: Any, screening: Screening, data: dict[str, Any]) -> None:
        screening_consent_call_record(
            actor=user,
            screening=screening,
            consent_call=data["consent_call"],
            not_sought_reason=data["not_sought_reason"],
            reason=data["reason"],
            expected_version=data["version"],
        )

    return _step(
        request,
        pk,
        form_class=ConsentCallForm,
        save=save,
        template="screening/consent.html",
        heading="Consent decision",
        done="Consent decision saved",
    )


@requires(VIEW_SCREENING, SCREEN_CONTACT)
def threshold(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    def save(user: Any, screening: Screening, data: dict[str, Any]) -> None:
        screening_threshold_record(
            actor=user,
            screening=screening,
            level=data["level"],
            indicators=data["indicators"],
            rationale=data["rationale"],
            disagreement_reason=data["disagreement_reason"],
            expected_version=data["version"],
        )

    def kwargs(screening: Screening) -> dict[str, Any]:
        return {"referrer_view": screening.contact.referrer_threshold_view}

    return _step(
        request,
        pk,
        form_class=ThresholdForm,
        save=save,
        template="screening/threshold.html",
        heading="Threshold",
        form_kwargs=kwargs,
        done="Threshold saved",
    )


@requires(VIEW_SCREENING, SCREEN_CONTACT)
def acknowledge(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Record that the referrer was acknowledged, when and how (issue 5: acknowledgement to
    the referrer within 1 working day)."""

    def save(user: Any, screening: Screening, data: dict[str, Any]) -> None:
        screening_acknowledgement_record(
            actor=user,
            screening=screening,
            at=data["at"],
            how=data["how"],
            expected_version=data["version"],
        )

    return _step(
        request,
        pk,
        form_class=AcknowledgementForm,
        save=save,
        template="screening/acknowledge.html",
        heading="Referrer acknowledged",
        form_kwargs=lambda screening: {"initial": _now_initial()},
    )


def _now_initial() -> dict[str, Any]:
    now = timezone.localtime()
    return {"acknowledged_date": now.date(), "acknowledged_time": now.strftime("%H:%M")}
