"""Online form: about the person reporting (public or professional), a professional's
consent answer, the emailed code, and the final submit."""

from __future__ import annotations

from typing import Any

from django import forms

from cads.contacts.codes import Consent, ConsentNotSoughtReason
from cads.contacts.forms_online import (
    EMAIL_FORMAT,
    QUESTION,
    YES_NO,
    OnlineForm,
    clean_phone,
    radios,
    text,
)

# Plain-language names for the CIN referral sources a professional can choose (every source
# in cads.contacts.online.PROFESSIONAL_SOURCES; a test checks they match).
ORGANISATION_TYPES = {
    "2A": "School",
    "2B": "Education service (not a school)",
    "3A": "GP surgery",
    "3B": "Health visiting",
    "3C": "School nursing",
    "3D": "Other community health service",
    "3E": "Hospital emergency department (A&E)",
    "3F": "Other health service, for example a hospice or mental health service",
    "4": "Housing",
    "5A": "Council social care, for example adult social care",
    "5B": "Other council service, for example youth justice",
    "5C": "Another local authority",
    "5D": "Early help service",
    "6": "Police",
    "7": "Courts, probation, immigration, Cafcass or prison",
    "8": "Other, for example a children's centre or voluntary organisation",
}


class ConsentForm(OnlineForm):
    consent = radios(
        "Have the parents or carers agreed to you contacting us?",
        [
            (Consent.GIVEN, "Yes, they agreed"),
            (Consent.REFUSED, "No, they did not agree"),
            (Consent.NOT_SOUGHT, "I have not asked them"),
        ],
        "Select whether the parents or carers agreed to you contacting us",
        template_name=QUESTION,
    )
    consent_not_sought_reason = forms.ChoiceField(
        label="If you have not asked them, why not?",
        choices=[
            (
                ConsentNotSoughtReason.RISK_OF_HARM,
                "Asking could put the child or someone "
                "else at risk of significant harm, including me",
            ),
            (
                ConsentNotSoughtReason.CRIMINAL_INVESTIGATION,
                "Asking could undermine a criminal investigation",
            ),
            (ConsentNotSoughtReason.OTHER, "Another reason"),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    consent_reason_detail = text(
        "Tell us more (optional)",
        1000,
        textarea=True,
        subject="Tell us more",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("consent") != Consent.NOT_SOUGHT:
            data["consent_not_sought_reason"] = ""
            return data
        reason = data.get("consent_not_sought_reason")
        if not reason:
            self.add_error("consent_not_sought_reason", "Select why you have not asked them")
        elif reason == ConsentNotSoughtReason.OTHER and not data.get("consent_reason_detail"):
            self.add_error("consent_reason_detail", "Tell us why you have not asked them")
        return data


class PublicDetailsForm(OnlineForm):
    name = text("Your name", 200, required="Enter your name", subject="Your name")
    phone = text(
        "Phone number",
        30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text="So we can call you if we have questions",
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={"invalid": EMAIL_FORMAT, "max_length": EMAIL_FORMAT},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    identity_may_be_shared = radios(
        "Can we tell the family that you contacted us?",
        YES_NO,
        "Select yes if we can tell the family that you contacted us",
        help_text="We will never tell them if it could put you or the child at risk.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        no_errors = not {"phone", "email"} & set(self.errors)
        if no_errors and not data.get("phone") and not data.get("email"):
            self.add_error("phone", "Enter a phone number or an email address")
        return data


class ProfessionalDetailsForm(OnlineForm):
    name = text("Your name", 200, required="Enter your name", subject="Your name")
    job_title = text("Job title", 200, required="Enter your job title")
    organisation_type = forms.ChoiceField(
        label="Type of organisation",
        choices=[("", "Choose the type of organisation"), *ORGANISATION_TYPES.items()],
        error_messages={
            "required": "Select the type of organisation you work for",
            "invalid_choice": "Select the type of organisation you work for",
        },
    )
    organisation = text(
        "Name of your organisation", 200, required="Enter the name of your organisation"
    )
    phone = text(
        "Work phone number",
        30,
        required="Enter your work phone number",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label="Work email address",
        max_length=254,
        error_messages={
            "required": "Enter your work email address",
            "invalid": EMAIL_FORMAT,
            "max_length": EMAIL_FORMAT,
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    how_well_known = text(
        "How do you know the child and family? (optional)",
        1000,
        textarea=True,
        subject="How you know the child and family",
        help_text="For example, how long you have known them and when you last saw the child",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])


class ConfirmEmailForm(OnlineForm):
    """Send a code, or carry on without confirming (two buttons; no field to fill)."""

    action = forms.ChoiceField(
        choices=[("send", "send"), ("skip", "skip")], widget=forms.HiddenInput, required=False
    )


class CodeForm(OnlineForm):
    code = text(
        "Enter the code",
        20,
        required="Enter the code from the email",
        subject="The code",
        help_text="The code is 6 numbers, for example 123456",
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "class": "govuk-input--width-10",
                "spellcheck": "false",
            }
        ),
        template_name=QUESTION,
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).replace("-", "")
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise forms.ValidationError("The code must be 6 numbers")
        return code


class SubmitForm(OnlineForm):
    """The check-answers page's button. The key makes a double click or a resent form
    create one contact, not two."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput)
