"""The per-contact facts behind the dashboard (ADR 0015): a refresh is idempotent, a change
to a screening, decision or letter shows on the next dashboard, and the figures are the same
whether the facts were just rebuilt or kept."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, transaction

from cads.authority.selectors import office_hours
from cads.checks.models import CheckRequest
from cads.checks.workflow import Status as CheckStatus
from cads.contacts.models import Contact
from cads.core import sweeps
from cads.letters.models import LetterKind
from cads.reporting import (
    facts,
    tasks,  # noqa: F401 (registers the sweep)
)
from cads.reporting.models import ContactFact, FactCalendar, StaleContact
from cads.reporting.selectors import Dashboard, dashboard
from cads.reporting.tests.dataset import END, NOW, START, at, build_week, decide, letter
from cads.screening.models import Screening

pytestmark = pytest.mark.django_db


def board(manager) -> Dashboard:
    return dashboard(user=manager, start=START, end=END, now=NOW)


def figure_rows(found: Dashboard) -> dict[str, list[list[object]]]:
    return {f.slug: f.rows for f in found.figures}


def all_facts() -> list[dict[str, object]]:
    return [dict(row) for row in ContactFact.objects.order_by("pk").values()]


def test_refresh_is_idempotent_and_keeps_only_submitted_contacts(week) -> None:
    assert facts.refresh(office_hours()) > 0
    first = all_facts()
    # The six contacts of the week and the earlier one in June; the draft has no fact.
    assert len(first) == 7
    assert facts.refresh(office_hours()) == 0
    StaleContact.objects.bulk_create(
        [StaleContact(contact_id=pk) for pk in Contact.objects.values_list("pk", flat=True)]
    )
    assert facts.refresh(office_hours()) == Contact.objects.count()
    assert all_facts() == first


def test_figures_are_the_same_after_every_fact_is_rebuilt(week, manager) -> None:
    before = figure_rows(board(manager))
    ContactFact.objects.all().delete()
    FactCalendar.objects.all().delete()  # as after a change of office hours
    assert figure_rows(board(manager)) == before


def test_a_change_to_a_screening_decision_letter_or_check_shows_on_the_next_dashboard(
    week, manager
) -> None:
    before = figure_rows(board(manager))
    assert before["threshold-disagreement"][-1] == ["All", 3, 1, "33.3%"]
    c2, c4 = week.contacts["c2"], week.contacts["c4"]
    # Written as bulk updates and plain inserts: the database triggers see every write.
    Screening.objects.filter(contact=c2).update(disagrees_with_referrer=False)
    decide(c4, week.south, at(4, 14), at(5, 12), "nfa")
    letter(c2, LetterKind.ACKNOWLEDGEMENT, at(3, 16), at(2, 17))
    CheckRequest.objects.filter(contact=c4).update(
        status=CheckStatus.COMPLETED, completed_at=at(4, 14)
    )
    after = figure_rows(board(manager))
    assert after["threshold-disagreement"][-1] == ["All", 3, 0, "0.0%"]
    assert after["decisions-on-time"][:3] == [
        ["Decided on time", 3, "75.0%"],
        ["Decided late", 1, "25.0%"],
        ["Not yet done and past the deadline", 0, "0.0%"],
    ]
    # C2's referrer acknowledged by letter at 17:00 Monday, within the working day.
    assert after["acknowledgement-timeliness"][:3] == [
        ["Acknowledged on time", 2, "66.7%"],
        ["Acknowledged late", 1, "33.3%"],
        ["Not yet done and past the deadline", 0, "0.0%"],
    ]
    # C4's police check answered in 2 hours: 2, 2, 4 and 24 hours.
    assert after["check-response-times"][1] == ["Wessex Police", 4, 4, "3.0", "18.0"]


def test_the_sweep_refreshes_the_contacts_changed_since_it_last_ran(week) -> None:
    sweep = sweeps.SWEEPS["reporting-facts"]
    sweep(datetime.datetime.now(tz=datetime.UTC))
    c4 = week.contacts["c4"]
    decide(c4, week.south, at(4, 14), at(5, 12), "nfa")
    assert sweep(datetime.datetime.now(tz=datetime.UTC)) == 1
    assert ContactFact.objects.get(pk=c4.pk).outcomes == ["nfa"]
    assert sweep(datetime.datetime.now(tz=datetime.UTC)) == 0


@pytest.mark.django_db(transaction=True)
def test_a_refresh_reads_a_change_still_being_written_once_it_is_committed(make_user) -> None:
    # A contact already queued, then a decision being written for it in another transaction:
    # the refresh must not take the contact off the queue and miss the decision.
    week = build_week(make_user)
    facts.refresh(office_hours())
    c4 = week.contacts["c4"]
    Screening.objects.filter(contact=c4).update(disagrees_with_referrer=True)
    written, release = threading.Event(), threading.Event()

    def writer() -> None:
        try:
            with transaction.atomic():
                decide(c4, week.south, at(4, 14), at(5, 12), "nfa")
                written.set()
                release.wait(30)
        finally:
            connection.close()

    def refresher() -> None:
        try:
            facts.refresh(office_hours())
        finally:
            connection.close()

    threads = [threading.Thread(target=writer), threading.Thread(target=refresher)]
    threads[0].start()
    assert written.wait(30)
    threads[1].start()
    threads[1].join(2)  # the refresh waits for the writer's transaction
    release.set()
    for thread in threads:
        thread.join(30)
    fact = ContactFact.objects.get(pk=c4.pk)
    assert fact.outcomes == ["nfa"]
    assert fact.disagrees is True
