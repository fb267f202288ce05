"""The open contact warning's choice: add the new information to an open contact as an
update, or go on with a new contact and say why. GOV.UK error wording; no writes here."""

from __future__ import annotations

from typing import Any

from django import forms

from cads.contacts.forms_intake import textarea
from cads.contacts.models import Contact

GO_ON = "go_on"


class OpenContactForm(forms.Form):
    choice = forms.ChoiceField(
        label="What do you want to do?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether to add the information to the open contact or go on "
            "with a new contact"
        },
    )
    text = textarea(
        "The new information",
        rows=5,
        help_text="If you add it to the open contact: it is kept there with the time this "
        "contact was received and who gave it",
    )
    referrer = forms.CharField(label="Who gave the information", max_length=400, required=False)
    reason = textarea(
        "Why is this a new contact?",
        rows=3,
        help_text="If you go on: for example, a different concern from the one already open",
    )

    def __init__(self, *args: Any, targets: list[Contact], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = {str(c.pk): c for c in targets}
        field = self.fields["choice"]
        if not isinstance(field, forms.ChoiceField):  # pragma: no cover
            raise TypeError("choice must be a choice field")
        field.choices = [
            *((pk, f"Add this information to {c.reference} as an update") for pk, c in
              self.targets.items()),
            (GO_ON, "Go on with a new contact"),
        ]  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        choice = data.get("choice")
        if choice == GO_ON and not data.get("reason", "").strip():
            self.add_error("reason", "Enter why this is a new contact")
        if choice in self.targets:
            if not data.get("text", "").strip():
                self.add_error("text", "Enter the new information")
            if not data.get("referrer", "").strip():
                self.add_error("referrer", "Enter who gave the information")
        return data

    def target(self) -> Contact | None:
        """The open contact to add to, or None to go on with a new contact."""
        return self.targets.get(self.cleaned_data["choice"])
