"""Person forms. Identifiers are validated by cads.people.identifiers so the message names
the rule the user broke; postcodes are normalised to BS 7666."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from cads.accounts.models import User
from cads.authority.selectors import authority_configuration
from cads.core.form_fields import GovukDateField
from cads.people import identifiers
from cads.people.matching import SearchQuery
from cads.people.models import Disability, Ethnicity, RelationshipKind, RestrictionReason, Sex

SEX_CHOICES = [("", "Any"), *Sex.choices]


def _clean_identifier(value: str, normalise: Any) -> str:
    value = (value or "").strip()
    return normalise(value) if value else ""


class PersonSearchForm(forms.Form):
    """Any one field is enough to search; more fields give better-ranked results."""

    given_name = forms.CharField(label="First name", required=False, max_length=100)
    family_name = forms.CharField(label="Last name", required=False, max_length=100)
    date_of_birth = GovukDateField(
        subject="date of birth",
        must_be_past=True,
        required=False,
        label="Date of birth",
        help_text="For example, 27 3 2019",
    )
    sex = forms.ChoiceField(label="Sex", choices=SEX_CHOICES, required=False)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    address = forms.CharField(
        label="Address",
        required=False,
        max_length=200,
        help_text="First line is enough, for example 12 Mill Lane",
    )
    nhs_number = forms.CharField(label="NHS number", required=False, max_length=14)
    upn = forms.CharField(label="Unique pupil number (UPN)", required=False, max_length=15)

    def clean_nhs_number(self) -> str:
        return _clean_identifier(self.cleaned_data["nhs_number"], identifiers.normalise_nhs_number)

    def clean_upn(self) -> str:
        la_code = authority_configuration().la_code
        return _clean_identifier(
            self.cleaned_data["upn"],
            lambda v: identifiers.normalise_upn(v, extra_la_codes=[la_code]),
        )

    def clean_postcode(self) -> str:
        return _clean_identifier(self.cleaned_data["postcode"], identifiers.normalise_postcode)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not any(data.get(f) for f in self.fields if f != "sex"):
            raise ValidationError("Enter at least a name, a date of birth or an identifier")
        return data

    def query(self) -> SearchQuery:
        d = self.cleaned_data
        return SearchQuery(
            given_name=d["given_name"].strip(),
            family_name=d["family_name"].strip(),
            date_of_birth=d["date_of_birth"],
            sex=d["sex"],
            postcode=d["postcode"],
            address=d["address"].strip(),
            nhs_number=d["nhs_number"],
            upn=d["upn"],
        )


class PersonForm(forms.Form):
    """A person's details, for creating after a search and for editing."""

    given_name = forms.CharField(label="First name", max_length=100, required=False)
    middle_names = forms.CharField(label="Middle names", max_length=100, required=False)
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the last name"}
    )
    preferred_name = forms.CharField(label="Preferred name", max_length=100, required=False)
    date_of_birth = GovukDateField(
        subject="date of birth",
        must_be_past=True,
        required=False,
        label="Date of birth",
        help_text="Leave empty for an unborn child or when it is not known",
    )
    expected_date_of_delivery = GovukDateField(
        subject="expected date of delivery",
        required=False,
        label="Expected date of delivery (unborn child)",
    )
    estimated_age_years = forms.IntegerField(
        label="Estimated age in years",
        required=False,
        min_value=0,
        max_value=120,
        help_text="Only when the date of birth is not known",
        error_messages={
            "min_value": "Estimated age must be 0 or more",
            "max_value": "Estimated age must be 120 or less",
            "invalid": "Enter the estimated age as a whole number of years",
        },
    )
    sex = forms.ChoiceField(
        label="Sex",
        choices=Sex.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person's sex, or Not known"},
    )
    gender_identity = forms.CharField(
        label="Gender identity (optional)", max_length=100, required=False
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity", choices=[("", "Not recorded"), *Ethnicity.choices], required=False
    )
    first_language = forms.CharField(label="First language", max_length=60, required=False)
    interpreter_needed = forms.BooleanField(label="Needs an interpreter", required=False)
    religion = forms.CharField(label="Religion (optional)", max_length=60, required=False)
    disabilities = forms.MultipleChoiceField(
        label="Disabilities",
        choices=Disability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    date_of_death = GovukDateField(
        subject="date of death", must_be_past=True, required=False, label="Date of death"
    )
    nhs_number = forms.CharField(
        label="NHS number",
        max_length=14,
        required=False,
        help_text="10 digits, for example 943 476 5870",
    )
    upn = forms.CharField(label="Unique pupil number (UPN)", max_length=15, required=False)
    former_upn = forms.CharField(label="Former UPN", max_length=15, required=False)
    school = forms.CharField(label="School or setting", max_length=200, required=False)
    gp_practice = forms.CharField(label="GP practice", max_length=200, required=False)

    def clean_nhs_number(self) -> str:
        return _clean_identifier(self.cleaned_data["nhs_number"], identifiers.normalise_nhs_number)

    def _upn(self, field: str) -> str:
        la_code = authority_configuration().la_code
        return _clean_identifier(
            self.cleaned_data[field],
            lambda v: identifiers.normalise_upn(v, extra_la_codes=[la_code]),
        )

    def clean_upn(self) -> str:
        return self._upn("upn")

    def clean_former_upn(self) -> str:
        return self._upn("former_upn")

    def clean_disabilities(self) -> list[str]:
        codes: list[str] = self.cleaned_data["disabilities"]
        # CIN census rule 8790: "No disability" cannot be combined with a disability.
        if Disability.NONE in codes and len(codes) > 1:
            raise ValidationError("Select No disability, or the disabilities, not both")
        return codes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_of_birth") and data.get("expected_date_of_delivery"):
            self.add_error(
                "expected_date_of_delivery",
                "Enter a date of birth or an expected date of delivery, not both",
            )
        return data


class AddressForm(forms.Form):
    no_fixed_abode = forms.BooleanField(label="No fixed abode", required=False)
    address = forms.CharField(
        label="Address", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    moved_in = GovukDateField(
        subject="date they moved in", required=False, label="Date they moved in"
    )

    def clean_postcode(self) -> str:
        return _clean_identifier(self.cleaned_data["postcode"], identifiers.normalise_postcode)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("no_fixed_abode") and not (data.get("address") or "").strip():
            self.add_error("address", "Enter the address, or select No fixed abode")
        return data


class RelationshipForm(forms.Form):
    kind = forms.ChoiceField(
        label="How are they related to this person?",
        choices=RelationshipKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how they are related"},
    )
    parental_responsibility = forms.ChoiceField(
        label="Do they have parental responsibility for this person?",
        choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Not known")],
        required=False,
        widget=forms.RadioSelect,
    )


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name() or obj.username} ({obj.job_title or obj.username})"


class RestrictForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why is this record restricted?",
        choices=RestrictionReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the record is restricted"},
    )
    users = StaffChoiceField(
        label="Who may open it",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="You are always on the list",
    )
    note = forms.CharField(
        label="Note for the record",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter a note explaining the decision"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["users"]
        if not isinstance(field, forms.ModelMultipleChoiceField):  # pragma: no cover
            raise TypeError("users must be a model choice field")
        field.queryset = (
            User.objects.filter(
                is_active=True,
                groups__permissions__codename="view_person",
            )
            .distinct()
            .order_by("last_name", "first_name")
        )


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Your reason, your name and the time are recorded and your team manager is told. "
            "Team managers not on the access list read it: do not write the person's name"
        ),
        error_messages={"required": "Enter why you need to open this restricted record"},
        min_length=10,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["min_length"] = "Reason must be 10 characters or more"
