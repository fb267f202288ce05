"""Screening forms: input validation and GOV.UK error wording only."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone

from cads.accounts.models import User
from cads.contacts.codes import Consent, ConsentNotSoughtReason
from cads.contacts.forms_intake import parse_time
from cads.contacts.workflow import Status as ContactStatus
from cads.core.form_fields import GovukDateField
from cads.core.reveals import RevealOption, reveal_options
from cads.deadlines.models import RagLevel
from cads.screening.models import AcknowledgementMethod, ThresholdIndicator, ThresholdLevel


class IndicatorField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"Level {obj.level.number}, {obj.domain.name}: {obj.text}"


class WorkerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


class VersionedForm(forms.Form):
    """Carries the version the user opened, so a stale save is caught (never overwritten)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class RerateForm(VersionedForm):
    rag = forms.ChoiceField(
        label="RAG rating",
        widget=forms.RadioSelect,
        error_messages={"required": "Select a RAG rating"},
    )
    reason = forms.CharField(
        label="Why are you changing the rating?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you are changing the RAG rating"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rag"]).choices = [
            (level.code, f"{level.label}: {_duration(level)}") for level in RagLevel.objects.all()
        ]


def _duration(level: RagLevel) -> str:
    unit = "working hour" if level.duration_unit == "working_hours" else "working day"
    if level.runs_outside_office_hours:
        unit = unit.replace("working ", "")
    plural = "" if level.duration_amount == 1 else "s"
    return f"within {level.duration_amount} {unit}{plural}"


class ConsentCallForm(VersionedForm):
    """Seed 000: informed? consent given, refused or not sought, and why not."""

    consent_call = forms.ChoiceField(
        label="What is the consent position?",
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether consent was given, refused or not sought"},
    )
    not_sought_reason = forms.ChoiceField(
        label="Why was consent not sought?",
        choices=[("", "Choose a reason"), *ConsentNotSoughtReason.choices],
        required=False,
    )
    reason = forms.CharField(
        label="Reasons for your consent decision",
        help_text="Required when consent was refused or not sought",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def consent_call_options(self) -> list[RevealOption]:
        """Why consent was not sought, under "not sought"."""
        placed = {"not_sought": ("not_sought", ["not_sought_reason"])}
        return reveal_options(self, "consent_call", {"not_sought": "not_sought"}, placed)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        call = data.get("consent_call")
        if call == Consent.NOT_SOUGHT and not data.get("not_sought_reason"):
            self.add_error("not_sought_reason", "Select why consent was not sought")
        if call in (Consent.REFUSED, Consent.NOT_SOUGHT) and not data.get("reason", "").strip():
            self.add_error("reason", "Enter the reasons for proceeding without consent")
        return data


class ThresholdForm(VersionedForm):
    level = forms.ModelChoiceField(
        label="Which level of need applies?",
        queryset=ThresholdLevel.objects.filter(active=True),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the level of need"},
    )
    indicators = IndicatorField(
        label="Indicators that apply",
        queryset=ThresholdIndicator.objects.filter(active=True).select_related("level", "domain"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    rationale = forms.CharField(
        label="Why this level?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why this level of need applies"},
    )
    disagreement_reason = forms.CharField(
        label="If your level differs from the referrer's, why?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, referrer_view: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.referrer_view = referrer_view

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        level = data.get("level")
        view = self.referrer_view
        if level is None or not view.isdigit() or int(view) == level.number:
            return data
        if not data.get("disagreement_reason", "").strip():
            self.add_error(
                "disagreement_reason",
                f"Enter why you chose level {level.number} when the referrer said level {view}",
            )
        return data


class TrayFilterForm(forms.Form):
    rag = forms.ChoiceField(label="RAG rating", required=False)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[
            ("", "Any status"),
            (ContactStatus.SUBMITTED, ContactStatus.SUBMITTED.label),
            (ContactStatus.IN_SCREENING, ContactStatus.IN_SCREENING.label),
        ],
    )
    worker = forms.ChoiceField(label="Worker", required=False)
    mine = forms.BooleanField(label="Only contacts I am screening", required=False)
    overdue = forms.BooleanField(label="Only overdue contacts", required=False)

    def __init__(self, *args: Any, workers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["rag"]).choices = [
            ("", "Any rating"),
            *[(level.code, level.label) for level in RagLevel.objects.all()],
            ("none", "Not yet rated"),
        ]
        cast(forms.ChoiceField, self.fields["worker"]).choices = [
            ("", "Anyone"),
            *[(str(u.pk), u.get_full_name() or u.username) for u in workers],
            ("none", "Nobody yet"),
        ]


class ReassignForm(forms.Form):
    worker = WorkerField(
        label="Who should screen this contact?",
        queryset=User.objects.none(),
        empty_label="Choose a worker",
        error_messages={"required": "Select who should screen this contact"},
    )
    reason = forms.CharField(
        label="Why are you reassigning it?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you are reassigning this contact"},
    )

    def __init__(self, *args: Any, workers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["worker"])
        field.queryset = workers


class AcknowledgementForm(VersionedForm):
    """When and how the referrer was told their contact was received."""

    acknowledged_date = GovukDateField(
        subject="date the referrer was acknowledged",
        must_be_past=True,
        label="Date acknowledged",
        help_text="For example, 27 3 2026",
    )
    acknowledged_time = forms.CharField(
        label="Time acknowledged",
        max_length=8,
        help_text="Use the 24-hour clock, like 14:30",
        error_messages={"required": "Enter the time the referrer was acknowledged, like 14:30"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    how = forms.ChoiceField(
        label="How was the referrer acknowledged?",
        choices=AcknowledgementMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the referrer was acknowledged"},
    )

    def clean_acknowledged_time(self) -> datetime.time:
        value = parse_time(self.cleaned_data["acknowledged_time"])
        if value is None:
            raise forms.ValidationError(
                "Enter the time acknowledged in the 24-hour clock, like 14:30"
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("acknowledged_date") and data.get("acknowledged_time"):
            data["at"] = timezone.make_aware(
                datetime.datetime.combine(data["acknowledged_date"], data["acknowledged_time"])
            )
        return data
