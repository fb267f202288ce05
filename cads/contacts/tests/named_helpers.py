"""Builders for named-people tests: an online report naming two siblings and their mother
(names and an address, no date of birth), sent through the real online service."""

from __future__ import annotations

import uuid

from cads.contacts.models import Contact
from cads.contacts.online import ReportedPerson, online_contact_submit
from cads.contacts.tests.test_online_service import answers

ADDRESS = "14 Larch Close, Wessex"
POSTCODE = "WX4 7QT"


def siblings_report(*, consent_free: bool = True) -> Contact:
    """Ruby and Finn Ashdown and their mother Kim, as an anonymous neighbour described them."""
    children = [
        ReportedPerson(
            given_name="Ruby", family_name="Ashdown", address=ADDRESS, postcode=POSTCODE
        ),
        ReportedPerson(
            given_name="Finn", family_name="Ashdown", address=ADDRESS, postcode=POSTCODE
        ),
    ]
    mother = ReportedPerson(given_name="Kim", family_name="Ashdown", relationship="Mother")
    return online_contact_submit(
        answers=answers(children=children, parents=[mother], anonymous=True, name="", phone=""),
        submission_key=uuid.uuid4(),
    )
