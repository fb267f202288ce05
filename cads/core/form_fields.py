"""GOV.UK date input: three boxes (day, month, year) and the GOV.UK error wording."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils import timezone

# Every email address box: the database column is varchar(254) (RFC 5321's path limit).
EMAIL_MAX_LENGTH = 254
EMAIL_TOO_LONG = "Email address must be 254 characters or fewer"
_DIGITS = re.compile(r"[0-9]+")
DATE_PARTS = ("day", "month", "year")  # the boxes, in order; also their name and id suffixes


class GovukDateInput(forms.MultiWidget):
    """Day, month and year boxes named `<name>_day`, `<name>_month`, `<name>_year`."""

    template_name = "govuk/forms/widgets/date_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
            "month": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
            "year": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
        }
        super().__init__(widgets, attrs)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        """Give each box its part ("day", "month", "year") and the id `<id>_<part>`, which
        the labels and the error summary link (`GovukBoundField.first_input_id`) rely on;
        MultiWidget would number them `<id>_0`, `<id>_1`, `<id>_2`."""
        context = super().get_context(name, value, attrs)
        id_ = context["widget"]["attrs"].get("id")
        for sub, part in zip(context["widget"]["subwidgets"], DATE_PARTS, strict=True):
            sub["part"] = part
            if id_:
                sub["attrs"]["id"] = f"{id_}_{part}"
        return context

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date from three boxes. `subject` words the errors, e.g. "date of birth" gives
    "Enter the date of birth" and "Date of birth must include a month"."""

    widget = GovukDateInput

    def __init__(self, *, subject: str, must_be_past: bool = False, **kwargs: Any) -> None:
        self.subject = subject
        self.must_be_past = must_be_past
        part = forms.CharField(required=False)
        kwargs.setdefault("error_messages", {"required": f"Enter the {subject}"})
        super().__init__(fields=(part, part, part), require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> datetime.date | None:
        if not data_list or not any(data_list):
            # Boxes holding only spaces get past MultiValueField's required check.
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        day, month, year = (str(v or "").strip() for v in data_list)
        missing = [name for name, v in (("day", day), ("month", month), ("year", year)) if not v]
        label = self.subject[0].upper() + self.subject[1:]
        if missing:
            raise forms.ValidationError(f"{label} must include a {' and '.join(missing)}")
        # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
        if not all(_DIGITS.fullmatch(part) for part in (day, month, year)):
            raise forms.ValidationError(f"{label} must be a real date")
        if len(year) != 4:
            raise forms.ValidationError("Year must include 4 numbers")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as exc:  # a 20-digit day is too large for C
            raise forms.ValidationError(f"{label} must be a real date") from exc
        if self.must_be_past and value > timezone.localdate():
            raise forms.ValidationError(f"{label} must be today or in the past")
        return value
