"""Online form: a professional's emailed code, check answers, sending the report, and the
confirmation with its reference. Only the reference from this visitor's own session is
ever shown: no page looks a contact up from anything in the URL."""

from __future__ import annotations

import logging
import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from cads.contacts import online_codes, online_flow
from cads.contacts.forms_online_you import CodeForm, ConfirmEmailForm, SubmitForm
from cads.contacts.online import OnlineAnswers, OnlineAnswersError, online_contact_submit
from cads.contacts.online_limits import REPORTS, client_key, rate_limit_hit
from cads.contacts.online_pages import (
    ANSWERS_KEY,
    answers_load,
    back_to_check,
    online_page,
    page_done,
    problem,
)
from cads.contacts.online_summary import summary_sections
from cads.contacts.services import next_reference

logger = logging.getLogger(__name__)

SUBMISSION_KEY = "online_submission_key"
SENT_KEY = "online_sent"  # what the confirmation page shows: reference and who sent it

CODE_ERRORS = {
    online_codes.CodeCheck.WRONG: "The code is not correct. Check the email and try again",
    online_codes.CodeCheck.EXPIRED: "The code has expired. Send a new code",
    online_codes.CodeCheck.TOO_MANY_TRIES: "You have entered the wrong code too many times. "
    "Send a new code",
    online_codes.CodeCheck.NOT_SENT: "Send a code to your email address first",
}


def _professional_with_email(answers: OnlineAnswers) -> HttpResponse | None:
    if not answers.is_professional:
        return redirect(online_flow.url("who-are-you"))
    if not answers.email:
        return redirect(online_flow.url("your-details"))
    return None


@online_page
def confirm_email(request: HttpRequest) -> HttpResponse:
    """Professionals may confirm their email address with a 6-digit code, or skip it."""
    answers = answers_load(request)
    if (elsewhere := _professional_with_email(answers)) is not None:
        return elsewhere
    form = ConfirmEmailForm(request.POST if request.method == "POST" else None)
    sent_too_many = False
    if form.is_valid():
        if request.POST.get("action") != "send":
            return page_done(request, answers, "confirm-email", form)
        code = online_codes.code_issue(request.session, answers.email)
        if code is not None:
            online_codes.code_send(answers.email, code)
            suffix = "?return=check" if back_to_check(request) else ""
            return redirect(online_flow.url("enter-code") + suffix)
        sent_too_many = True
    context = {
        "form": form,
        "answers": answers,
        "sent_too_many": sent_too_many,
        "back_url": online_flow.back_url(
            answers, "confirm-email", back_to_check=back_to_check(request)
        ),
    }
    return render(request, "contacts/online/confirm_email.html", context)


@online_page
def enter_code(request: HttpRequest) -> HttpResponse:
    answers = answers_load(request)
    if (elsewhere := _professional_with_email(answers)) is not None:
        return elsewhere
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        result = online_codes.code_check(request.session, answers.email, form.cleaned_data["code"])
        if result is online_codes.CodeCheck.RIGHT:
            answers.verified_email = answers.email.strip().lower()
            answers.verified_email_at = timezone.now().isoformat()
            return page_done(request, answers, "confirm-email", form)
        form.add_error("code", CODE_ERRORS[result])
    suffix = "?return=check" if back_to_check(request) else ""
    context = {
        "form": form,
        "title": "Enter the code",
        "caption": f"We sent a code to {answers.email}",
        "after_form_link": (online_flow.url("confirm-email") + suffix, "Send a new code"),
        "button": "Confirm",
        "back_url": online_flow.url("confirm-email") + suffix,
    }
    return render(request, "contacts/online/question.html", context)


def _submission_key(request: HttpRequest) -> str:
    """One key per report, kept in the session so two tabs or a reload share it."""
    key = request.session.get(SUBMISSION_KEY)
    if not key:
        key = str(uuid.uuid4())
        request.session[SUBMISSION_KEY] = key
    return str(key)


@online_page
def check_answers(request: HttpRequest) -> HttpResponse:
    """Check your answers, with Change links; Send report creates the contact once."""
    answers = answers_load(request)
    sent = request.session.get(SENT_KEY) or {}
    form = SubmitForm(request.POST if request.method == "POST" else None)
    if form.is_valid() and sent.get("key") == str(form.cleaned_data["submission_key"]):
        return redirect(online_flow.url("confirmation"))  # a double click: already sent
    unanswered = online_flow.first_unanswered(answers)
    if unanswered is not None:
        return redirect(online_flow.url(unanswered, back_to_check=True))
    if form.is_valid():
        return _send(request, answers, form)
    context = {
        "form": SubmitForm(initial={"submission_key": _submission_key(request)}),
        "sections": summary_sections(answers),
        "missing": answers.missing(),
        "back_url": online_flow.url(online_flow.NAMES[-1]),
    }
    return render(request, "contacts/online/check_answers.html", context)


def _send(request: HttpRequest, answers: OnlineAnswers, form: SubmitForm) -> HttpResponse:
    if not rate_limit_hit(REPORTS, client_key(request)):
        return problem(request, reason="too_many", status=429)
    key = form.cleaned_data["submission_key"]
    if answers.honeypot_filled or form.honeypot_filled:
        # A bot: it sees the usual confirmation (so it learns nothing), nothing is created.
        # The reference is a real, unused one, so it can never match someone's report.
        logger.warning("Online form: honeypot filled in; no contact created")
        reference = next_reference(timezone.now())
    else:
        try:
            contact = online_contact_submit(answers=answers, submission_key=key)
        except OnlineAnswersError:  # check answers lists what is missing
            return redirect(online_flow.url("check-answers"))
        reference = contact.reference or ""
    request.session[SENT_KEY] = {
        "key": str(key),
        "reference": reference,
        "anonymous": answers.is_anonymous,
        "professional": answers.is_professional,
        "immediate_risk": bool(answers.immediate_risk),
    }
    for stale in (ANSWERS_KEY, SUBMISSION_KEY, online_codes.SESSION_KEY):
        request.session.pop(stale, None)
    return redirect(online_flow.url("confirmation"))


@online_page
def confirmation(request: HttpRequest) -> HttpResponse:
    """The reference and what happens next, from this visitor's own session only."""
    sent = request.session.get(SENT_KEY)
    if not sent:
        return redirect(online_flow.url("start"))
    return render(request, "contacts/online/confirmation.html", {"sent": sent})
