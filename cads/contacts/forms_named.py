"""Forms for people named on a contact: why someone cannot be identified, and a call
handler naming someone without searching now. GOV.UK error wording; no writes here."""

from __future__ import annotations

from typing import Any

from django import forms

from cads.contacts.codes import SubjectRole
from cads.contacts.forms_intake import textarea
from cads.contacts.models_named import NamedPerson
from cads.core.form_fields import GovukDateField
from cads.people import identifiers


class CannotIdentifyForm(forms.Form):
    reason = textarea(
        "Why can they not be identified?",
        rows=4,
        required="Enter why they cannot be identified",
        help_text="For example, only a first name was given and the referrer was anonymous; "
        "say what you searched",
    )


class NamePersonForm(forms.Form):
    """Someone named without a search (the screener identifies them before a decision)."""

    role = forms.ChoiceField(
        label="Who are they in this contact?",
        choices=SubjectRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who they are in this contact"},
    )
    given_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter their first name, or describe them"},
        help_text='If the caller does not know it, describe them, for example "girl, about 6"',
    )
    family_name = forms.CharField(label="Last name", max_length=100, required=False)
    date_of_birth = GovukDateField(
        subject="date of birth",
        must_be_past=True,
        required=False,
        label="Date of birth (if known)",
        help_text="For example, 27 3 2019",
    )
    address = forms.CharField(
        label="Address (if known)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    postcode = forms.CharField(
        label="Postcode (if known)",
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    school = forms.CharField(label="School (if known)", max_length=200, required=False)

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        return identifiers.normalise_postcode(value) if value else ""

    def details(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "role"}


def search_data(named: NamedPerson) -> dict[str, str]:
    """The people search filled in from the details as given (search before create)."""
    data = {
        "given_name": named.given_name,
        "family_name": named.family_name,
        "postcode": named.postcode,
        # The search compares the first line ("12 Mill Lane"); the rest fills the record.
        "address": named.address.replace("\n", ",").split(",")[0].strip()[:200],
    }
    if named.date_of_birth:
        born = named.date_of_birth
        data |= {
            "date_of_birth_day": str(born.day),
            "date_of_birth_month": str(born.month),
            "date_of_birth_year": str(born.year),
        }
    return {k: v for k, v in data.items() if v}
