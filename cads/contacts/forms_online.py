"""Forms for the public online form: validation and GOV.UK error wording only. Every text
field has a maximum length (abuse protection, issue 4); each page also carries a honeypot
field that people are told to leave empty."""

from __future__ import annotations

from typing import Any, Final

from django import forms

from cads.contacts.codes import YesNoUnknown
from cads.contacts.online import PROFESSIONAL, PUBLIC
from cads.core.phone import phone_number_ok

# The page's one question is its heading (GOV.UK question pages); other fields use the
# project's default field template.
QUESTION: Final = "contacts/online/fields/question.html"
HONEYPOT: Final = "contacts/online/fields/honeypot.html"
YES_NO: Final = [("yes", "Yes"), ("no", "No")]
PHONE_EXAMPLE: Final = "Enter a phone number, like 01632 960 001 or 07700 900 982"
EMAIL_FORMAT: Final = "Enter an email address in the correct format, like name@example.com"


def text(
    label: str,
    max_length: int,
    *,
    required: str | None = None,
    textarea: bool = False,
    subject: str | None = None,
    **kwargs: Any,
) -> forms.CharField:
    """A text field with GOV.UK messages: `required` is the message when it is required;
    `subject` names the field in the too-long message ("First name must be…")."""
    name = subject or label.removesuffix(" (optional)")
    if textarea:
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6}))
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required is not None,
        error_messages={
            "required": required or "",
            "max_length": f"{name} must be {max_length} characters or fewer",
        },
        **kwargs,
    )


def radios(label: str, choices: list[tuple[str, str]], required: str, **kwargs: Any) -> Any:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required, "invalid_choice": required},
        **kwargs,
    )


def with_template(field: forms.Field, template_name: str) -> Any:
    """Render `field` with its own template (Django's Field.template_name)."""
    field.template_name = template_name  # type: ignore[attr-defined]
    return field


def clean_phone(value: str) -> str:
    value = value.strip()
    if value and not phone_number_ok(value):
        raise forms.ValidationError(PHONE_EXAMPLE)
    return value


class OnlineForm(forms.Form):
    """Base of every online form page: adds the honeypot as the last field. Bots fill in
    every field they find; a person, told by its label, leaves it empty."""

    website = with_template(
        forms.CharField(
            label="Leave this field empty. It is here to stop automated messages.",
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        ),
        HONEYPOT,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"] = self.fields.pop("website")  # keep it last

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data.get("website"))


class ImmediateRiskForm(OnlineForm):
    immediate_risk = radios(
        "Is a child in immediate danger now?",
        YES_NO,
        "Select yes if a child is in immediate danger now",
        help_text="For example, a child is being hurt, has been left alone, or someone is "
        "threatening to hurt them now.",
        template_name=QUESTION,
    )


class WhoAreYouForm(OnlineForm):
    referrer_type = radios(
        "Are you a member of the public or a professional?",
        [
            (PUBLIC, "A member of the public, for example a relative, neighbour or friend"),
            (PROFESSIONAL, "A professional, for example a teacher, health worker or police"),
        ],
        "Select whether you are a member of the public or a professional",
        template_name=QUESTION,
    )


class WorryForm(OnlineForm):
    concern = text(
        "What is worrying you about the child or children?",
        5000,
        required="Enter what is worrying you about the child or children",
        textarea=True,
        subject="What is worrying you",
        help_text="Tell us what you have seen or heard, when it happened and how often. "
        "Include anything the child has said, in their own words if you can.",
        template_name=QUESTION,
    )


class TodayForm(OnlineForm):
    different_today = text(
        "Has something happened today that made you get in touch? (optional)",
        3000,
        textarea=True,
        subject="What happened today",
        help_text="For example, something you saw today or something the child told you. "
        "Leave this empty if nothing happened today.",
        template_name=QUESTION,
    )


class FamilyToldForm(OnlineForm):
    parents_told = radios(
        "Does the child's family know you are contacting us?",
        [
            (YesNoUnknown.YES, "Yes"),
            (YesNoUnknown.NO, "No"),
            (YesNoUnknown.UNKNOWN, "I'm not sure"),
        ],
        "Select whether the child's family knows you are contacting us",
        help_text="You do not have to tell them. If telling them could put the child or "
        "you at risk, do not tell them.",
        template_name=QUESTION,
    )


class RelationshipForm(OnlineForm):
    relationship = radios(
        "How do you know the child?",
        [
            ("1A", "I'm part of the child's family, a relative or their carer"),
            ("1B", "I know the family, for example as a neighbour, friend or childminder"),
            ("1D", "Another way, for example I saw something happen"),
        ],
        "Select how you know the child",
        template_name=QUESTION,
    )
    relationship_detail = text(
        "Tell us more about how you know them (optional)",
        200,
        subject="How you know them",
        help_text="For example, aunt or next-door neighbour",
    )


class AnonymousForm(OnlineForm):
    anonymous = radios(
        "Do you want to stay anonymous?",
        YES_NO,
        "Select yes if you want to stay anonymous",
        help_text="If you stay anonymous, we will not ask for your name or contact details. "
        "We will still act on what you tell us, but we will not be able to contact you "
        "with questions.",
        template_name=QUESTION,
    )
