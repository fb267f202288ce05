"""The duplicate sweep, remembered decisions, the nightly task, and the review pages from
queue to merge to undo. All names are fictional; NHS numbers are from the 999 test range."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone
from procrastinate.contrib.django import app

from cads.accounts.models import User
from cads.accounts.roles import Role
from cads.audit.models import AccessLog, CaseEvent
from cads.people import duplicates
from cads.people.duplicates import (
    DecisionError,
    duplicate_mark_not_same,
    duplicate_sweep,
    sorted_pair,
)
from cads.people.matching import Band, Candidate
from cads.people.models import (
    DuplicateCandidate,
    DuplicateStatus,
    Merge,
    Person,
    PhoneNumber,
    StatusKind,
)
from cads.people.restriction import person_restrict
from cads.people.services import (
    household_create,
    person_create,
    person_status_add,
    phone_number_add,
)
from cads.people.tasks import duplicate_sweep_task, sweep_since

pytestmark = pytest.mark.django_db
QUEUE = "/children-and-families/duplicates/"


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def text(response) -> str:
    return page(response).select_one("main").get_text(" ", strip=True)


@pytest.fixture
def planted() -> dict[str, Person]:
    """Amelia, a second record of her typed with a misspelt family name, her twin sister,
    and an unrelated child."""
    home = household_create(actor=None, address="12 Mill Lane\nWessex Town", postcode="WX1 2AB")
    born = datetime.date(2018, 3, 7)
    child = person_create(
        actor=None,
        household=home,
        given_name="Amelia",
        family_name="Hollis",
        date_of_birth=born,
        sex="F",
        nhs_number="9990000026",
    )
    dup = person_create(
        actor=None,
        given_name="Amelia",
        family_name="Holis",
        date_of_birth=born,
        sex="F",
        nhs_number="9990000026",
    )
    twin = person_create(
        actor=None,
        household=home,
        given_name="Isla",
        family_name="Hollis",
        date_of_birth=born,
        sex="F",
    )
    other = person_create(
        actor=None,
        given_name="Kai",
        family_name="Brennan",
        date_of_birth=datetime.date(2016, 11, 2),
        sex="M",
    )
    return {"child": child, "dup": dup, "twin": twin, "other": other}


def pair_of(a: Person, b: Person) -> DuplicateCandidate:
    first, second = sorted_pair(a.pk, b.pk)
    return DuplicateCandidate.objects.get(person_a_id=first, person_b_id=second)


# The sweep


def test_the_sweep_finds_a_planted_duplicate_and_not_the_twin(planted) -> None:
    result = duplicate_sweep()
    assert result.people == 4
    pair = DuplicateCandidate.objects.get()
    assert pair == pair_of(planted["child"], planted["dup"])
    assert pair.band in {Band.CERTAIN, Band.LIKELY}
    assert pair.status == DuplicateStatus.OPEN
    assert any("NHS number" in reason for reason in pair.reasons)
    assert CaseEvent.objects.filter(kind="duplicate.found", subject_id=str(pair.pk)).count() == 1


def test_running_the_sweep_twice_adds_no_second_row(planted) -> None:
    first = duplicate_sweep()
    second = duplicate_sweep()
    assert first.new == 1
    assert second.new == 0
    assert DuplicateCandidate.objects.count() == 1
    assert CaseEvent.objects.filter(kind="duplicate.found").count() == 1


def test_not_the_same_person_is_remembered_across_sweeps(planted, make_user) -> None:
    duplicate_sweep()
    pair = DuplicateCandidate.objects.get()
    reviewer = make_user(Role.CADS_SOCIAL_WORKER)
    duplicate_mark_not_same(actor=reviewer, candidate=pair, reason="Different birth weights")
    duplicate_sweep()
    duplicate_sweep()
    pair.refresh_from_db()
    assert DuplicateCandidate.objects.count() == 1
    assert pair.status == DuplicateStatus.NOT_SAME
    assert pair.decision_reason == "Different birth weights"
    assert pair.decided_by == reviewer
    assert not duplicates.duplicate_list(show=duplicates.OPEN).exists()


def test_deciding_twice_is_refused(planted, make_user) -> None:
    duplicate_sweep()
    pair = DuplicateCandidate.objects.get()
    reviewer = make_user(Role.CADS_SOCIAL_WORKER)
    duplicate_mark_not_same(actor=reviewer, candidate=pair, reason="Twins")
    with pytest.raises(DecisionError, match="already decided"):
        duplicate_mark_not_same(actor=reviewer, candidate=pair, reason="Again")
    kinds = CaseEvent.objects.filter(kind="person.duplicate_not_same")
    assert sorted(kinds.values_list("subject_id", flat=True)) == sorted(
        [str(pair.person_a_id), str(pair.person_b_id)]
    )


def test_merged_records_are_not_swept(planted, make_user) -> None:
    from cads.people.merging import person_merge

    person_merge(
        actor=make_user(Role.TEAM_MANAGER),
        kept=planted["child"],
        merged=planted["dup"],
        reason="Same NHS number",
    )
    assert duplicate_sweep().found == 0
    assert not DuplicateCandidate.objects.exists()


def test_possible_matches_are_not_queued(planted, monkeypatch) -> None:
    def weak(a: Person, b: Person) -> Candidate:
        return Candidate(b.pk, 55.0, Band.POSSIBLE, ("Family name sounds alike",))

    monkeypatch.setattr(duplicates, "compare_people", weak)
    assert duplicate_sweep().new == 0
    assert not DuplicateCandidate.objects.exists()


def test_an_open_pair_is_refreshed_with_the_latest_score(planted, monkeypatch) -> None:
    duplicate_sweep()

    def stronger(a: Person, b: Person) -> Candidate:
        return Candidate(b.pk, 99.0, Band.CERTAIN, ("NHS number matches",))

    monkeypatch.setattr(duplicates, "compare_people", stronger)
    duplicate_sweep()
    pair = DuplicateCandidate.objects.get()
    assert (pair.score, pair.band, pair.reasons) == (99.0, "certain", ["NHS number matches"])


def test_a_changes_only_sweep_searches_only_people_changed_since(planted) -> None:
    assert duplicate_sweep(since=timezone.now() + datetime.timedelta(minutes=1)).people == 0
    result = duplicate_sweep(since=timezone.now() - datetime.timedelta(hours=1))
    assert result.people == 4
    assert result.new == 1


def test_the_sweep_runs_nightly_and_searches_everyone_on_sundays() -> None:
    periodic = {p.periodic_id: p for p in app.periodic_registry.periodic_tasks.values()}
    assert periodic["duplicate-sweep"].task.name == "people.duplicate_sweep"
    assert periodic["duplicate-sweep"].cron == "30 2 * * *"
    sunday = datetime.datetime(2026, 11, 22, 2, 30, tzinfo=datetime.UTC)
    monday = sunday + datetime.timedelta(days=1)
    assert sweep_since(sunday) is None
    assert sweep_since(monday) == monday - datetime.timedelta(days=2)
    assert sweep_since(monday, full=True) is None


def test_the_task_queues_the_planted_pair(planted) -> None:
    duplicate_sweep_task(timestamp=int(timezone.now().timestamp()), full=True)
    assert DuplicateCandidate.objects.get() == pair_of(planted["child"], planted["dup"])


# The review pages


@pytest.fixture
def client(client_for: Callable[[str], Client]) -> Client:
    """A CADS social worker: reviews duplicates and merges records."""
    return client_for(Role.CADS_SOCIAL_WORKER)


@pytest.fixture
def pair(planted, make_user: Callable[..., User]) -> DuplicateCandidate:
    duplicate_sweep()
    worker = make_user(Role.CALL_HANDLER, username="phone-taker")
    phone_number_add(actor=worker, person=planted["dup"], number="07700 900123")
    person_status_add(
        actor=None,
        person=planted["child"],
        kind=StatusKind.CHILD_PROTECTION,
        start_date=datetime.date(2026, 9, 1),
    )
    return DuplicateCandidate.objects.get()


def test_the_queue_shows_each_pair_with_its_band_score_reasons_and_flags(client, pair) -> None:
    response = client.get(QUEUE)
    assert response.status_code == 200
    rows = page(response).select(".govuk-table__body .govuk-table__row")
    assert len(rows) == 1
    row = rows[0].get_text(" ", strip=True)
    assert "Amelia Hollis" in row
    assert "Amelia Holis" in row
    assert "match" in row  # the band tag, "Certain match" or "Likely match"
    assert f"Score {pair.score:.0f}" in row
    assert "NHS number" in row
    assert "Child protection plan" in row
    assert AccessLog.objects.filter(search_terms="duplicate review queue").count() == 2
    assert "No pairs have been decided yet" in text(client.get(QUEUE, {"show": "decided"}))


def test_the_pair_page_shows_the_records_side_by_side(client, pair, planted) -> None:
    html = page(client.get(f"{QUEUE}{pair.pk}/"))
    assert html.select_one("h1").get_text(strip=True) == "Are these the same person?"
    rows = {
        r.select_one("th").get_text(" ", strip=True): [
            td.get_text(strip=True) for td in r.select("td")
        ]
        for r in html.select(".govuk-table__body .govuk-table__row")
    }
    by_id = sorted([planted["child"], planted["dup"]], key=lambda p: str(p.pk))
    assert rows["NHS number"] == ["999 000 0026", "999 000 0026"]
    assert rows["Name Different"] == [p.full_name for p in by_id]
    assert html.find("a", string="Merge these records")
    assert html.find("a", string="Not the same person")


def test_not_the_same_person_needs_a_reason_then_leaves_the_queue(client, pair) -> None:
    url = f"{QUEUE}{pair.pk}/not-the-same-person/"
    html = page(client.post(url, {"reason": ""}))
    assert html.select_one("title").get_text().startswith("Error:")
    summary = html.select_one(".govuk-error-summary")
    assert summary.find("a", href="#id_reason").get_text() == (
        "Enter why these records are not the same person"
    )
    assert (
        "Enter why these records are not the same person"
        in html.select_one("#id_reason-error").get_text()
    )

    response = client.post(url, {"reason": "Twins: different birth weights"}, follow=True)
    assert "This pair will not be offered again" in text(response)
    assert "There are no possible duplicates to review" in text(response)
    decided = text(client.get(QUEUE, {"show": "decided"}))
    assert "Not the same person" in decided
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.NOT_SAME
    # Decided: the pair page shows the decision, and the form is closed.
    assert "Twins: different birth weights" in text(client.get(f"{QUEUE}{pair.pk}/"))
    assert client.get(url).status_code == 302


def test_merge_walks_through_choose_confirm_and_undo(client, pair, planted) -> None:
    child, dup = planted["child"], planted["dup"]
    url = f"{QUEUE}{pair.pk}/merge/"
    html = page(client.post(url, {"keep": "", "reason": "Same NHS number"}))
    summary = html.select_one(".govuk-error-summary").get_text(" ", strip=True)
    assert "Select the record to keep" in summary
    assert html.select_one("#id_reason").get_text().strip() == "Same NHS number"  # nothing lost

    answers = {"keep": str(child.pk), "reason": "Same NHS number; misspelt family name"}
    confirm = page(client.post(url, answers))
    assert confirm.select_one("h1").get_text() == "Check and confirm the merge"
    summary_text = confirm.select_one(".govuk-summary-list").get_text(" ", strip=True)
    assert f"Record to keep {child.full_name}, LA child ID {child.la_child_id}" in summary_text
    assert "Phone numbers: 1" in summary_text
    assert not Merge.objects.exists()

    changed = page(client.post(url, {**answers, "change": "yes"}))
    assert changed.select_one("h1").get_text() == "Merge these records"
    assert changed.select_one(f"input[value='{child.pk}']").has_attr("checked")

    response = client.post(url, {**answers, "confirmed": "yes"}, follow=True)
    merge = Merge.objects.get()
    assert response.redirect_chain[-1][0] == f"{QUEUE}merges/{merge.pk}/"
    record = text(response)
    assert f"Records merged into {child.full_name}" in record
    assert "In force" in record
    assert "Phone numbers: 1" in record
    assert PhoneNumber.objects.get().person == child
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.MERGED
    # The merged record now opens the kept one.
    detail = client.get(f"/children-and-families/{dup.pk}/")
    assert detail["Location"] == f"/children-and-families/{child.pk}/"

    undo = f"{QUEUE}merges/{merge.pk}/undo/"
    html = page(client.post(undo, {"reason": ""}))
    assert "Enter why you are undoing this merge" in html.select_one(
        ".govuk-error-summary"
    ).get_text(" ", strip=True)
    response = client.post(undo, {"reason": "They are twins"}, follow=True)
    record = text(response)
    assert "Merge undone" in record
    assert "Undone" in record
    assert "They are twins" in record
    assert PhoneNumber.objects.get().person == dup
    pair.refresh_from_db()
    assert pair.status == DuplicateStatus.OPEN
    # Undoing again is refused, politely.
    again = client.post(undo, {"reason": "Again"}, follow=True)
    assert "already been undone" in text(again)


def test_a_restricted_record_in_a_pair_shows_only_that_it_exists(client, pair, make_user) -> None:
    manager = make_user(Role.TEAM_MANAGER)
    person_restrict(actor=manager, person=pair.person_a, reason="other", note="x", users=[])
    queue = text(client.get(QUEUE))
    assert "Restricted record" in queue
    assert pair.person_a.full_name not in queue.replace(pair.person_b.full_name, "")
    html = page(client.get(f"{QUEUE}{pair.pk}/"))
    assert "Only someone on its access list can review this pair" in html.get_text()
    assert not html.find("a", string="Merge these records")
    assert client.get(f"{QUEUE}{pair.pk}/merge/").status_code == 403


@pytest.mark.parametrize("role", [Role.MASH_PARTNER, Role.REFERRER, Role.CALL_HANDLER])
def test_people_without_the_review_permission_are_refused(
    client_for, make_user, role, pair
) -> None:
    other = client_for(role)
    manager = make_user(Role.TEAM_MANAGER)
    merge = Merge.objects.create(
        kept=pair.person_a, merged=pair.person_b, reason="x", merged_by=manager
    )
    for url in (
        QUEUE,
        f"{QUEUE}{pair.pk}/",
        f"{QUEUE}{pair.pk}/not-the-same-person/",
        f"{QUEUE}{pair.pk}/merge/",
        f"{QUEUE}merges/{merge.pk}/",
        f"{QUEUE}merges/{merge.pk}/undo/",
    ):
        assert other.get(url).status_code == 403, url
        assert other.post(url, {"reason": "x"}).status_code == 403, url
    assert DuplicateCandidate.objects.get().status == DuplicateStatus.OPEN


def test_a_refused_merge_is_explained_and_the_answers_kept(client, pair, planted) -> None:
    reviewer = User.objects.get(username="cads-social-worker")
    child, dup = planted["child"], planted["dup"]
    person_restrict(actor=reviewer, person=dup, reason="other", note="Safety", users=[])
    answers = {"keep": str(child.pk), "reason": "Same NHS number", "confirmed": "yes"}
    html = page(client.post(f"{QUEUE}{pair.pk}/merge/", answers))
    summary = html.select_one(".govuk-error-summary")
    assert "Restrict the record you keep first" in summary.get_text()
    assert summary.find("a")["href"] == "#id_keep_0"
    assert html.select_one(f"input[value='{child.pk}']").has_attr("checked")
    assert html.select_one("#id_reason").get_text().strip() == "Same NHS number"
    assert not Merge.objects.exists()
