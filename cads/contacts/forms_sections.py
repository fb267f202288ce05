"""One form per task-list section (cads.contacts.sections). Each saves only its own fields
through contact_section_save; the wording of errors follows GOV.UK patterns."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from cads.contacts.codes import (
    PUBLIC_SOURCES,
    Consent,
    ConsentNotSoughtReason,
    ReferralSource,
    ThresholdView,
    YesNoUnknown,
)
from cads.contacts.forms_intake import YES_NO, radios, textarea, yes_no
from cads.contacts.models import Contact
from cads.core.form_fields import EMAIL_MAX_LENGTH, EMAIL_TOO_LONG, GovukDateField
from cads.core.phone import phone_number_ok
from cads.core.reveals import RevealOption, reveal_options


class SectionForm(forms.Form):
    """A task-list section. Field names are the contact's; `booleans` hold yes/no radios
    stored as True/False; `changes()` gives exactly what the section saves."""

    booleans: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def initial_for(cls, contact: Contact) -> dict[str, Any]:
        initial = {}
        for name in cls.base_fields:
            value = getattr(contact, name)
            if name in cls.booleans:
                value = yes_no(value)
            initial[name] = value
        return initial

    def changes(self) -> dict[str, Any]:
        data = {}
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if name in self.booleans:
                value = {"yes": True, "no": False}.get(value or "")
            elif value is None and not isinstance(self.fields[name], GovukDateField):
                value = ""
            data[name] = value.strip() if isinstance(value, str) else value
        return data


class ReferrerForm(SectionForm):
    booleans = ("referrer_anonymous", "referrer_identity_may_be_shared")

    referral_source = forms.ChoiceField(
        label="Who is the referrer?",
        choices=[("", "Select the referral source"), *ReferralSource.choices],
        help_text="The CIN census referral source",
        error_messages={"required": "Select who the referrer is"},
    )
    referrer_name = forms.CharField(label="Name", max_length=200, required=False)
    referrer_role = forms.CharField(label="Role or job title", max_length=200, required=False)
    referrer_organisation = forms.CharField(label="Organisation", max_length=200, required=False)
    referrer_phone = forms.CharField(
        label="Phone number",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    referrer_email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": EMAIL_TOO_LONG,
        },
    )
    referrer_anonymous = radios(
        "Does the referrer want to stay anonymous?",
        YES_NO,
        help_text="Only members of the public can stay anonymous",
    )
    referrer_identity_may_be_shared = radios(
        "May the referrer's identity be shared with the family?", YES_NO
    )
    referrer_discussed_with = forms.CharField(
        label="Discussed with (designated safeguarding lead or line manager)",
        max_length=200,
        required=False,
    )

    @classmethod
    def initial_for(cls, contact: Contact) -> dict[str, Any]:
        initial = super().initial_for(contact)
        if "referrer" not in contact.sections_done:
            # The column defaults to "not anonymous"; that is not the caller's answer yet.
            initial["referrer_anonymous"] = ""
        return initial

    def clean_referrer_phone(self) -> str:
        phone: str = self.cleaned_data["referrer_phone"].strip()
        if phone and not phone_number_ok(phone):
            raise forms.ValidationError(
                "Enter a phone number, like 01632 960 001 or +44 808 157 0192"
            )
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        source = data.get("referral_source")
        if not source:
            return data
        if source in PUBLIC_SOURCES:
            self._clean_public(data)
        else:
            self._clean_professional(data)
        return data

    def _clean_public(self, data: dict[str, Any]) -> None:
        if not data.get("referrer_anonymous"):
            self.add_error(
                "referrer_anonymous", "Select whether the referrer wants to stay anonymous"
            )
        elif data["referrer_anonymous"] == "no" and not data.get("referrer_name", "").strip():
            self.add_error("referrer_name", "Enter the referrer's name, or say they are anonymous")
        if not data.get("referrer_identity_may_be_shared"):
            self.add_error(
                "referrer_identity_may_be_shared",
                "Select whether the referrer's identity may be shared with the family",
            )

    def _clean_professional(self, data: dict[str, Any]) -> None:
        # Local safeguarding partnership procedures: professionals cannot stay anonymous.
        if data.get("referrer_anonymous") == "yes":
            self.add_error("referrer_anonymous", "A professional cannot stay anonymous")
        if not data.get("referrer_name", "").strip():
            self.add_error("referrer_name", "Enter the referrer's name")
        if not data.get("referrer_organisation", "").strip():
            self.add_error("referrer_organisation", "Enter the referrer's organisation")

    def changes(self) -> dict[str, Any]:
        data = super().changes()
        if data["referral_source"] not in PUBLIC_SOURCES:
            data["referrer_anonymous"] = False
        return data


class ConsentForm(SectionForm):
    parents_told = radios(
        "Have the parents or carers been told you are contacting children's services?",
        YesNoUnknown.choices,
        "Select whether the parents or carers have been told",
    )
    consent = radios(
        "Consent", Consent.choices, "Select whether consent was given, refused or not sought"
    )
    consent_given_by = forms.CharField(
        label="Who gave consent?",
        max_length=200,
        required=False,
        help_text="For example, the mother",
    )
    consent_covers = textarea(
        "What does the consent cover?",
        rows=3,
        help_text="For example, checks with the school, the GP and the health visitor",
    )
    consent_not_sought_reason = radios(
        "Why was consent not sought?", ConsentNotSoughtReason.choices
    )
    consent_reason_detail = textarea(
        "Reason consent was not sought", rows=3, help_text="Needed if the reason is other"
    )

    def consent_options(self) -> list[RevealOption]:
        """Who gave consent and what it covers under "given"; why not under "not sought"."""
        placed = {
            "given": ("given", ["consent_given_by", "consent_covers"]),
            "not_sought": ("not_sought", ["consent_not_sought_reason", "consent_reason_detail"]),
        }
        reveals = {value: key for value, (key, _) in placed.items()}
        return reveal_options(self, "consent", reveals, placed)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        consent = data.get("consent")
        if consent == Consent.GIVEN:
            if not data.get("consent_given_by", "").strip():
                self.add_error("consent_given_by", "Enter who gave consent")
            if not data.get("consent_covers", "").strip():
                self.add_error("consent_covers", "Enter what the consent covers")
        elif consent == Consent.NOT_SOUGHT:
            reason = data.get("consent_not_sought_reason")
            if not reason:
                self.add_error("consent_not_sought_reason", "Select why consent was not sought")
            elif (
                reason == ConsentNotSoughtReason.OTHER
                and not data.get("consent_reason_detail", "").strip()
            ):
                self.add_error("consent_reason_detail", "Enter why consent was not sought")
        return data

    def changes(self) -> dict[str, Any]:
        """Answers that belong to another choice are cleared, so the record never says
        both "consent given by the mother" and "not sought"."""
        data = super().changes()
        if data["consent"] != Consent.GIVEN:
            data["consent_given_by"] = data["consent_covers"] = ""
        if data["consent"] != Consent.NOT_SOUGHT:
            data["consent_not_sought_reason"] = data["consent_reason_detail"] = ""
        return data


class ConcernForm(SectionForm):
    concern = textarea(
        "What is the concern?",
        rows=6,
        help_text="What happened or what was seen or heard, in the referrer's words",
        required="Enter what the concern is",
    )
    concern_when = textarea("When did it happen, and how often?", rows=3)
    happened_before = radios("Has it happened before?", YesNoUnknown.choices)
    referrer_witnessed = radios("Did the referrer see it happen?", YesNoUnknown.choices)
    different_today = textarea("What is different today that prompted the contact?", rows=3)
    action_taken = textarea("What action has been taken, and what worked?", rows=3)
    child_words = textarea("The child's own words", rows=3, help_text="Exactly as said, if known")
    strengths = textarea("Strengths and protective factors", rows=3)
    police_reference = forms.CharField(label="Police reference", max_length=40, required=False)
    other_professionals = textarea("Other professionals involved", rows=3)


class RelationshipForm(SectionForm):
    how_well_known = textarea("How well does the referrer know the child and family?", rows=3)
    last_direct_contact = GovukDateField(
        subject="date of the referrer's last direct contact",
        must_be_past=True,
        required=False,
        label="When did the referrer last have direct contact with the child?",
        help_text="For example, 27 3 2026",
    )


class OutcomeForm(SectionForm):
    outcome_sought = textarea("What would the referrer like to happen?", rows=4)
    referrer_threshold_view = radios(
        "What level of need does the referrer think this is?", ThresholdView.choices
    )


SECTION_FORMS: dict[str, type[SectionForm]] = {
    "referrer": ReferrerForm,
    "consent": ConsentForm,
    "concern": ConcernForm,
    "relationship": RelationshipForm,
    "outcome-sought": OutcomeForm,
}
