"""Template checking, and rendering a letter to text and to PDF.

A template body is Django template syntax restricted to the merge fields in
`merge.MERGE_FIELDS` and the tags in `ALLOWED_TAGS`; anything else is refused when the
template is saved. Text is rendered without escaping (it is plain text) and escaped once
when put into the PDF's HTML.
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
from cads.letters.merge import MERGE_FIELDS, REFERRER_FIELDS, date_words

ALLOWED_TAGS: Final = frozenset({"if", "elif", "else", "endif"})
_TAG = re.compile(r"{%-?\s*(\w+)")

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
            "letterhead": authority.letterhead.splitlines(),
            "authority": authority,
            "title": title,
            "reference": reference,
            "recipient_name": recipient_name,
            "recipient_address": [line for line in recipient_address.splitlines() if line],
            "date": date_words(timezone.now()),
            "paragraphs": [p.strip() for p in text.split("\n\n") if p.strip()],
        },
    )


def render_pdf(html: str) -> bytes:
    """The PDF of a letter's HTML (WeasyPrint, no network: everything is inline)."""
    import weasyprint  # noqa: PLC0415 - slow to import; only PDF makers pay

    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf
