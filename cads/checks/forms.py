"""Forms for partner checks: input validation and GOV.UK error wording only. The rules
(consent, scoping, transitions) are in cads.checks.services."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from cads.accounts.models import Organisation
from cads.checks.models import AnswerGivenHow, LawfulBasis
from cads.contacts.forms_intake import parse_time
from cads.core.form_fields import GovukDateField

TEXT_LIMIT = 5000


def _text(label: str, required: str, help_text: str = "", max_length: int = TEXT_LIMIT) -> Any:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": required,
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
    )


class ChoosePartnersForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        label="Which partner agencies do you want to ask?",
        help_text="Select all that apply. You write a question for each next.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one partner agency"},
    )

    def __init__(self, *args: Any, partners: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = partners  # type: ignore[attr-defined]


class CheckDetailsForm(forms.Form):
    """A question and the information to share for each chosen partner, then the lawful
    basis and reasons that go on every information-sharing record (golden rule 7)."""

    organisation_ids = forms.CharField(widget=forms.HiddenInput)
    lawful_basis = forms.ChoiceField(
        label="Lawful basis for sharing",
        choices=LawfulBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the lawful basis for sharing"},
    )
    reasons = _text(
        "Why is sharing this information necessary?",
        "Enter why sharing this information is necessary",
        help_text="This is recorded on each information-sharing record.",
    )

    def __init__(
        self, *args: Any, organisations: list[Organisation], information: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = organisations
        self.fields["organisation_ids"].initial = ",".join(str(o.pk) for o in organisations)
        for org in organisations:
            self.fields[f"question_{org.pk}"] = _text(
                f"Question for {org.name}", f"Enter the question for {org.name}"
            )
            self.fields[f"information_{org.pk}"] = _text(
                f"Information to share with {org.name}",
                f"Enter the information you will share with {org.name}",
                help_text="Only what they need to answer. They see this and the question, "
                "never the whole contact.",
            )
            self.fields[f"information_{org.pk}"].initial = information
        self.order_fields(["organisation_ids", *self._per_partner_names(), "lawful_basis"])

    def _per_partner_names(self) -> list[str]:
        names = []
        for org in self.organisations:
            names += [f"question_{org.pk}", f"information_{org.pk}"]
        return names

    def partner_fields(self) -> list[tuple[Organisation, list[forms.BoundField]]]:
        """(organisation, [question field, information field]) for the template."""
        return [
            (org, [self[f"question_{org.pk}"], self[f"information_{org.pk}"]])
            for org in self.organisations
        ]

    def asks(self) -> list[tuple[Organisation, str, str]]:
        data = self.cleaned_data
        return [
            (org, data[f"question_{org.pk}"], data[f"information_{org.pk}"])
            for org in self.organisations
        ]


class NotSharedForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label="Which agency asked, or would have received the information?",
        empty_label="Select an agency",
        error_messages={"required": "Select the agency"},
    )
    information = _text("What information was not shared?", "Enter what information was not shared")
    reasons = _text("Why did you decide not to share it?", "Enter why you decided not to share")

    def __init__(self, *args: Any, partners: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partners  # type: ignore[attr-defined]


class ConsentOverrideForm(forms.Form):
    reasons = _text(
        "Why should checks go ahead without consent?",
        "Enter why checks should go ahead without consent",
        help_text="For example, asking the parents would put the child at risk of harm or "
        "undermine a police investigation.",
    )


class AuthorisationRequestForm(forms.Form):
    reasons = _text(
        "Why should checks go ahead without consent?",
        "Enter why checks should go ahead without consent",
        help_text="A team manager reads this and decides. For example, asking the parents "
        "would put the child at risk of harm or undermine a police investigation.",
    )


class AuthorisationAnswerForm(forms.Form):
    authorise = forms.ChoiceField(
        label="Do you authorise checks without consent?",
        choices=[("yes", "Yes, authorise checks without consent"), ("no", "No, do not authorise")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you authorise checks without consent"},
    )
    answer = _text(
        "Your reasons",
        "Enter the reasons for your answer",
        help_text="The worker sees them, and they are recorded with the authorisation.",
    )


class CancelForm(forms.Form):
    reason = _text("Why are you cancelling this check?", "Enter why you are cancelling this check")


class ResponseForm(forms.Form):
    response = _text(
        "Your response",
        "Enter your response",
        help_text="What your agency knows that answers the question, with dates and sources.",
        max_length=20000,
    )


class CheckAttachmentForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="PDF, JPG, PNG, HEIC, Word (DOCX or ODT), Excel (XLSX) or plain text.",
        error_messages={
            "required": "Select a file",
            "empty": "The selected file is empty",
            "invalid": "Select a file",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = (
            ".pdf,.jpg,.jpeg,.png,.heic,.heif,.docx,.odt,.xlsx,.txt"
        )


class OnBehalfForm(forms.Form):
    """A partner's answer as they gave it to a member of staff: who, how, when and what."""

    given_by = forms.CharField(
        label="Who gave the answer?",
        help_text="Their name and role, for example Sam Patel, health visitor",
        max_length=200,
        error_messages={"required": "Enter who gave the answer"},
    )
    given_how = forms.ChoiceField(
        label="How did they give it?",
        choices=AnswerGivenHow.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how they gave the answer"},
    )
    given_date = GovukDateField(
        subject="date the answer was given",
        must_be_past=True,
        label="Date the answer was given",
        help_text="For example, 27 3 2026",
    )
    given_time = forms.CharField(
        label="Time the answer was given",
        max_length=8,
        help_text="Use the 24-hour clock, like 14:30",
        error_messages={"required": "Enter the time the answer was given, like 14:30"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    response = _text(
        "Their answer",
        "Enter the partner's answer",
        help_text="What they told you that answers the question, with dates and sources.",
        max_length=20000,
    )

    def clean_given_time(self) -> datetime.time:
        value = parse_time(self.cleaned_data["given_time"])
        if value is None:
            raise forms.ValidationError("Enter the time in the 24-hour clock, like 14:30")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("given_date") and data.get("given_time"):
            at = datetime.datetime.combine(data["given_date"], data["given_time"])
            data["given_at"] = timezone.make_aware(at)
        return data
