"""GOV.UK Frontend form rendering for every Django form (Django 5.2 form-rendering API).

`FORM_RENDERER` points here. Fields render through templates/govuk/forms/field.html, which
chooses the GOV.UK component by widget (input, textarea, select, radios, checkboxes, date
input); `GovukBoundField` adds the GOV.UK classes and the hint/error `aria-describedby`.
"""

from __future__ import annotations

from typing import Any

from django.forms import BoundField, Widget
from django.forms.renderers import TemplatesSetting

# GOV.UK class for each widget kind (BoundField.widget_type); grouped widgets style their
# options in their own templates instead.
INPUT_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "number": "govuk-input",
    "password": "govuk-input",
    "url": "govuk-input",
    "tel": "govuk-input",
    "date": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
GROUPED = frozenset({"radioselect", "checkboxselectmultiple", "govukdate"})


def _widget_kind(widget: Widget) -> str:
    name = type(widget).__name__.lower()
    for suffix in ("widget", "input"):
        name = name.removesuffix(suffix)
    return name


class GovukBoundField(BoundField):
    """A bound field whose widget carries GOV.UK classes and accessible descriptions."""

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}-hint"

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}-error"

    @property
    def described_by(self) -> str:
        """Ids of the hint and error message, for aria-describedby."""
        ids = [self.hint_id] if self.help_text else []
        if self.errors:
            ids.append(self.error_id)
        return " ".join(ids)

    @property
    def has_character_count(self) -> bool:
        """A textarea with a max_length gets the GOV.UK character count."""
        return self.widget_type == "textarea" and bool(getattr(self.field, "max_length", None))

    @property
    def character_count_id(self) -> str:
        """The count message; GOV.UK's JavaScript looks for `<textarea id>-info`."""
        return f"{self.auto_id}-info"

    @property
    def first_input_id(self) -> str:
        """Where the error summary link should land (first radio, day box, the input)."""
        kind = self.widget_type
        if kind in ("radioselect", "checkboxselectmultiple"):
            return f"{self.auto_id}_0"
        if kind == "govukdate":
            return f"{self.auto_id}_day"
        return str(self.auto_id)

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Widget | None = None) -> Any:
        attrs = super().build_widget_attrs(attrs, widget)
        kind = _widget_kind(widget or self.field.widget)
        attrs.pop("aria-describedby", None)
        if kind == "govukdate" and self.errors:
            attrs["govuk_error"] = True  # read by the date input template
        if kind in GROUPED or kind == "checkbox":
            return attrs
        base = INPUT_CLASSES.get(kind, "govuk-input")
        # attrs here override the widget's own, so keep its classes (e.g. a width class).
        own = (widget or self.field.widget).attrs.get("class", "")
        classes: list[str] = [base, str(own), str(attrs.get("class", ""))]
        if self.errors:
            classes.append(f"{base}--error")
        described_by = self.described_by
        if kind == "textarea" and self.has_character_count:
            # The character count JavaScript finds the textarea by this class and removes
            # maxlength itself; without JavaScript a hard maxlength would silently cut off
            # pasted text, so the limit is left to server-side validation and the message.
            classes.append("govuk-js-character-count")
            attrs["maxlength"] = False  # overrides the widget's own attrs; False omits it
            described_by = f"{self.character_count_id} {described_by}".strip()
        attrs["class"] = " ".join(dict.fromkeys(" ".join(classes).split()))
        if described_by:
            attrs["aria-describedby"] = described_by
        return attrs


class GovukFormRenderer(TemplatesSetting):
    """Renders forms and fields with the project's GOV.UK templates."""

    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"
    bound_field_class = GovukBoundField
