"""Merge fields, template checking, and rendering a letter to text and to PDF.

A template body is Django template syntax restricted to the merge fields in `MERGE_FIELDS`
and the tags in `ALLOWED_TAGS`; anything else is refused when the template is saved. Text is
rendered without escaping (it is plain text) and escaped once when put into the PDF's HTML.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import VariableNode
from django.template.loader import render_to_string
from django.utils import timezone

from cads.authority.selectors import authority_configuration
from cads.contacts.codes import SubjectRole
from cads.contacts.models import Contact

# The documented merge fields (docs/glossary.md, "Letter template").
MERGE_FIELDS: Final[dict[str, str]] = {
    "reference": "The contact's reference, like C-2026-000123",
    "received_date": "The date the contact was received, like 3 March 2026",
    "referrer_name": "The referrer's name",
    "children_first_names": "The children's first names, like Maisie and Tom",
    "outcome_labels": "What was decided, like No further action",
    "reasons_summary": "The reasons recorded with the decision",
    "authority_name": "The authority's name",
    "authority_phone": "The professionals' line or the public line",
    "service_name": "The service's name",
    "today": "Today's date",
}
ALLOWED_TAGS: Final = frozenset({"if", "elif", "else", "endif"})
_TAG = re.compile(r"{%-?\s*(\w+)")

_ENGINE = Engine(builtins=[], autoescape=False, string_if_invalid="")


def check_body(body: str) -> None:
    """Refuse a body using tags or variables outside the documented set."""
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
        if expression.filters:
            raise ValidationError("Filters cannot be used in a letter")


def _date(value: datetime.datetime | datetime.date) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def merge_fields(
    contact: Contact, *, outcome_labels: list[str] | None = None, reasons: str = ""
) -> dict[str, Any]:
    """The values of every merge field for a letter about `contact`."""
    authority = authority_configuration()
    children = [
        subject.person.given_name
        for subject in contact.subjects.select_related("person").order_by("pk")
        if subject.role == SubjectRole.CHILD and subject.person.given_name
    ]
    return {
        "reference": contact.reference or "",
        "received_date": _date(contact.received_at),
        "referrer_name": contact.referrer_name,
        "children_first_names": _join(children) or "the children",
        "outcome_labels": _join(outcome_labels or []),
        "reasons_summary": reasons,
        "authority_name": authority.authority_name,
        "authority_phone": authority.professionals_phone or authority.public_phone,
        "service_name": authority.service_name,
        "today": _date(timezone.now()),
    }


def render_text(body: str, fields: dict[str, Any]) -> str:
    """The letter's text: the template body with its merge fields filled in."""
    text = _ENGINE.from_string(body).render(Context(fields))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def letter_html(*, title: str, text: str, reference: str, recipient_name: str) -> str:
    """The HTML handed to WeasyPrint: letterhead, date, reference, the text in paragraphs."""
    authority = authority_configuration()
    return render_to_string(
        "letters/letter_pdf.html",
        {
            "letterhead": authority.letterhead.splitlines(),
            "authority": authority,
            "title": title,
            "reference": reference,
            "recipient_name": recipient_name,
            "date": _date(timezone.now()),
            "paragraphs": [p.strip() for p in text.split("\n\n") if p.strip()],
        },
    )


def render_pdf(html: str) -> bytes:
    """The PDF of a letter's HTML (WeasyPrint, no network: everything is inline)."""
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf
