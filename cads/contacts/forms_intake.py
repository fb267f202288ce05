"""Staff intake forms: the start page and the immediate-risk question, and the field
builders the section forms share. Forms validate and word errors the GOV.UK way."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.utils import timezone

from cads.contacts.codes import (
    Channel,
    ContactKind,
)
from cads.core.clocks import LONDON, wall_clock_fold, wall_clock_gap, wall_clock_moment
from cads.core.form_fields import GovukDateField

YES_NO = [("yes", "Yes"), ("no", "No")]
# 24-hour "14:30", "14.30", "1430"; or "2:30pm", "2pm" — callers say times many ways.
TIME = re.compile(r"^(?P<h>\d{1,2})(?:[:.]?(?P<m>\d{2}))?\s*(?P<ampm>am|pm)?$", re.IGNORECASE)
# Staff record online forms through the online pages, not here.
STAFF_CHANNELS = [c for c in Channel.choices if c[0] != Channel.ONLINE]


def radios(label: str, choices: Any, required: str | None = None, **kwargs: Any) -> Any:
    """A radio group; `required` is the error when nothing is chosen (None: optional)."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        required=required is not None,
        error_messages={"required": required or ""},
        **kwargs,
    )


def textarea(label: str, *, rows: int = 4, required: str | None = None, **kwargs: Any) -> Any:
    """A textarea; `required` is the error when it is left empty (None: optional)."""
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=required is not None,
        error_messages={"required": required or ""},
        **kwargs,
    )


def yes_no(value: bool | None) -> str:
    """A stored yes/no as the radios' value ("" when not answered)."""
    if value is None:
        return ""
    return "yes" if value else "no"


def parse_time(value: str) -> datetime.time | None:
    """A time as a worker types it, or None when it cannot be read."""
    match = TIME.match(value.strip())
    if match is None:
        return None
    hour, minute = int(match["h"]), int(match["m"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ampm"].lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


# At the autumn clock change the hour from 01:00 happens twice (Europe/London).
BST, GMT = "bst", "gmt"
CLOCK_CHOICES = [
    (BST, "British Summer Time (BST), before the clocks went back"),
    (GMT, "Greenwich Mean Time (GMT), after the clocks went back"),
]


def received_moment(
    form: forms.Form, day: datetime.date, at: datetime.time, *, time_field: str, clock: str
) -> datetime.datetime | None:
    """The instant a worker means by a local date and time, or None with the error on
    `form`: a time that never happened (the spring change) is refused, and one that
    happened twice (the autumn change) needs the answer to `clock`, BST or GMT. Guessing
    would move a red clock by an hour (ADR 0031)."""
    tz = LONDON  # the front door's clocks (cads.core.clocks, ADR 0005)
    shown = f"{at:%H:%M} on {day:%-d %B %Y}"
    if wall_clock_gap(day, at, tz=tz):
        form.add_error(
            time_field,
            f"{shown} did not happen: the clocks went forward an hour at 01:00. "
            "Enter the time as the clock showed it, for example 02:30 for half an hour "
            "after the change",
        )
        return None
    if not wall_clock_fold(day, at, tz=tz):
        form.fields.pop(clock, None)  # asked only when the time happened twice
        return wall_clock_moment(day, at, tz=tz)
    question = f"{shown} happened twice, when the clocks went back. Which was it?"
    form.fields[clock].label = form[clock].label = question
    answer = form.cleaned_data.get(clock)
    if not answer:
        form.add_error(clock, f"Select whether {shown} was British Summer Time or GMT")
        return None
    return wall_clock_moment(day, at, tz=tz, later=answer == GMT)


def clock_question() -> Any:
    """The BST-or-GMT question, shown only when the time entered happened twice."""
    return radios("Which was it?", CLOCK_CHOICES, None)


class ContactStartForm(forms.Form):
    """When and how the contact arrived. The clock runs from the time received, not from
    when the worker presses submit (Working Together 2023: decide within one working day)."""

    received_date = GovukDateField(
        subject="date the contact was received",
        must_be_past=True,
        label="Date received",
        help_text="For example, 27 3 2026",
    )
    received_time = forms.CharField(
        label="Time received",
        max_length=8,
        help_text="Use the 24-hour clock, like 14:30",
        error_messages={"required": "Enter the time the contact was received, like 14:30"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    received_clock = clock_question()
    channel = radios("How was the contact made?", STAFF_CHANNELS, "Select how the contact was made")
    kind = radios(
        "What are you recording?",
        [
            (ContactKind.CONTACT, "A contact about a child or children"),
            (ContactKind.CONSULTATION, "A professional consultation (the child may not be named)"),
        ],
        "Select whether this is a contact or a professional consultation",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            del self.fields["received_clock"]

    def clean_received_time(self) -> datetime.time:
        value = parse_time(self.cleaned_data["received_time"])
        if value is None:
            raise forms.ValidationError("Enter the time received in the 24-hour clock, like 14:30")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("received_date") and data.get("received_time")):
            self.fields.pop("received_clock", None)
            return data
        received = received_moment(
            self,
            data["received_date"],
            data["received_time"],
            time_field="received_time",
            clock="received_clock",
        )
        if received is not None and received > timezone.now():
            self.add_error("received_time", "The time received must be now or in the past")
        if received is not None:
            data["received_at"] = received
        return data


class FollowUpStartForm(ContactStartForm):
    """A new concern about the children of a closed contact: when and how it arrived."""

    kind = None  # always a contact about the same children


class ImmediateRiskForm(forms.Form):
    at_risk = radios(
        "Is a child at immediate risk of significant harm now?",
        YES_NO,
        "Select whether a child is at immediate risk of significant harm now",
    )
