"""The out-of-hours service's record of immediate actions (ADR 0030)."""

from __future__ import annotations

from django import forms

from cads.screening.models import ImmediateAction


class ImmediateActionsForm(forms.Form):
    actions = forms.MultipleChoiceField(
        label="What has been done?",
        help_text="Select all that apply",
        choices=ImmediateAction.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select what has been done, or that advice was given"},
    )
    summary = forms.CharField(
        label="Summary for the daytime team",
        help_text=(
            "What happened, where the child is now and what the daytime team must do first. "
            "It heads their work tray when the office opens."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        error_messages={"required": "Enter a summary for the daytime team"},
    )
