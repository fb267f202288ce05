"""Acknowledgement to the referrer within 1 working day: the screener records when and how
(phone, email, letter); until then the work tray's next deadline includes it, in words."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.contacts.models import Contact
from cads.core.clocks import LONDON
from cads.deadlines.models import ClockConfiguration
from cads.screening.models import Screening
from cads.screening.services import screening_open
from cads.screening.services_acknowledgement import (
    AcknowledgementError,
    screening_acknowledgement_record,
)
from cads.screening.tests.helpers import errors, soup, submitted
from conftest import signed_in_client

pytestmark = pytest.mark.django_db
MONDAY_11 = datetime(2025, 6, 2, 11, 0, tzinfo=LONDON)
TUESDAY_10 = datetime(2025, 6, 3, 10, 0, tzinfo=LONDON)


@pytest.fixture
def screener(make_user):
    return make_user(Role.CADS_SOCIAL_WORKER)


def named_referrer(contact: Contact) -> Contact:
    Contact.objects.filter(pk=contact.pk).update(
        referrer_anonymous=False, referrer_name="Ms Head", referrer_organisation="Oakfield"
    )
    return Contact.objects.get(pk=contact.pk)


def tray_left(client, contact: Contact) -> str:
    row = soup(client.get(reverse("screening:tray"))).select_one(
        f'tr[data-reference="{contact.reference}"]'
    )
    return row.select("td")[1].get_text(" ", strip=True)


def test_the_tray_shows_the_acknowledgement_until_it_is_recorded(screener) -> None:
    # Acknowledge within half a day here, so it is the nearest deadline on its own.
    ClockConfiguration.objects.update_or_create(pk=1, defaults={"acknowledgement_working_days": 0})
    with time_machine.travel(MONDAY_11, tick=False) as clock:
        contact = named_referrer(submitted(screener, received_at=MONDAY_11))
        client = signed_in_client(screener)
        assert "Acknowledgement due 2 Jun, 11:00" in tray_left(client, contact)
        clock.move_to(datetime(2025, 6, 2, 13, 30, tzinfo=LONDON))
        client = signed_in_client(screener)  # a fresh sign-in: idle sessions end
        left = tray_left(client, contact)
        assert left.startswith("Overdue by 2 hours 30 minutes")
        assert "Acknowledgement due" in left
        screening = screening_open(actor=screener, contact=contact)
        screening_acknowledgement_record(
            actor=screener,
            screening=screening,
            at=datetime(2025, 6, 2, 13, 0, tzinfo=LONDON),
            how="phone",
            expected_version=screening.version,
        )
        left = tray_left(client, contact)
        assert "Acknowledgement" not in left
        assert "left" in left  # the decision, due Tuesday, is next


def test_by_default_it_shares_the_decision_deadline(screener) -> None:
    with time_machine.travel(MONDAY_11, tick=False):
        contact = named_referrer(submitted(screener, received_at=MONDAY_11))
        left = tray_left(signed_in_client(screener), contact)
        assert left == "1 day left Decision and acknowledgement due 3 Jun, 11:00"


def test_an_anonymous_referrer_has_no_acknowledgement(screener) -> None:
    contact = submitted(screener)  # the helper's referrer is anonymous
    assert "acknowledgement" not in tray_left(signed_in_client(screener), contact).lower()
    screening = screening_open(actor=screener, contact=contact)
    with pytest.raises(AcknowledgementError, match="anonymous"):
        screening_acknowledgement_record(
            actor=screener,
            screening=screening,
            at=contact.received_at,
            how="email",
            expected_version=screening.version,
        )


def test_screener_records_the_acknowledgement_on_the_screening_page(screener) -> None:
    with time_machine.travel(TUESDAY_10, tick=False):
        contact = named_referrer(submitted(screener, received_at=MONDAY_11))
        screening = screening_open(actor=screener, contact=contact)
        client = signed_in_client(screener)
        page = soup(client.get(reverse("screening:screen", args=[contact.pk])))
        text = page.get_text(" ", strip=True)
        assert "Referrer acknowledged Not yet: due by 3 Jun 2025, 11:00" in text
        url = reverse("screening:acknowledge", args=[contact.pk])
        assert page.find("a", href=url) is not None

        form = soup(client.get(url))
        assert form.select_one("#id_acknowledged_time")["value"] == "10:00"  # defaults to now
        base = {"version": screening.version, "acknowledged_date_day": "3",
                "acknowledged_date_month": "6", "acknowledged_date_year": "2025"}  # fmt: skip
        response = client.post(url, base | {"acknowledged_time": "", "how": ""})
        assert errors(response) == [
            "Enter the time the referrer was acknowledged, like 14:30",
            "Select how the referrer was acknowledged",
        ]
        response = client.post(url, base | {"acknowledged_time": "11:30", "how": "email"})
        assert errors(response) == ["The time the referrer was acknowledged must be in the past"]
        base |= {"acknowledged_date_day": "2"}
        response = client.post(url, base | {"acknowledged_time": "10:00", "how": "email"})
        assert errors(response) == [
            "The referrer cannot have been acknowledged before the contact was received"
        ]
        response = client.post(url, base | {"acknowledged_time": "15:45", "how": "letter"})
        assert response["Location"] == reverse("screening:screen", args=[contact.pk])
        saved = Screening.objects.get(pk=screening.pk)
        assert saved.referrer_acknowledged_at == datetime(2025, 6, 2, 15, 45, tzinfo=LONDON)
        assert saved.referrer_acknowledged_how == "letter"
        assert saved.referrer_acknowledged_by == screener
        (event,) = CaseEvent.objects.filter(kind="screening.referrer_acknowledged")
        assert event.data["new"]["how"] == "letter"
        text = soup(client.get(reverse("screening:screen", args=[contact.pk]))).get_text(" ")
        assert "By letter, 2 Jun 2025, 15:45" in " ".join(text.split())


def test_only_screeners_record_it(screener, make_user) -> None:
    contact = named_referrer(submitted(screener))
    screening_open(actor=screener, contact=contact)
    url = reverse("screening:acknowledge", args=[contact.pk])
    for role in (Role.CALL_HANDLER, Role.MASH_PARTNER):
        assert signed_in_client(make_user(role)).get(url).status_code == 403
