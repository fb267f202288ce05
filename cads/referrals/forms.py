"""Referral forms: allocation by a team manager (the social worker's are in forms_episode.py)."""

from __future__ import annotations

from typing import Any

from django import forms

from cads.accounts.models import User
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
