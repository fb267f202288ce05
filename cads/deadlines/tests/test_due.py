"""The front door's deadlines are configuration: red runs overnight, amber and green count
working days and skip bank holidays, and an administrator's change takes effect; a contact's
RAG is the screener's over intake's; checks, decisions, acknowledgements and letters are due
by the rules in cads.deadlines.due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from types import SimpleNamespace
from typing import Any, cast

import pytest

from cads.contacts.codes import ReferralSource
from cads.core.clocks import LONDON
from cads.deadlines.due import (
    UnknownRagError,
    acknowledgement_due,
    check_due,
    contact_rag,
    decision_due,
    letter_due,
    rag_due,
    school_feedback_due,
)
from cads.deadlines.models import ClockConfiguration, RagLevel

pytestmark = pytest.mark.django_db


def at(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def contact(
    received: datetime | None = None, *, rag: str = "", screener: str | None = None, **fields: Any
) -> Any:
    """A contact as the rules read it: receipt, intake RAG, and the screening when there is one."""
    screening = SimpleNamespace(rag=screener) if screener is not None else None
    values = {"referral_source": "", "referrer_anonymous": False} | fields
    return cast(
        Any,
        SimpleNamespace(pk=1, received_at=received, rag=rag, screening=screening, **values),
    )


@dataclass
class Settings:
    """Letter settings as cads.letters.models.LetterSettings holds them (defaults)."""

    school_feedback_by: time = time(15, 0)
    outcome_letter_working_days: int = 1
    consultation_record_working_days: int = 1


# --- RAG clocks -------------------------------------------------------------------------


def test_red_runs_outside_office_hours() -> None:
    # Monday 16:00 + 4 hours: red keeps running past 17:00, due at 20:00 the same evening.
    assert rag_due(at(2025, 6, 2, 16, 0), "red") == at(2025, 6, 2, 20, 0)
    # Received on a Saturday night, red is still due 4 real hours later.
    assert rag_due(at(2025, 6, 7, 22, 0), "red") == at(2025, 6, 8, 2, 0)


def test_amber_skips_the_summer_bank_holiday() -> None:
    # Friday 22 August 2025 10:00 + 1 working day; Monday 25 August is a bank holiday.
    assert rag_due(at(2025, 8, 22, 10, 0), "amber") == at(2025, 8, 26, 10, 0)


def test_green_is_three_working_days_over_christmas() -> None:
    # Wednesday 24 December 2025: 25 and 26 are bank holidays, then the weekend.
    assert rag_due(at(2025, 12, 24, 10, 0), "green") == at(2025, 12, 31, 10, 0)


def test_an_administrator_can_change_a_rag_level() -> None:
    RagLevel.objects.filter(code="amber").update(duration_amount=2)
    assert rag_due(at(2025, 6, 2, 10, 0), "amber") == at(2025, 6, 4, 10, 0)
    RagLevel.objects.filter(code="red").update(runs_outside_office_hours=False)
    assert rag_due(at(2025, 6, 2, 16, 0), "red") == at(2025, 6, 3, 12, 0)


def test_an_unknown_rating_is_refused_clearly() -> None:
    with pytest.raises(UnknownRagError, match="No RAG level is configured with the code 'blue'"):
        rag_due(at(2025, 6, 2, 10, 0), "blue")


# --- A contact's RAG and its partner checks ----------------------------------------------


def test_the_screeners_rating_wins_over_intakes() -> None:
    assert contact_rag(contact(rag="red", screener="green")) == "green"
    assert contact_rag(contact(rag="red")) == "red"
    # A screening started but not yet rated keeps intake's rating.
    assert contact_rag(contact(rag="amber", screener="")) == "amber"


def test_an_unrated_contact_has_no_rag() -> None:
    assert contact_rag(contact()) == ""
    assert contact_rag(contact(screener="")) == ""


def test_a_check_follows_the_contacts_rag() -> None:
    asked = at(2025, 6, 2, 16, 0)  # a Monday
    assert check_due(contact(rag="amber", screener="red"), asked) == at(2025, 6, 2, 20, 0)
    assert check_due(contact(rag="red", screener="amber"), asked) == at(2025, 6, 3, 16, 0)


def test_a_check_on_an_unrated_contact_gets_the_green_clock_never_none() -> None:
    asked = at(2025, 6, 2, 16, 0)
    green = rag_due(asked, "green")
    assert check_due(contact(), asked) == green == at(2025, 6, 5, 16, 0)
    # A rating the administrator has since removed falls back to green too.
    assert check_due(contact(rag="purple"), asked) == green


# --- Decision and acknowledgement ---------------------------------------------------------


def test_decision_and_acknowledgement_default_to_one_working_day_and_are_configurable() -> None:
    friday = contact(at(2025, 6, 6, 16, 0))
    assert decision_due(friday) == at(2025, 6, 9, 16, 0)
    assert acknowledgement_due(friday) == at(2025, 6, 9, 16, 0)
    ClockConfiguration.objects.update(decision_working_days=2)
    assert decision_due(friday) == at(2025, 6, 10, 16, 0)
    assert acknowledgement_due(friday) == at(2025, 6, 9, 16, 0)
    ClockConfiguration.objects.update(acknowledgement_working_days=3)
    assert acknowledgement_due(friday) == at(2025, 6, 11, 16, 0)


def test_a_decision_on_a_contact_received_out_of_hours_counts_from_the_next_opening() -> None:
    # Saturday: the working day runs from Monday 09:00 to Monday 17:00.
    assert decision_due(contact(at(2025, 6, 7, 11, 0))) == at(2025, 6, 9, 17, 0)


def test_the_decision_clock_can_be_given_the_configuration_read_once() -> None:
    monday = contact(at(2025, 6, 2, 10, 0))
    clocks = ClockConfiguration(decision_working_days=3)
    assert decision_due(monday, clocks=clocks) == at(2025, 6, 5, 10, 0)


# --- Letters ------------------------------------------------------------------------------


def test_the_acknowledgement_letter_is_due_on_the_acknowledgement_clock() -> None:
    monday = contact(at(2025, 6, 2, 10, 0))
    due = letter_due(monday, "acknowledgement", Settings(), at=at(2025, 6, 2, 10, 5))
    assert due == acknowledgement_due(monday) == at(2025, 6, 3, 10, 0)


def test_a_school_hears_by_the_configured_time_on_the_school_day() -> None:
    school = {"referral_source": ReferralSource.SCHOOLS}
    decided = at(2026, 12, 3, 11, 0)
    thursday = contact(at(2026, 12, 3, 10, 0), **school)
    assert letter_due(thursday, "outcome", Settings(), at=decided) == at(2026, 12, 3, 15, 0)
    # A Friday after 12:30, with the time configured to 12:30: Monday at 12:30.
    friday = contact(at(2026, 12, 4, 13, 0), **school)
    half_past_twelve = Settings(school_feedback_by=time(12, 30))
    assert school_feedback_due(friday, half_past_twelve) == at(2026, 12, 7, 12, 30)
    # Received on a Saturday: the next school day.
    saturday = contact(at(2026, 12, 5, 9, 0), **school)
    assert school_feedback_due(saturday, Settings()) == at(2026, 12, 7, 15, 0)


def test_an_anonymous_school_gets_the_ordinary_outcome_clock() -> None:
    anonymous = contact(
        at(2026, 12, 3, 10, 0), referral_source=ReferralSource.SCHOOLS, referrer_anonymous=True
    )
    decided = at(2026, 12, 3, 11, 0)
    assert letter_due(anonymous, "outcome", Settings(), at=decided) == at(2026, 12, 4, 11, 0)


def test_outcome_and_consultation_record_follow_the_settings() -> None:
    monday = contact(at(2026, 11, 2, 10, 0))
    decided = at(2026, 11, 4, 14, 0)
    two_days = Settings(outcome_letter_working_days=2, consultation_record_working_days=3)
    assert letter_due(monday, "outcome", two_days, at=decided) == at(2026, 11, 6, 14, 0)
    # The consultation record counts from the call, not from when it became owed.
    record = letter_due(monday, "consultation_record", two_days, at=decided)
    assert record == at(2026, 11, 5, 10, 0)


def test_other_letters_are_due_when_written() -> None:
    written = at(2026, 11, 2, 12, 0)
    monday = contact(at(2026, 11, 2, 10, 0))
    assert letter_due(monday, "instructions", Settings(), at=written) == written
    assert letter_due(monday, "family", Settings(), at=written) == written
