"""Template checking, and rendering a letter to text and to PDF.

A template body is Django template syntax restricted to the merge fields in
`merge.MERGE_FIELDS` and the tags in `ALLOWED_TAGS`; anything else is refused when the
template is saved, and so is a template that names a phone number it cannot fill (ADR 0023).
Text is rendered without escaping (it is plain text) and escaped once when put into the
PDF's HTML. The PDF is tagged PDF/UA-1 with its language and title, so a screen reader can
read it (Public Sector Bodies Accessibility Regulations 2018).
"""

from __future__ import annotations

import re
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import VariableNode
from django.template.loader import render_to_string
from django.utils import timezone

from cads.authority.selectors import authority_configuration
from cads.letters.merge import MERGE_FIELDS, PHONE_FIELDS, REFERRER_FIELDS, date_words
from cads.letters.models import NUMBER_ELSEWHERE, TYPED_NUMBER

ALLOWED_TAGS: Final = frozenset({"if", "elif", "else", "endif"})
_TAG = re.compile(r"{%-?\s*(\w+)")
PDF_LANGUAGE: Final = "en-GB"

_ENGINE = Engine(builtins=[], autoescape=False, string_if_invalid="")


def check_body(body: str, kind: str = "") -> None:
    """Refuse a body using tags or variables outside the documented set, and referrer
    fields in a family letter (they are withheld there when the referrer is a member of
    the public who did not agree to be named)."""
    for tag in _TAG.findall(body):
        if tag not in ALLOWED_TAGS:
            raise ValidationError(f"“{tag}” cannot be used in a letter; only if and else can")
    try:
        template = _ENGINE.from_string(body)
    except TemplateSyntaxError as exc:
        raise ValidationError(f"The template cannot be read: {exc}") from exc
    for node in template.nodelist.get_nodes_by_type(VariableNode):
        expression = node.filter_expression  # type: ignore[attr-defined]
        root = str(getattr(expression.var, "var", expression.var)).split(".", 1)[0]
        if root not in MERGE_FIELDS:
            raise ValidationError(f"“{root}” is not a merge field; use one of the listed fields")
        if kind == "family" and root in REFERRER_FIELDS:
            raise ValidationError(f"“{root}” cannot be used in a letter to a parent or carer")
        if expression.filters:
            raise ValidationError("Filters cannot be used in a letter")
    check_numbers(body)


def variables(body: str) -> set[str]:
    """The merge fields a (valid) template body uses."""
    template = _ENGINE.from_string(body)
    return {
        str(getattr(node.filter_expression.var, "var", node.filter_expression.var)).split(".")[0]  # type: ignore[attr-defined]
        for node in template.nodelist.get_nodes_by_type(VariableNode)
    }


def check_numbers(text: str, *, template: bool = True) -> None:
    """Refuse text that names a number the letter does not give: "the number below", a
    number typed in (it would not follow the authority's settings), or a phone merge field
    whose number the authority has not configured."""
    if NUMBER_ELSEWHERE.search(text):
        raise ValidationError(
            "Give the phone number itself with its merge field, like {{ early_help_phone }}: "
            "“the number below” sends the reader looking for a number that is not there"
        )
    if not template:
        return
    plain = re.sub(r"{{.*?}}", "", text)
    typed = TYPED_NUMBER.search(plain)
    if typed:
        raise ValidationError(
            f"Use a merge field instead of typing “{typed.group(0)}”: every phone number in a "
            "letter comes from the authority settings"
        )
    authority = authority_configuration()
    for name in sorted(variables(text) & PHONE_FIELDS.keys()):
        if not any(getattr(authority, attr).strip() for attr in PHONE_FIELDS[name]):
            raise ValidationError(
                f"The authority settings have no number for {{{{ {name} }}}}: add it there, "
                "or take it out of the letter"
            )


def render_text(body: str, fields: dict[str, Any]) -> str:
    """The letter's text: the template body with its merge fields filled in."""
    # Plain text: nothing is HTML-escaped here (the PDF's template escapes it once).
    text = _ENGINE.from_string(body).render(Context(fields, autoescape=False))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def letter_html(
    *, title: str, text: str, reference: str, recipient_name: str, recipient_address: str = ""
) -> str:
    """The HTML handed to WeasyPrint: letterhead, recipient and address, date, reference,
    the text in paragraphs."""
    authority = authority_configuration()
    return render_to_string(
        "letters/letter_pdf.html",
        {
            "language": PDF_LANGUAGE,
            "letterhead": [line for line in authority.letterhead.splitlines() if line.strip()],
            "authority": authority,
            "title": title,
            "reference": reference,
            "recipient_name": recipient_name,
            "recipient_address": [line for line in recipient_address.splitlines() if line],
            "date": date_words(timezone.now()),
            "blocks": blocks(text),
        },
    )


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """The text as paragraphs and lists: a block whose every line starts "- " is a list
    (tagged as one in the PDF, so a screen reader says how many items it has)."""
    found: list[tuple[str, list[str]]] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            found.append(("list", [line[2:].strip() for line in lines]))
        elif lines:
            found.append(("paragraph", lines))
    return found


def render_pdf(html: str) -> bytes:
    """The PDF of a letter's HTML (WeasyPrint, no network: everything is inline), tagged
    PDF/UA-1: a structure tree, the document's language and its title shown as the title."""
    import weasyprint  # noqa: PLC0415 - slow to import; only PDF makers pay

    pdf: bytes = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return pdf
