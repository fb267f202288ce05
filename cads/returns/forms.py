"""The two download forms: the CIN census year, and the Annex A date of inspection."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from cads.core.form_fields import GovukDateField


def latest_collection_year(today: datetime.date | None = None) -> int:
    """The latest collection year that has ended (years end on 31 March)."""
    today = today or timezone.localdate()
    return today.year if today.month >= 4 else today.year - 1


def open_collection_year(today: datetime.date | None = None) -> int:
    """The collection year under way: the one ending on the next 31 March. The census page
    starts on it, so a manager checks this year's records while they can still be fixed."""
    today = today or timezone.localdate()
    return today.year + 1 if today.month >= 4 else today.year


class CensusForm(forms.Form):
    year = forms.IntegerField(
        label="Collection year ending 31 March",
        help_text="For example, 2026 for 1 April 2025 to 31 March 2026",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Enter the collection year",
            "invalid": "Enter the collection year as 4 numbers, like 2026",
            "min_value": "Enter the collection year as 4 numbers, like 2026",
            "max_value": "Enter the collection year as 4 numbers, like 2026",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
    )
    force = forms.BooleanField(
        label="Export even though the checks found errors",
        help_text="DfE COLLECT will reject the errors; use this only to share a draft",
        required=False,
    )


class AnnexAForm(forms.Form):
    as_of = GovukDateField(
        subject="date of inspection",
        label="Date of inspection",
        help_text="Lists 1 to 3 cover the six months up to this date. For example, 30 11 2026",
    )
