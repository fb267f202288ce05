"""The assessment social worker's forms for a CIN episode: the assessment started and
completed, the section 47 path, no further action on the referral, the closure, and the
reason a child has no UPN. The service checks every date again (ADR 0028)."""

from __future__ import annotations

from typing import Any

from django import forms

from cads.contacts.forms_intake import radios, textarea
from cads.core.form_fields import GovukDateField
from cads.people.models import UpnUnknown
from cads.referrals.codes import AssessmentFactor, ClosureReason, PrimaryNeed, Section47Outcome

# How an assessment ended: the episode goes on, or closes as RC8 or RC9 that day.
ASSESSMENT_OUTCOMES = [
    ("", "Further action: the child is a child in need and the episode stays open"),
    ("RC8", "No further action: close the episode (RC8)"),
    ("RC9", "No further action, referred to early help: close the episode (RC9)"),
]
CONFERENCE = [
    ("held", "A conference was held"),
    ("not_required", "A conference is not required"),
    ("not_yet", "Not yet decided or held"),
]


def _date(subject: str, *, required: bool = True, **kwargs: Any) -> GovukDateField:
    return GovukDateField(
        subject=subject,
        must_be_past=True,
        required=required,
        label=subject[0].upper() + subject[1:],
        help_text="For example, 20 11 2026",
        **kwargs,
    )


class AssessmentStartForm(forms.Form):
    started_on = _date("date the assessment started")


class AssessmentCompleteForm(forms.Form):
    completed_on = _date("date the assessment was completed and authorised")
    factors = forms.MultipleChoiceField(
        label="Factors identified at the assessment",
        choices=AssessmentFactor.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. '21 No factors identified' cannot go with others.",
        error_messages={"required": "Select the factors identified at the assessment"},
    )
    primary_need = radios(
        "Primary need",
        PrimaryNeed.choices,
        "Select the primary need",
        help_text="If in doubt between two, choose the one higher in the list",
    )
    outcome = forms.ChoiceField(
        label="Outcome of the assessment",
        choices=ASSESSMENT_OUTCOMES,
        widget=forms.RadioSelect,
        required=False,
    )
    overrun_reason = textarea(
        "Reason the assessment took longer than 45 working days",
        rows=4,
        help_text="Only needed if it was completed after the due date",
    )

    def __init__(self, *args: Any, due: Any, **kwargs: Any) -> None:
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


class Section47Form(forms.Form):
    strategy_discussion_on = _date("date of the strategy discussion")
    started_on = _date("date the section 47 enquiry started")
    outcome = radios(
        "Outcome of the section 47 enquiry",
        [("", "Not yet concluded"), *Section47Outcome.choices],
    )
    conference = radios(
        "Initial child protection conference",
        CONFERENCE,
        "Select whether a conference was held or is not required",
    )
    icpc_on = _date("date of the initial child protection conference", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("conference") == "held" and not data.get("icpc_on"):
            self.add_error("icpc_on", "Enter the date of the initial child protection conference")
        return data


class NoFurtherActionForm(forms.Form):
    reason = textarea("Why does the referral need no further action?", required="Enter why")


class CloseEpisodeForm(forms.Form):
    reason = radios(
        "Reason the episode closed", ClosureReason.choices, "Select the reason the episode closed"
    )
    closed_on = _date("date the episode closed")


class UpnUnknownForm(forms.Form):
    upn_unknown = radios(
        "Reason the child has no UPN", UpnUnknown.choices, "Select the reason there is no UPN"
    )
