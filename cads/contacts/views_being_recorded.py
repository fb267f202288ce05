"""The page someone sees when they open a colleague's draft: who is recording it, since when,
and the answers so far, read only. Only the author and the managers who oversee the tray may
change a draft (cads.contacts.drafts)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cads.accounts.selectors import signed_in_user
from cads.contacts.answers import answer_sections
from cads.contacts.codes import ContactKind
from cads.contacts.models import Contact
from cads.contacts.selectors import contact_viewed


def being_recorded_page(request: HttpRequest, contact: Contact) -> HttpResponse:
    """Read only; a form sent to someone else's draft is refused (403) and changes nothing."""
    contact_viewed(request=request, contact=contact)
    context = {
        "contact": contact,
        "author": contact.created_by,
        "is_consultation": contact.kind == ContactKind.CONSULTATION,
        "sections": answer_sections(contact, viewer=signed_in_user(request)),
    }
    status = 403 if request.method == "POST" else 200
    return render(request, "contacts/intake/being_recorded.html", context, status=status)
