from __future__ import annotations

from django import forms

from cads.contacts.forms_intake import textarea
from cads.core.form_fields import EMAIL_MAX_LENGTH, EMAIL_TOO_LONG


class LetterSendForm(forms.Form):
    """Who the letter is to and its text, as previewed, which the worker may edit before
    sending. `send_key` is the letter's own id, fixed when the preview is made (the link
    to acknowledge instructions names it), so a double click sends one letter."""

    recipient_name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={"required": "Enter who the letter is to"},
    )
    recipient_email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": EMAIL_TOO_LONG,
        },
    )
    recipient_address = textarea(
        "Postal address (optional)",
        rows=4,
        help_text="Printed on the letter; GOV.UK Notify posts it when there is no email address",
    )
    text = textarea("Text of the letter", rows=18, required="Enter the text of the letter")
    send_key = forms.UUIDField(widget=forms.HiddenInput)


class ResendForm(forms.Form):
    send_key = forms.UUIDField(widget=forms.HiddenInput)


class UnconfirmedCheckForm(forms.Form):
    """What the person found when they checked a "sent — unconfirmed" letter."""

    arrived = forms.TypedChoiceField(
        choices=[("yes", "It arrived"), ("no", "It did not arrive")],
        coerce=lambda value: value == "yes",
    )
