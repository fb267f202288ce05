"""Screening a contact: opening starts it, history comes first, re-rating needs a reason,
the consent call waits for the history, and a stale save loses nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cads.accounts.roles import Role
from cads.audit.models import AccessLog, CaseEvent
from cads.contacts.workflow import Status as ContactStatus
from cads.people.models import PersonStatus
from cads.screening.models import Screening, ThresholdLevel
from cads.screening.services import (
    HistoryNotViewedError,
    screening_consent_call_record,
    screening_open,
    screening_rerate,
)
from cads.screening.tests.helpers import errors, soup, submitted
from conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(make_user):
    return submitted(make_user(Role.CALL_HANDLER))


@pytest.fixture
def screener(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


def test_opening_shows_history_first_and_starts_screening(contact, screener, make_user) -> None:
    child = contact.subjects.get().person
    PersonStatus.objects.create(person=child, kind="CP", start_date="2024-01-01")
    earlier = submitted(make_user(Role.CALL_HANDLER, "second-handler"))
    earlier.subjects.update(person=child)
    response = signed_in_client(screener).get(reverse("screening:history", args=[contact.pk]))
    assert response.status_code == 200
    text = soup(response).get_text(" ", strip=True)
    assert "What we already know" in text
    assert "1 previous contact" in text
    assert str(earlier.reference) in text
    contact.refresh_from_db()
    assert contact.status == ContactStatus.IN_SCREENING
    assert contact.screening.worker == screener
    assert contact.screening.history_viewed_at is not None
    assert AccessLog.objects.filter(actor=screener, screen="screening:history").count() >= 2


def test_rerating_needs_a_reason_and_is_on_the_timeline(contact, screener) -> None:
    screening = screening_open(actor=screener, contact=contact)
    client = signed_in_client(screener)
    url = reverse("screening:rerate", args=[contact.pk])
    response = client.post(url, {"rag": "red", "reason": "", "version": screening.version})
    assert errors(response) == ["Enter why you are changing the RAG rating"]
    with pytest.raises(ValueError, match="needs a reason"):
        screening_rerate(
            actor=screener, screening=screening, rag="red", reason=" ", expected_version=1
        )
    client.post(url, {"rag": "red", "reason": "Mother's partner back home", "version": 1})
    assert Screening.objects.get().rag == "red"
    event = CaseEvent.objects.get(kind="screening.rerated")
    assert (event.reason, event.data["new"]) == ("Mother's partner back home", {"rag": "red"})


def test_consent_call_is_refused_before_the_history_is_viewed(contact, screener) -> None:
    screening = screening_open(actor=screener, contact=contact)
    with pytest.raises(HistoryNotViewedError, match="Read the child's history"):
        screening_consent_call_record(
            actor=screener, screening=screening, consent_call="given",
            not_sought_reason="", reason="", expected_version=1,
        )  # fmt: skip
    client = signed_in_client(screener)
    summary = soup(client.get(reverse("screening:screen", args=[contact.pk])))
    assert "Read the history first" in summary.get_text()
    url = reverse("screening:consent", args=[contact.pk])
    response = client.post(url, {"consent_call": "given", "version": 1})
    assert errors(response) == ["Read the child's history before you record the consent decision"]
    client.get(reverse("screening:history", args=[contact.pk]))
    version = Screening.objects.get().version
    response = client.post(url, {"consent_call": "given", "version": version})
    assert response.status_code == 302
    assert Screening.objects.get().consent_call == "given"


def test_consent_not_sought_needs_its_reasons(contact, screener) -> None:
    client = signed_in_client(screener)
    client.get(reverse("screening:history", args=[contact.pk]))
    url = reverse("screening:consent", args=[contact.pk])
    response = client.post(url, {"consent_call": "not_sought", "version": 2})
    assert errors(response) == [
        "Select why consent was not sought",
        "Enter the reasons for proceeding without consent",
    ]
    # Why it was not sought is a conditional reveal under "not sought", kept with the
    # version and the answers after the error; the reasons follow the question for every answer.
    page = soup(response)
    assert page.select_one("input[name=version]")["value"] == "2"
    radio = page.select_one("input[name=consent_call][value=not_sought]")
    assert radio.has_attr("checked")
    reveal = page.select_one(f"#{radio['data-reveals']}")
    assert [s["name"] for s in reveal.select("select")] == ["not_sought_reason"]
    assert not reveal.select("textarea")
    assert page.select_one("textarea[name=reason]")


def test_a_stale_save_is_detected_and_nothing_typed_is_lost(contact, screener, make_user) -> None:
    other = make_user(Role.CADS_SOCIAL_WORKER, "other-screener")
    first, second = signed_in_client(screener), signed_in_client(other)
    first.get(reverse("screening:history", args=[contact.pk]))
    second.get(reverse("screening:history", args=[contact.pk]))
    opened = Screening.objects.get().version  # both open the threshold page at this version
    level3 = ThresholdLevel.objects.get(number=3)
    url = reverse("screening:threshold", args=[contact.pk])
    saved = first.post(url, {"level": level3.pk, "rationale": "Neglect", "version": opened})
    assert saved.status_code == 302
    level4 = ThresholdLevel.objects.get(number=4)
    typed = "Injury and a disclosure at school this morning"
    stale = second.post(url, {"level": level4.pk, "rationale": typed, "version": opened})
    assert stale.status_code == 200
    assert "Someone else saved this screening" in errors(stale)[0]
    page = soup(stale)
    assert page.select_one("textarea[name=rationale]").get_text().strip() == typed
    assert "Recorded so far: Level 3" in page.get_text(" ", strip=True)
    assert page.select_one(f"input[name=level][value='{level4.pk}']").has_attr("checked")
    screening = Screening.objects.get()
    assert screening.threshold_level == level3  # nothing overwritten silently
    version = page.select_one("input[name=version]")["value"]
    again = second.post(url, {"level": level4.pk, "rationale": typed, "version": version})
    assert again.status_code == 302
    assert Screening.objects.get().threshold_level == level4


def test_threshold_disagreement_with_the_referrer_is_stored(contact, screener) -> None:
    contact.referrer_threshold_view = "2"
    contact.save()
    client = signed_in_client(screener)
    client.get(reverse("screening:history", args=[contact.pk]))
    level4 = ThresholdLevel.objects.get(number=4)
    indicator = level4.indicators.first()
    url = reverse("screening:threshold", args=[contact.pk])
    data = {"level": level4.pk, "indicators": [indicator.pk], "rationale": "Injury", "version": 2}
    response = client.post(url, data)
    assert errors(response) == ["Enter why you chose level 4 when the referrer said level 2"]
    client.post(url, {**data, "disagreement_reason": "Bruising seen by the school nurse"})
    screening = Screening.objects.get()
    assert screening.disagrees_with_referrer is True
    assert list(screening.indicators.all()) == [indicator]


def test_consent_and_threshold_make_it_screened_in_the_tray(contact, screener) -> None:
    client = signed_in_client(screener)
    client.get(reverse("screening:history", args=[contact.pk]))
    client.post(
        reverse("screening:consent", args=[contact.pk]),
        {"consent_call": "given", "version": Screening.objects.get().version},
    )
    assert Screening.objects.get().status == "in_progress"  # the threshold is still to come
    level = ThresholdLevel.objects.get(number=2)
    client.post(
        reverse("screening:threshold", args=[contact.pk]),
        {
            "level": level.pk,
            "rationale": "Needs early help",
            "version": Screening.objects.get().version,
        },
    )
    assert Screening.objects.get().status == "screened"
    tray = client.get(reverse("screening:tray")).content.decode()
    assert "Screened, awaiting decision" in tray
