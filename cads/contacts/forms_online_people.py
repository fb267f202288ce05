"""Online form: the children and the parents or carers, one person per page, and the GOV.UK
"add another" question that follows each list."""

from __future__ import annotations

from typing import Any

from django import forms

from cads.contacts.forms_online import (
    QUESTION,
    YES_NO,
    OnlineForm,
    clean_phone,
    radios,
    text,
    with_template,
)
from cads.core.form_fields import GovukDateField
from cads.people.identifiers import normalise_postcode

DOB_EXAMPLE = "for example 27 3 2019"


def _postcode(value: str) -> str:
    return normalise_postcode(value) if value.strip() else ""


class ChildForm(OnlineForm):
    given_name = text(
        "First name",
        100,
        required="Enter the child's first name, or describe them if you do not know it",
        help_text="If you do not know their name, describe them, for example "
        '"girl, about 6 years old"',
    )
    family_name = text("Last name (optional)", 100, subject="Last name")
    date_of_birth = GovukDateField(
        subject="child's date of birth",
        must_be_past=True,
        required=False,
        label="Date of birth",
        help_text="For example, 27 3 2019. If you do not know it, select "
        "'I do not know their date of birth' and tell us their age if you can "
        "when you describe what is worrying you.",
    )
    date_of_birth_unknown = forms.BooleanField(
        label="I do not know their date of birth", required=False
    )
    address = text(
        "Address (optional)",
        500,
        textarea=True,
        subject="Address",
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
    )
    postcode = text(
        "Postcode (optional)",
        10,
        subject="Postcode",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )
    school = text("School, nursery or college (optional)", 200, subject="School")

    def clean_postcode(self) -> str:
        return _postcode(self.cleaned_data["postcode"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        missing = "date_of_birth" not in self.errors and not data.get("date_of_birth")
        if missing and not data.get("date_of_birth_unknown"):
            self.add_error("date_of_birth", f"Enter the child's date of birth, {DOB_EXAMPLE}")
        return data


class ParentForm(OnlineForm):
    given_name = text(
        "First name",
        100,
        required="Enter the parent or carer's first name, or describe them if you do not know it",
        help_text='If you do not know their name, describe them, for example "the child\'s mum"',
    )
    family_name = text("Last name (optional)", 100, subject="Last name")
    relationship = text(
        "Their relationship to the child (optional)",
        100,
        subject="Their relationship to the child",
        help_text="For example, mother, stepfather, grandmother or foster carer",
    )
    date_of_birth = GovukDateField(
        subject="parent or carer's date of birth",
        must_be_past=True,
        required=False,
        label="Date of birth (optional)",
        help_text="For example, 27 3 1990",
    )
    address = text(
        "Address (optional)",
        500,
        textarea=True,
        subject="Address",
        help_text="Leave this empty if they live with the child",
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
    )
    postcode = text(
        "Postcode (optional)",
        10,
        subject="Postcode",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )
    phone = text(
        "Phone number (optional)",
        30,
        subject="Phone number",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )

    def clean_postcode(self) -> str:
        return _postcode(self.cleaned_data["postcode"])

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])


class YesNoForm(OnlineForm):
    """A yes/no question worded by the page: "Do you need to add another child?" after a
    list (GOV.UK add another thing, legend under the list's heading), or "Are you sure you
    want to remove…?" as a page's heading."""

    answer = radios("", YES_NO, "")

    def __init__(
        self, *args: Any, question: str, required: str, heading: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["answer"]
        field.label = question
        field.error_messages = {"required": required, "invalid_choice": required}
        if heading:
            with_template(field, QUESTION)
