"""Decision forms: the outcome and reasons, a team manager's sign-off, actions for the
referrer and their acknowledgement. GOV.UK error wording; no writes here."""

from __future__ import annotations

from typing import Any

from django import forms

from cads.contacts.forms_intake import radios, textarea
from cads.core.form_fields import GovukDateField
from cads.decisions.codes import REFERRAL_OUTCOMES, Outcome
from cads.decisions.models import EarlyHelpAnswer


class DecisionForm(forms.Form):
    outcomes = forms.MultipleChoiceField(
        label="What happens next?",
        help_text="Select all that apply",
        choices=Outcome.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one outcome"},
    )
    open_case_worker = forms.CharField(
        label="Allocated worker of the open case (if passing to them)",
        max_length=200,
        required=False,
    )
    reasons = textarea(
        "Reasons for your decision",
        rows=6,
        required="Enter the reasons for your decision",
        help_text=(
            "Say what you found, the level of need, and why this is the right response. "
            "For the record only: letters never include it"
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        outcomes = set(data.get("outcomes") or [])
        if Outcome.OPEN_CASE in outcomes and not data.get("open_case_worker", "").strip():
            self.add_error("open_case_worker", "Enter the name of the allocated worker")
        if Outcome.NO_FURTHER_ACTION in outcomes and outcomes & REFERRAL_OUTCOMES:
            self.add_error(
                "outcomes",
                "Select either no further action or a Child and Family Assessment or "
                "strategy discussion, not both",
            )
        return data


class SummaryForm(forms.Form):
    """What the referrer will read (never the reasons above): pre-filled, then edited."""

    step = forms.CharField(widget=forms.HiddenInput, initial="summary")
    told_us = textarea(
        "What you told us",
        rows=3,
        required="Enter what the referrer told us",
        help_text="In brief, in words the referrer will recognise",
    )
    decided = textarea("What we decided", rows=3, required="Enter what we decided")
    next_steps = textarea("What happens now", rows=3, required="Enter what happens now")
    asks = textarea(
        "What we ask you to do (optional)",
        rows=4,
        help_text="Actions you agreed with the referrer, or advice for them",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("told_us", "decided", "next_steps", "asks"):
            if "[Write here" in data.get(name, ""):
                self.add_error(name, "Replace the text in square brackets")
        return data


class SignOffForm(forms.Form):
    agree = radios(
        "Do you agree with this decision?",
        [("yes", "Yes, agree the decision"), ("no", "No, return it to the worker")],
        "Select whether you agree with the decision",
    )
    comments = textarea(
        "Comments", rows=4, help_text="Required when you return the decision to the worker"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("agree") == "no" and not data.get("comments", "").strip():
            self.add_error("comments", "Enter your comments for the worker")
        return data


class ReferrerActionForm(forms.Form):
    action = textarea("What the referrer must do", rows=3, required="Enter the action")
    who = forms.CharField(
        label="Who will do it",
        max_length=200,
        help_text="For example, the school's designated safeguarding lead",
        error_messages={"required": "Enter who will do it"},
    )
    by_when = GovukDateField(
        subject="date the action is due by", label="By when", help_text="For example, 4 12 2026"
    )


class AcknowledgementForm(forms.Form):
    acknowledged_on = GovukDateField(
        subject="date the referrer acknowledged the advice",
        must_be_past=True,
        label="Date the referrer acknowledged the advice",
        help_text="For example, 27 11 2026",
    )
    note = textarea("How they acknowledged it", rows=3, help_text="For example, by phone")


class EarlyHelpReturnForm(forms.Form):
    how = forms.ChoiceField(
        label="What are you doing with this step-down?",
        choices=EarlyHelpAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you are declining or returning it"},
    )
    reason = forms.CharField(
        label="Why?",
        help_text="The front door's screeners read this in their work tray. For example, the "
        "family declined Early Help, or the worries have grown since the contact.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why you are sending it back to the front door"},
    )


class EarlyHelpFollowUpForm(forms.Form):
    note = forms.CharField(
        label="What happens now?",
        help_text="For example, spoke to the Early Help advisor and agreed universal services "
        "with advice to the school, or recorded a new contact for the new worries.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what happens now"},
    )


class EarlyHelpAcceptForm(forms.Form):
    note = forms.CharField(
        label="Note for the record (optional)",
        help_text="For example, the Early Help worker or team taking it on",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EarlyHelpAssessmentForm(forms.Form):
    completed_on = GovukDateField(
        subject="date the assessment completed",
        label="Date the Early Help assessment completed",
        help_text="As the Early Help service's own record shows. For example, 27 11 2026",
    )
