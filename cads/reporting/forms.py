"""The dashboard's filters: received dates in GOV.UK date inputs (`from_day`, `from_month`,
`from_year`; likewise `to`), and `team`. The CSV links carry the dates as `from` and `to`
(YYYY-MM-DD), which the same boxes also read, so a link copied from the page still works."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from django import forms

from cads.core.form_fields import GovukDateField, GovukDateInput
from cads.reporting.models import Team

DEFAULT_DAYS = 28
DATE_HINT = "For example, 2 11 2026"
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class GovukDateWidget(GovukDateInput):
    """Day, month and year boxes, which also read a date given as `<name>=YYYY-MM-DD`
    (the CSV links and bookmarks made before the boxes). Named so Django's widget type is
    still "govukdate", which the field template draws as a GOV.UK date input."""

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> Any:
        iso = str(data.get(name, "")).strip()
        if not iso:
            return super().value_from_datadict(data, files, name)
        match = ISO_DATE.fullmatch(iso)
        return [match[3], match[2], match[1]] if match else [iso, "", ""]


def _date_field(label: str, which: str) -> GovukDateField:
    return GovukDateField(
        subject=f"{which} date",
        label=label,
        required=False,
        help_text=DATE_HINT,
        widget=GovukDateWidget(),
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
