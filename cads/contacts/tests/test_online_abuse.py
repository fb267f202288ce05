"""Abuse protection on the online form without third-party services: the honeypot, rate
limits per address (429 with the phone numbers), and size limits."""

from __future__ import annotations

import datetime
import logging

import pytest
import time_machine
from django.test import Client

from cads.contacts.models import Contact
from cads.contacts.models_online import OnlineRateCount
from cads.contacts.online_limits import MAX_BODY_BYTES, PAGE_POSTS, rate_limit_hit
from cads.contacts.tasks import online_rate_counts_sweep
from cads.contacts.tests.test_online_form import P, html, submit, walk_public

pytestmark = pytest.mark.django_db


def test_a_filled_honeypot_shows_the_usual_confirmation_and_creates_nothing(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    client.post(P + "immediate-danger/", {"immediate_risk": "no", "website": "http://spam"})
    walk_public(client)
    with caplog.at_level(logging.WARNING):
        response = submit(client)
    assert response["Location"] == P + "report-sent/"
    panel = html(client.get(P + "report-sent/")).select_one(".govuk-panel--confirmation")
    assert "Your reference number" in panel.get_text()
    assert Contact.objects.count() == 0
    assert "honeypot" in caplog.text
    assert "spam" not in caplog.text


def test_the_honeypot_on_the_send_button_counts_too(client: Client) -> None:
    walk_public(client)
    page = client.get(P + "check-your-answers/")
    key = html(page).select_one("input[name=submission_key]")["value"]
    client.post(P + "check-your-answers/", {"submission_key": key, "website": "x"})
    assert Contact.objects.count() == 0


def test_the_honeypot_is_hidden_labelled_and_out_of_the_tab_order(client: Client) -> None:
    page = html(client.get(P + "immediate-danger/"))
    field = page.select_one("input[name=website]")
    assert field["tabindex"] == "-1"
    assert field["autocomplete"] == "off"
    assert "govuk-visually-hidden" in field.parent["class"]
    # Hidden from screen readers too: nobody is told to leave a field empty on every page.
    assert field.parent["aria-hidden"] == "true"
    label = page.select_one("label[for=id_website]").get_text()
    assert label.startswith("Leave this field empty")


def test_too_many_page_posts_from_one_address_get_a_429_with_the_numbers(
    client: Client, settings
) -> None:
    settings.CADS_ONLINE_POSTS_PER_MINUTE = 3
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, 5, tzinfo=datetime.UTC)):
        for _ in range(3):
            assert client.post(P + "immediate-danger/", {"immediate_risk": "no"}).status_code == 302
        response = client.post(P + "immediate-danger/", {"immediate_risk": "no"})
        assert response.status_code == 429
        page = html(response)
        assert page.h1.get_text() == "There is a problem"
        text = page.select_one("main").get_text()
        for number in ("999", "03069 990000", "03069 990001", "03069 990099"):
            assert number in text
        # Another address is not affected; reading pages is never limited.
        other = client.post(
            P + "immediate-danger/", {"immediate_risk": "no"}, REMOTE_ADDR="10.9.9.9"
        )
        assert other.status_code == 302
        assert client.get(P + "immediate-danger/").status_code == 200
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, 1, 5, tzinfo=datetime.UTC)):
        assert client.post(P + "immediate-danger/", {"immediate_risk": "no"}).status_code == 302


def test_too_many_reports_from_one_address_get_a_429(client: Client, settings) -> None:
    settings.CADS_ONLINE_REPORTS_PER_HOUR = 1
    walk_public(client)
    submit(client)
    again = Client()
    walk_public(again)
    response = submit(again)
    assert response.status_code == 429
    assert "Phone us instead" in response.content.decode()
    assert Contact.objects.count() == 1


def test_addresses_are_counted_as_keyed_hashes_not_stored(client: Client) -> None:
    client.post(P + "immediate-danger/", {"immediate_risk": "no"}, REMOTE_ADDR="192.0.2.44")
    row = OnlineRateCount.objects.get()
    assert "192.0.2.44" not in row.client
    assert len(row.client) == 64


def test_counting_is_one_atomic_upsert_per_window() -> None:
    results = [rate_limit_hit(PAGE_POSTS, "client-a") for _ in range(31)]
    assert results == [True] * 30 + [False]
    assert OnlineRateCount.objects.get().count == 31


def test_old_counters_are_purged_by_the_sweep() -> None:
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.UTC)):
        rate_limit_hit(PAGE_POSTS, "old")
    rate_limit_hit(PAGE_POSTS, "new")
    from django.utils import timezone

    assert online_rate_counts_sweep(timezone.now()) == 1
    assert list(OnlineRateCount.objects.values_list("client", flat=True)) == ["new"]


def test_a_body_over_the_limit_is_refused(client: Client) -> None:
    response = client.post(P + "what-is-worrying-you/", {"concern": "a" * (MAX_BODY_BYTES + 10)})
    assert response.status_code == 413
    assert "too long" in response.content.decode()
