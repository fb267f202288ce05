"""The dashboard's filters: GET parameters `from` and `to` (YYYY-MM-DD) and `team`."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from cads.reporting.models import Team

DEFAULT_DAYS = 28
DATE_HINT = "For example, 2026-11-01"


def _date_field(label: str, which: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text=DATE_HINT,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={
            "invalid": f"Enter the {which} date as year, month and day, like 2026-11-01"
        },
    )


class DashboardFilterForm(forms.Form):
    """Received dates and team. Blank dates mean the last four weeks up to today."""

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        # `from` is a Python keyword, so the fields are added here rather than declared.
        self.fields["from"] = _date_field("Received from", "start")
        self.fields["to"] = _date_field("Received to", "end")
        self.fields["team"] = forms.ModelChoiceField(
            label="Team",
            queryset=Team.objects.all(),
            required=False,
            empty_label="All teams",
            error_messages={"invalid_choice": "Select a team from the list"},
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        end = data.get("to") or self.today
        start = data.get("from") or end - datetime.timedelta(days=DEFAULT_DAYS - 1)
        if start > end:
            self.add_error("from", "The start date must be the same as or before the end date")
        data["start"], data["end"] = start, end
        return data

    def query(self) -> str:
        """The filters as a query string, for the CSV links (only after is_valid)."""
        data = self.cleaned_data
        team = data.get("team")
        params = f"from={data['start']:%Y-%m-%d}&to={data['end']:%Y-%m-%d}"
        return params + (f"&team={team.pk}" if team else "")
