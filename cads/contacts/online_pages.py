"""What every online form page shares: the answers in the session, the abuse guards around
each view, and the generic "one question, then Continue" page.

Answers are kept in the database-backed session after every page, so an error, a reload or
going back loses nothing typed. No page ever reads a contact: the public sees only what
they typed themselves and, at the end, their reference."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cads.contacts import online_flow
from cads.contacts.online import OnlineAnswers
from cads.contacts.online_limits import PAGE_POSTS, body_too_large, client_key, rate_limit_hit
from cads.core.access import View, public

ANSWERS_KEY = "online_answers"

Apply = Callable[[OnlineAnswers, dict[str, Any]], None]


def answers_load(request: HttpRequest) -> OnlineAnswers:
    return OnlineAnswers.from_session(request.session.get(ANSWERS_KEY))


def answers_save(request: HttpRequest, answers: OnlineAnswers) -> None:
    request.session[ANSWERS_KEY] = answers.to_session()


def back_to_check(request: HttpRequest) -> bool:
    """Reached from a Change link on check answers: Continue returns there."""
    return request.GET.get("return") == "check"


def problem(request: HttpRequest, *, reason: str, status: int) -> HttpResponse:
    """The GOV.UK "There is a problem" page, pointing to the phone numbers instead."""
    return render(request, "contacts/online/problem.html", {"reason": reason}, status=status)


def online_page(view: View) -> View:
    """Public (no account), with the abuse guards on every post: a cap on the body's size
    and a per-address rate limit (issue 4)."""

    @functools.wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            if body_too_large(request):
                return problem(request, reason="too_large", status=413)
            if not rate_limit_hit(PAGE_POSTS, client_key(request)):
                return problem(request, reason="too_many", status=429)
        return view(request, *args, **kwargs)

    return public(guarded)


def page_done(
    request: HttpRequest, answers: OnlineAnswers, step: str, form: forms.Form
) -> HttpResponse:
    """Record the page as answered, keep the answers, and go on (or back to check)."""
    if step not in answers.answered:
        answers.answered.append(step)
    if getattr(form, "honeypot_filled", False):
        answers.honeypot_filled = True
    answers_save(request, answers)
    return redirect(online_flow.next_url(answers, step, back_to_check=back_to_check(request)))


def question_page(
    request: HttpRequest,
    *,
    step: str,
    form_class: type[forms.Form],
    initial: dict[str, Any],
    apply: Apply,
    answers: OnlineAnswers | None = None,
    **context: Any,
) -> HttpResponse:
    """A page of the main flow: show the form with what was typed before; on a valid post
    apply it to the answers and continue. The title is the question unless given."""
    answers = answers or answers_load(request)
    data = request.POST if request.method == "POST" else None
    form = form_class(data, initial=initial)
    if form.is_valid():
        apply(answers, form.cleaned_data)
        return page_done(request, answers, step, form)
    first = next(iter(form.fields.values()))
    context.setdefault("title", context.get("heading") or first.label)
    context |= {
        "form": form,
        "back_url": online_flow.back_url(answers, step, back_to_check=back_to_check(request)),
    }
    return render(request, "contacts/online/question.html", context)


def yes_no(value: bool | None) -> str | None:
    """A stored yes/no answer as the radio value (None when not answered)."""
    return None if value is None else ("yes" if value else "no")
