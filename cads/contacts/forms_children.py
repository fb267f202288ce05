"""Forms for the Children and family section: a new person's record (after a search) and
each person's role in the contact."""

from __future__ import annotations

from typing import Any

from django import forms

from cads.contacts.codes import SubjectRole
from cads.contacts.forms_intake import yes_no
from cads.contacts.models import ContactSubject
from cads.core.phone import phone_number_ok
from cads.core.reveals import RevealOption, reveal_options
from cads.people import identifiers
from cads.people.forms import PersonForm
from cads.people.models import Household

NEW_ADDRESS = "new"
PR_CHOICES = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known")]


class IntakePersonForm(PersonForm):
    """A person's details plus where they live and a phone number, so a call handler
    records a new person on one page. Brothers and sisters often share an address: the
    addresses already on the contact are offered."""

    lives_at = forms.ChoiceField(
        label="Where do they live?", widget=forms.RadioSelect, required=False
    )
    address = forms.CharField(
        label="Address",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Leave empty if not known",
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    phone = forms.CharField(label="Phone number", max_length=40, required=False)

    # Not asked at the front door: these belong to the full record.
    NOT_AT_INTAKE = ("date_of_death", "former_upn")

    def __init__(self, *args: Any, households: list[Household], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.NOT_AT_INTAKE:
            del self.fields[name]
        self.households = {str(h.pk): h for h in households}
        field = self.fields["lives_at"]
        if not isinstance(field, forms.ChoiceField):  # pragma: no cover
            raise TypeError("lives_at must be a choice field")
        field.choices = [
            *(
                (pk, f"Same address as others on this contact: {h}")
                for pk, h in self.households.items()
            ),
            (NEW_ADDRESS, "A different address, or not known"),
        ]
        if not self.households:
            del self.fields["lives_at"]

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        return identifiers.normalise_postcode(value) if value else ""

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        if phone and not phone_number_ok(phone):
            raise forms.ValidationError(
                "Enter a phone number, like 01632 960 001 or +44 808 157 0192"
            )
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "lives_at" in self.fields and not data.get("lives_at"):
            self.add_error("lives_at", "Select where they live")
        return data

    def household(self) -> Household | None:
        """The chosen existing address, or None for a new or unknown one."""
        return self.households.get(self.cleaned_data.get("lives_at") or "")


class SubjectRoleForm(forms.Form):
    """Where the child is now under "child" and "sibling" (one conditional, after the second
    of the two), parental responsibility under "parent or carer"."""

    role = forms.ChoiceField(
        label="What is their role in this contact?",
        choices=SubjectRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person's role in this contact"},
    )
    parental_responsibility = forms.ChoiceField(
        label="Do they have parental responsibility for the child?",
        choices=PR_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    whereabouts = forms.CharField(
        label="Where is the child now?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="For example at school, at home with their mother, or not known",
    )

    def role_options(self) -> list[RevealOption]:
        reveals = {"child": "whereabouts", "sibling": "whereabouts", "parent_carer": "parent_carer"}
        placed = {
            "sibling": ("whereabouts", ["whereabouts"]),
            "parent_carer": ("parent_carer", ["parental_responsibility"]),
        }
        return reveal_options(self, "role", reveals, placed)

    @staticmethod
    def initial_for(subject: ContactSubject | None) -> dict[str, Any]:
        if subject is None:
            return {}
        pr = yes_no(subject.parental_responsibility) or "unknown"
        return {
            "role": subject.role,
            "parental_responsibility": pr,
            "whereabouts": subject.whereabouts,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if role == SubjectRole.PARENT_CARER and not data.get("parental_responsibility"):
            self.add_error(
                "parental_responsibility", "Select whether they have parental responsibility"
            )
        # Whereabouts first: the duty worker must know where to find the child today.
        if (
            role in (SubjectRole.CHILD, SubjectRole.SIBLING)
            and not data.get("whereabouts", "").strip()
        ):
            self.add_error("whereabouts", "Enter where the child is now, or Not known")
        return data

    def subject_details(self) -> dict[str, Any]:
        data = self.cleaned_data
        pr = None
        if data["role"] == SubjectRole.PARENT_CARER:
            pr = {"yes": True, "no": False}.get(data["parental_responsibility"])
        whereabouts = data["whereabouts"].strip()
        if data["role"] not in (SubjectRole.CHILD, SubjectRole.SIBLING):
            whereabouts = ""
        return {"role": data["role"], "parental_responsibility": pr, "whereabouts": whereabouts}
