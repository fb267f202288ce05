"""The summary the referrer reads, written beside the internal reasons (ADR 0023): the
decision form's second step pre-fills it from the concern, the outcomes in plain English and
the actions agreed; the worker edits it; the sign-off page shows the outcome letter that
will go, built from it and never from the reasons; after sign-off the decision page offers
the letter to check and send."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from cads.accounts.roles import Role
from cads.contacts.tests.intake_helpers import error_summary, page
from cads.decisions.codes import Outcome
from cads.decisions.models import Decision
from cads.decisions.services import decision_record
from cads.decisions.services_referrer import referrer_action_add
from cads.decisions.summary import ADVICE_PLACEHOLDER
from cads.decisions.tests.helpers import submitted_contact
from cads.letters.tests.helpers import named_contact, submit
from conftest import signed_in_client

pytestmark = pytest.mark.django_db

REASONS = "Internal: PNC shows a caution in 2019; health check outstanding"


def _form_values(response) -> dict[str, str]:
    form = response.context["form"]
    return {name: str(form.initial.get(name, "")) for name in form.fields}


def test_the_form_asks_for_the_summary_pre_filled_and_keeps_it_apart_from_the_reasons(
    make_user,
):
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    client = signed_in_client(worker)
    contact = submitted_contact(worker)
    url = reverse("decisions:decision-record", args=[contact.pk])
    step_one = {"outcomes": [Outcome.EARLY_HELP], "reasons": REASONS, "open_case_worker": ""}
    second = client.post(url, step_one)
    assert second.status_code == 200
    assert page(second).h1.get_text(strip=True) == "What the referrer will read"
    prefilled = _form_values(second)
    assert prefilled["told_us"].startswith("Children left alone overnight")
    assert "support from the Early Help team" in prefilled["decided"]  # the configured name
    assert "Step down to Early Help" not in prefilled["decided"]  # no code label
    assert not Decision.objects.exists()

    edited = prefilled | {"decided": "The family would like help from the Early Help team."}
    response = client.post(url, step_one | edited)
    decision = Decision.objects.get()
    assert response["Location"] == reverse("decisions:decision-detail", args=[decision.pk])
    assert decision.reasons == REASONS
    assert decision.summary_decided == "The family would like help from the Early Help team."
    assert decision.summary_told_us.startswith("Children left alone overnight")


def test_advice_must_be_written_before_the_decision_is_recorded(make_user):
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    client = signed_in_client(worker)
    contact = submitted_contact(worker)
    url = reverse("decisions:decision-record", args=[contact.pk])
    step_one = {"outcomes": [Outcome.ADVICE], "reasons": REASONS, "open_case_worker": ""}
    prefilled = _form_values(client.post(url, step_one))
    assert prefilled["asks"] == ADVICE_PLACEHOLDER
    response = client.post(url, step_one | prefilled)
    assert error_summary(response) == ["Replace the text in square brackets"]
    assert "What the referrer will read" in page(response).h1.get_text()  # nothing lost
    assert not Decision.objects.exists()


def test_an_action_agreed_later_joins_what_we_ask(make_user):
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    decision = decision_record(
        actor=worker, contact=submitted_contact(worker), outcomes=[Outcome.ADVICE], reasons="x"
    )
    assert decision.summary_asks == ADVICE_PLACEHOLDER
    referrer_action_add(
        actor=worker,
        decision=decision,
        action="Speak to the parents",
        who="The school's DSL",
        by_when=datetime.date(2026, 12, 11),
    )
    decision.refresh_from_db()
    assert decision.summary_asks == "- Speak to the parents (The school's DSL, by 11 December 2026)"


def test_the_sign_off_page_shows_the_letter_that_will_go_then_it_waits_to_be_checked(
    make_user,
):
    worker = make_user(Role.CADS_SOCIAL_WORKER)
    contact = submit(worker, named_contact(worker))
    decision = decision_record(
        actor=worker, contact=contact, outcomes=[Outcome.NO_FURTHER_ACTION], reasons=REASONS
    )
    manager = signed_in_client(make_user(Role.TEAM_MANAGER))
    sign_off = page(manager.get(reverse("decisions:sign-off", args=[decision.pk])))
    letter = sign_off.select_one("#letter-that-will-go").get_text(" ", strip=True)
    assert "Dear Priya Shah," in letter
    assert "What we decided: Children's social care will not take any further action." in letter
    assert "PNC" not in letter  # the reasons stay in the record
    assert "prepared for you to check and send" in sign_off.get_text()

    manager.post(reverse("decisions:sign-off", args=[decision.pk]), {"agree": "yes"})
    detail = page(manager.get(reverse("decisions:decision-detail", args=[decision.pk])))
    button = detail.find("a", string="Check and send the outcome letter")
    owed = contact.letters.get(kind="outcome")
    assert button["href"] == reverse("letters:prepare", args=[owed.pk])
