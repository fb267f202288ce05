"""Default RAG levels and clocks. Screening's data migration 0002 carries its own
copy; this is used again after a flush when the tables are empty."""

from typing import Any

RAG_LEVELS = [
    # Local RAG rule (Oxfordshire, Luton): red 4 hours and worked past office hours.
    ("red", "Red", 4, "working_hours", True, 0),
    ("amber", "Amber", 1, "working_days", False, 1),
    ("green", "Green", 3, "working_days", False, 2),
]


def seed_clocks(apps: Any) -> None:
    """The default levels and the one configuration row, where missing."""
    RagLevel = apps.get_model("deadlines", "RagLevel")
    ClockConfiguration = apps.get_model("deadlines", "ClockConfiguration")
    for code, label, amount, unit, runs, order in RAG_LEVELS:
        RagLevel.objects.get_or_create(
            code=code,
            defaults={
                "label": label,
                "duration_amount": amount,
                "duration_unit": unit,
                "runs_outside_office_hours": runs,
                "order": order,
            },
        )
    ClockConfiguration.objects.get_or_create(singleton=True)
