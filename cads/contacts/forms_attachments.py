"""The attachment upload form: input and GOV.UK error wording only. The checks that need
the file's content (size, type, viruses) are in cads.contacts.attachments."""

from __future__ import annotations

from typing import Any

from django import forms


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text=(
            "PDF, JPG, PNG, HEIC, Word (DOCX or ODT), Excel (XLSX) or plain text. "
            "The file must be smaller than {limit}."
        ),
        error_messages={
            "required": "Select a file",
            "empty": "The selected file is empty",
            "invalid": "Select a file",
        },
    )
    description = forms.CharField(
        label="What is this file?",
        max_length=200,
        help_text="For example, Early Help assessment, chronology, photograph of an injury",
        error_messages={"required": "Enter what the file is"},
    )

    def __init__(self, *args: Any, limit: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = field.help_text.format(limit=limit)
        # Browsers offer these in the file picker; the server checks the content anyway.
        field.widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.heic,.heif,.docx,.odt,.xlsx,.txt"
