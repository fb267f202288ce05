"""The front door's clocks are configuration: red runs overnight, amber and green count
working days and skip bank holidays, and an administrator's change takes effect."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any, cast

import pytest

from cads.core.clocks import LONDON
from cads.screening.clocks import UnknownRagError, acknowledgement_due, decision_due, rag_due
from cads.screening.models import ClockConfiguration, RagLevel

pytestmark = pytest.mark.django_db


def at(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


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


def test_decision_and_acknowledgement_default_to_one_working_day_and_are_configurable() -> None:
    contact = cast(Any, SimpleNamespace(received_at=at(2025, 6, 6, 16, 0)))  # a Friday
    assert decision_due(contact) == at(2025, 6, 9, 16, 0)
    assert acknowledgement_due(contact) == at(2025, 6, 9, 16, 0)
    ClockConfiguration.objects.update(decision_working_days=2)
    assert decision_due(contact) == at(2025, 6, 10, 16, 0)
    assert acknowledgement_due(contact) == at(2025, 6, 9, 16, 0)
