"""GOV.UK radios with conditional reveals, written once: each option, the conditional it
reveals (if any) and the questions placed in a conditional straight after it. The template
is govuk/forms/radios_reveal.html; frontend/js/reveals.mjs shows and hides the conditionals
(without JavaScript every question shows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms


@dataclass
class RevealOption:
    option: Any  # a BoundWidget of the radio field
    reveals: str = ""  # the id of the conditional this option shows
    conditional: str = ""  # the id of the conditional placed after this option
    fields: list[forms.BoundField] = field(default_factory=list)


def reveal_options(
    form: forms.Form,
    name: str,
    reveals: dict[str, str],
    placed: dict[str, tuple[str, list[str]]],
) -> list[RevealOption]:
    """The radios of `form[name]`: `reveals` maps an option's value to the key of the
    conditional it shows (two options may show one conditional); `placed` maps an option's
    value to the conditional written after it, as its key and its fields."""
    bound = form[name]
    prefix = f"conditional-{bound.auto_id}-"
    found = []
    for option in bound:
        value = str(option.data["value"])
        found.append(
            RevealOption(
                option=option,
                reveals=prefix + reveals[value] if value in reveals else "",
                conditional=prefix + placed[value][0] if value in placed else "",
                fields=[form[other] for other in placed[value][1]] if value in placed else [],
            )
        )
    return found
