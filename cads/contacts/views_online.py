"""The public online form's question pages (issue 4): no account, one question per page
where it helps, answers kept in the session until check answers sends them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.contacts import online_flow
from cads.contacts.forms_online import (
    AnonymousForm,
    FamilyToldForm,
    ImmediateRiskForm,
    RelationshipForm,
    TodayForm,
    WhoAreYouForm,
    WorryForm,
)
from cads.contacts.forms_online_you import (
    ConsentForm,
    ProfessionalDetailsForm,
    PublicDetailsForm,
)
from cads.contacts.online import OnlineAnswers
from cads.contacts.online_pages import (
    answers_load,
    back_to_check,
    online_page,
    page_done,
    question_page,
    yes_no,
)


@online_page
def start(request: HttpRequest) -> HttpResponse:
    """The start page: what the form is for, when to phone instead, what we will ask."""
    return render(request, "contacts/online/start.html")


def _apply_risk(answers: OnlineAnswers, data: dict[str, Any]) -> None:
    answers.immediate_risk = data["immediate_risk"] == "yes"


@online_page
def immediate_risk(request: HttpRequest) -> HttpResponse:
    """First question, as on every intake. Yes shows the emergency interruption next."""
    answers = answers_load(request)
    form = ImmediateRiskForm(
        request.POST if request.method == "POST" else None,
        initial={"immediate_risk": yes_no(answers.immediate_risk)},
    )
    if form.is_valid() and form.cleaned_data["immediate_risk"] == "yes":
        _apply_risk(answers, form.cleaned_data)
        page_done(request, answers, "immediate-risk", form)
        suffix = "?return=check" if back_to_check(request) else ""
        return redirect(online_flow.url("emergency") + suffix)
    return question_page(
        request,
        step="immediate-risk",
        form_class=ImmediateRiskForm,
        initial={"immediate_risk": yes_no(answers.immediate_risk)},
        apply=_apply_risk,
        answers=answers,
    )


@online_page
def emergency(request: HttpRequest) -> HttpResponse:
    """The interruption: call 999 now; then the report can still be sent (marked urgent)."""
    answers = answers_load(request)
    continue_url = online_flow.next_url(
        answers, "immediate-risk", back_to_check=back_to_check(request)
    )
    context = {"continue_url": continue_url, "back_url": online_flow.url("immediate-risk")}
    return render(request, "contacts/online/emergency.html", context)


def _apply_who(answers: OnlineAnswers, data: dict[str, Any]) -> None:
    if answers.referrer_type and answers.referrer_type != data["referrer_type"]:
        # Public and professional pages ask different things: ask them again.
        answers.answered = [s for s in answers.answered if s not in online_flow.ROLE_STEPS]
    answers.referrer_type = data["referrer_type"]
    if answers.is_professional:
        answers.anonymous = None  # professionals cannot stay anonymous


@online_page
def who_are_you(request: HttpRequest) -> HttpResponse:
    answers = answers_load(request)
    return question_page(
        request,
        step="who-are-you",
        form_class=WhoAreYouForm,
        initial={"referrer_type": answers.referrer_type or None},
        apply=_apply_who,
        answers=answers,
    )


@online_page
def worry(request: HttpRequest) -> HttpResponse:
    answers = answers_load(request)
    return question_page(
        request,
        step="worry",
        form_class=WorryForm,
        initial={"concern": answers.concern},
        apply=lambda a, d: setattr(a, "concern", d["concern"]),
        answers=answers,
    )


@online_page
def today(request: HttpRequest) -> HttpResponse:
    answers = answers_load(request)
    return question_page(
        request,
        step="today",
        form_class=TodayForm,
        initial={"different_today": answers.different_today},
        apply=lambda a, d: setattr(a, "different_today", d["different_today"]),
        answers=answers,
        title="Has something happened today that made you get in touch?",
    )


@online_page
def family_told(request: HttpRequest) -> HttpResponse:
    answers = answers_load(request)
    return question_page(
        request,
        step="family-told",
        form_class=FamilyToldForm,
        initial={"parents_told": answers.parents_told or None},
        apply=lambda a, d: setattr(a, "parents_told", d["parents_told"]),
        answers=answers,
    )


def _set(fields: tuple[str, ...]) -> Any:
    def apply(answers: OnlineAnswers, data: dict[str, Any]) -> None:
        for name in fields:
            setattr(answers, name, data[name])

    return apply


def _only_for(answers: OnlineAnswers, professional: bool) -> HttpResponse | None:
    """Pages for one kind of referrer redirect anyone else to the first unanswered page."""
    if answers.is_professional == professional and answers.referrer_type:
        return None
    return redirect(online_flow.url("who-are-you"))


CONSENT_FIELDS = ("consent", "consent_not_sought_reason", "consent_reason_detail")


@online_page
def consent(request: HttpRequest) -> HttpResponse:
    """Professionals only: the consent question from the professional guidance."""
    answers = answers_load(request)
    if (elsewhere := _only_for(answers, professional=True)) is not None:
        return elsewhere
    return question_page(
        request,
        step="consent",
        form_class=ConsentForm,
        initial={f: getattr(answers, f) or None for f in CONSENT_FIELDS},
        apply=_set(CONSENT_FIELDS),
        answers=answers,
    )


@online_page
def relationship(request: HttpRequest) -> HttpResponse:
    """Members of the public: how they know the child (gives the CIN referral source)."""
    answers = answers_load(request)
    if (elsewhere := _only_for(answers, professional=False)) is not None:
        return elsewhere
    return question_page(
        request,
        step="relationship",
        form_class=RelationshipForm,
        initial={
            "relationship": answers.relationship or None,
            "relationship_detail": answers.relationship_detail,
        },
        apply=_set(("relationship", "relationship_detail")),
        answers=answers,
        title="How do you know the child?",
    )


@online_page
def anonymous(request: HttpRequest) -> HttpResponse:
    """Members of the public only: professionals cannot stay anonymous."""
    answers = answers_load(request)
    if (elsewhere := _only_for(answers, professional=False)) is not None:
        return elsewhere
    return question_page(
        request,
        step="anonymous",
        form_class=AnonymousForm,
        initial={"anonymous": yes_no(answers.anonymous)},
        apply=lambda a, d: setattr(a, "anonymous", d["anonymous"] == "yes"),
        answers=answers,
    )


PUBLIC_FIELDS = ("name", "phone", "email")
PROFESSIONAL_FIELDS = (
    "name",
    "job_title",
    "organisation_type",
    "organisation",
    "phone",
    "email",
    "how_well_known",
)


def _apply_public(answers: OnlineAnswers, data: dict[str, Any]) -> None:
    _set(PUBLIC_FIELDS)(answers, data)
    answers.identity_may_be_shared = data["identity_may_be_shared"] == "yes"


@online_page
def your_details(request: HttpRequest) -> HttpResponse:
    """Who is reporting. Professionals must say who they are; the public only if they have
    chosen not to stay anonymous."""
    answers = answers_load(request)
    if answers.is_anonymous or not answers.referrer_type:
        return redirect(online_flow.url("anonymous" if answers.is_anonymous else "who-are-you"))
    if answers.is_professional:
        initial = {f: getattr(answers, f) for f in PROFESSIONAL_FIELDS}
        form_class: Any = ProfessionalDetailsForm
        apply: Any = _set(PROFESSIONAL_FIELDS)
        intro = ["We will use these details to contact you about this concern."]
    else:
        initial = {f: getattr(answers, f) for f in PUBLIC_FIELDS}
        initial["identity_may_be_shared"] = yes_no(answers.identity_may_be_shared)
        form_class, apply = PublicDetailsForm, _apply_public
        intro = ["We will only use these details to contact you about this concern."]
    return question_page(
        request,
        step="your-details",
        form_class=form_class,
        initial=initial,
        apply=apply,
        answers=answers,
        heading="About you",
        intro=intro,
    )
