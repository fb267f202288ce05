"""Forms for professional consultations: input validation and GOV.UK error wording only."""

from __future__ import annotations

import datetime
import re
from typing import Any, Final

from django import forms
from django.utils import timezone

from cads.contacts.codes import PUBLIC_SOURCES, ReferralSource
from cads.contacts.forms_intake import clock_question, received_moment
from cads.core.form_fields import EMAIL_MAX_LENGTH, EMAIL_TOO_LONG, GovukDateField
from cads.core.phone import phone_number_ok

# Only professionals consult; members of the public make a contact instead.
PROFESSIONAL_SOURCES = [
    (value, label) for value, label in ReferralSource.choices if value not in PUBLIC_SOURCES
]
TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm)?$")
NOON = 12
TIME_EXAMPLE = "for example 9:30am or 14:05"


def parse_time(value: str) -> datetime.time | None:
    """A time as people type it: 14:05, 14.05, 9:30am, 2pm. None if it is not one."""
    match = TIME.match(value.strip().lower().replace(" ", ""))
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= NOON:
            return None
        hour = hour % NOON + (NOON if match["half"] == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


class ConsultationStartForm(forms.Form):
    """When the call came in: the consultation's clock starts then, not when it is saved."""

    call_date = GovukDateField(
        subject="date of the call",
        must_be_past=True,
        label="Date of the call",
        help_text="For example, 27 3 2026",
    )
    call_time = forms.CharField(
        label="Time of the call",
        max_length=10,
        help_text=f"Use the 24-hour clock or am and pm, {TIME_EXAMPLE}",
        error_messages={"required": "Enter the time of the call"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    call_clock = clock_question()

    def clean_call_time(self) -> datetime.time:
        value = parse_time(self.cleaned_data["call_time"])
        if value is None:
            raise forms.ValidationError(f"Enter a real time, {TIME_EXAMPLE}")
        return value

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._received: datetime.datetime | None = None
        if not self.is_bound:
            del self.fields["call_clock"]

    def received_at(self) -> datetime.datetime:
        assert self._received is not None, "call is_valid() first"  # noqa: S101 - a bug
        return self._received

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("call_date") and data.get("call_time")):
            self.fields.pop("call_clock", None)
            return data
        # A time at the clock changes is refused or asked about (ADR 0031).
        received = received_moment(
            self, data["call_date"], data["call_time"], time_field="call_time", clock="call_clock"
        )
        if received is not None and received > timezone.now():
            self.add_error("call_time", "The time of the call must be now or in the past")
        self._received = received
        return data

    @staticmethod
    def initial_now() -> dict[str, Any]:
        now = timezone.localtime()
        return {"call_date": now.date(), "call_time": now.strftime("%H:%M")}


IMMEDIATE_RISK: Final = "Is a child at immediate risk of significant harm now?"


class ConsultationForm(forms.Form):
    """The consultation section. Saving needs only the organisation; recording also needs
    the referral source, an overview and the advice given (`recording=True`)."""

    referrer_name = forms.CharField(
        label="Professional's name (optional)",
        required=False,
        max_length=200,
        help_text="Leave empty if they would rather not give it",
    )
    referrer_role = forms.CharField(
        label="Role (optional)",
        required=False,
        max_length=200,
        help_text="For example, designated safeguarding lead",
    )
    referrer_organisation = forms.CharField(
        label="Organisation",
        max_length=200,
        error_messages={"required": "Enter the professional's organisation"},
    )
    referrer_phone = forms.CharField(label="Phone number (optional)", required=False, max_length=40)
    referrer_email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        help_text="The consultation record is sent here",
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": EMAIL_TOO_LONG,
        },
    )
    referral_source = forms.ChoiceField(
        label="Type of organisation",
        required=False,
        choices=[("", "Select the type of organisation"), *PROFESSIONAL_SOURCES],
    )
    consultation_overview = forms.CharField(
        label="Overview of the worry",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the professional is worried about. You do not need the child's name.",
    )
    consultation_child_age = forms.CharField(
        label="Child's age (optional)",
        required=False,
        max_length=40,
        help_text="For example, about 7 or 7 years",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    advice_given = forms.CharField(
        label="Advice given",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    # Asked on every intake first (Working Together 2023: immediate protection comes first);
    # kept on the contact, not in the consultation's section.
    immediate_risk = forms.ChoiceField(
        label=IMMEDIATE_RISK,
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        required=False,
        help_text="If yes, this is a concern: you make it a named contact now",
    )

    REQUIRED_TO_RECORD = {
        "immediate_risk": "Select whether a child is at immediate risk of significant harm",
        "referral_source": "Select the type of organisation",
        "consultation_overview": "Enter an overview of the worry",
        "advice_given": "Enter the advice given",
    }

    def __init__(self, *args: Any, recording: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.recording = recording
        self.order_fields(["immediate_risk"])

    def clean_referrer_phone(self) -> str:
        value: str = self.cleaned_data["referrer_phone"].strip()
        if value and not phone_number_ok(value):
            raise forms.ValidationError(
                "Enter a phone number, like 01632 960 001 or +44 808 157 0192"
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.recording:
            for field, message in self.REQUIRED_TO_RECORD.items():
                if field not in self.errors and not str(data.get(field, "")).strip():
                    self.add_error(field, message)
        return data

    def changes(self) -> dict[str, str]:
        """The section's values to save, stripped of surrounding spaces."""
        return {
            name: str(self.cleaned_data.get(name) or "").strip()
            for name in self.fields
            if name != "immediate_risk"
        }


class ConvertForm(forms.Form):
    """Why a consultation became a concern: kept on the contact's timeline."""

    reason = forms.CharField(
        label="Why is this now a concern?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the professional has now described an injury",
        error_messages={"required": "Enter why this consultation is now a concern"},
    )
