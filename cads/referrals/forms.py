"""Referral forms: allocation by a team manager, and the completed assessment."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from cads.accounts.models import User
from cads.contacts.forms_intake import YES_NO, radios, textarea
from cads.core.form_fields import GovukDateField
from cads.referrals.codes import PrimaryNeed
from cads.referrals.selectors import assessment_social_workers, assessment_teams


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        return user.get_full_name() or user.username


class AllocationForm(forms.Form):
    team = forms.ModelChoiceField(
        label="Team",
        queryset=assessment_teams(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select a team"},
    )
    social_worker = WorkerChoiceField(
        label="Social worker",
        queryset=assessment_social_workers(),
        required=False,
        empty_label="Not yet: allocate to the team only",
        help_text="You can allocate a social worker later",
    )


class AssessmentCompleteForm(forms.Form):
    completed_on = GovukDateField(
        subject="date the assessment was completed",
        must_be_past=True,
        label="Date the assessment was completed",
        help_text="For example, 20 11 2026",
    )
    primary_need = radios(
        "Primary need",
        PrimaryNeed.choices,
        "Select the primary need",
        help_text="If in doubt between two, choose the one higher in the list",
    )
    nfa = radios("Did the referral lead to no further action?", YES_NO, "Select yes or no")
    overrun_reason = textarea(
        "Reason the assessment took longer than 45 working days",
        rows=4,
        help_text="Only needed if it was completed after the due date",
    )

    def __init__(self, *args: Any, due: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.due = due

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        completed = data.get("completed_on")
        # Working Together 2023: record the reasons for exceeding the 45 working days.
        if completed and completed > self.due and not data.get("overrun_reason", "").strip():
            self.add_error(
                "overrun_reason", "Enter the reason the assessment took longer than 45 working days"
            )
        return data
