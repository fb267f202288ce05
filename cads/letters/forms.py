from __future__ import annotations

from django import forms

from cads.contacts.forms_intake import textarea


class LetterSendForm(forms.Form):
    """The text of one letter, as previewed, which the worker may edit before sending."""

    text = textarea("Text of the letter", rows=18, required="Enter the text of the letter")
    send_key = forms.UUIDField(widget=forms.HiddenInput)
